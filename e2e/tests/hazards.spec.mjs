// One visitor per hazard of the hazard log (docs/content-map.md), in English, Spanish and
// French, by keyboard only, answering the calm way a frightened visitor might (the same
// situations as crates/flow/tests/situations.rs): each reaches the intended outcome, its
// first call button is the right service for the US demo page, and the words the hazard
// needs are on the result. Flow 3.0.0: every visitor without a danger answer is asked the
// warning signs and about abuse at home.
import { test, expect } from '@playwright/test';
import { answerWithKeyboard, result, setLanguage } from './helpers.mjs';

const CONTINUE = { en: 'Continue', es: 'Continuar', fr: 'Continuer' };
const calm = [['danger', ['no']], ['adult', ['yes']]];
const noSigns = [...calm, ['check-danger', ['none']], ['home-safety', ['no']], ['emergency', ['no']]];

const WALKS = [
  {
    id: 'burden-with-gambling-debt',
    path: [...calm, ['check-danger', ['burden']]],
    outcome: 'get-help-now', urgency: 'emergency', first: 'tel:911',
    says: { en: /call the emergency number now/, es: /llama ahora al número de emergencias/, fr: /appelez dès maintenant le numéro d'urgence/ },
  },
  {
    id: 'postpartum-partner-thinks-exhaustion',
    path: [['danger', ['not-sure']], ['adult', ['yes']], ['check-danger', ['birth']]],
    outcome: 'mental-health-emergency', urgency: 'emergency', first: 'tel:988',
    says: { en: /alone with the baby/, es: /sola con el bebé/, fr: /seule avec le bébé/ },
  },
  {
    id: 'hit-when-raising-his-drinking',
    path: [...calm, ['check-danger', ['none']], ['home-safety', ['afraid']]],
    outcome: 'abuse-at-home', urgency: 'urgent', first: 'tel:18007997233',
    says: { en: /not your fault/, es: /no es tu culpa/, fr: /pas votre faute/ },
    never: { en: /outburst often covers/, es: /el enojo esconde/, fr: /La colère cache souvent/ },
  },
  {
    id: 'sister-hit-by-partner',
    path: [...calm, ['check-danger', ['none']], ['home-safety', ['hurt-by-other']]],
    outcome: 'abuse-of-loved-one', urgency: 'urgent', first: 'tel:18007997233',
    says: { en: /believing them/, es: /creerle/, fr: /la croire/ },
  },
  {
    id: 'child-harmed-at-home',
    path: [['danger', ['no']], ['adult', ['no']], ['check-danger', ['none']], ['home-safety', ['hurt-by-other']]],
    outcome: 'child-protection', urgency: 'urgent', first: 'tel:911',
    says: { en: /children's services/, es: /protección de menores/, fr: /protection de l'enfance/ },
  },
  {
    id: 'fifteen-year-old-cutting',
    path: [['danger', ['no']], ['adult', ['no']], ['check-danger', ['self-harm']]],
    outcome: 'minor', urgency: 'urgent', first: 'tel:988',
    says: { en: /emergency department/, es: /urgencias/, fr: /urgences/ },
  },
  {
    id: 'son-on-opioids-nodding-off',
    path: [...noSigns, ['illness', ['substance']]],
    outcome: 'substance-use', urgency: 'urgent', first: 'tel:911',
    says: { en: /naloxone/, es: /naloxona/, fr: /naloxone/ },
  },
  {
    id: 'gambling-debt-no-signs-ticked',
    path: [...noSigns, ['illness', ['gambling']]],
    outcome: 'gambling', urgency: 'urgent', first: 'tel:18005224700',
    says: { en: /addiction/, es: /adicción/, fr: /dépendance/ },
  },
  {
    id: 'father-not-eating',
    path: [...noSigns, ['illness', ['memory']]],
    outcome: 'serious-illness', urgency: 'urgent', first: 'tel:911',
    says: { en: /adult social services/, es: /servicios sociales/, fr: /services sociaux/ },
  },
];

for (const lang of ['en', 'es', 'fr']) {
  for (const w of WALKS) {
    test(`${lang}, keyboard: ${w.id} → ${w.outcome} (${w.urgency})`, async ({ page }) => {
      await setLanguage(page, lang);
      await page.goto('/index.html');
      await expect(page.locator('[data-self-check].sc-mounted .sc')).toHaveAttribute('lang', lang);
      for (const [qid, ids] of w.path) await answerWithKeyboard(page, qid, ids, { continueLabel: CONTINUE[lang] });
      const res = result(page);
      await expect(res).toHaveAttribute('data-outcome', w.outcome);
      await expect(res).toHaveAttribute('data-urgency', w.urgency);
      await expect(page.locator('h2.sc-result-heading')).toBeFocused();
      const first = res.locator('section.sc-contacts a.sc-button-contact').first();
      await expect(first).toHaveAttribute('href', w.first);
      await expect(res).toContainText(w.says[lang]);
      if (w.never) await expect(res).not.toContainText(w.never[lang]);
      // Every result that is not an emergency carries the warning signs (C1).
      if (w.urgency !== 'emergency') await expect(res.locator('[data-advice="warning-signs"]')).toHaveCount(1);
    });
  }
}
