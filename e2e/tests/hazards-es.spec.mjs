// One visitor per hazard of the hazard log (docs/content-map.md), in Spanish and by
// keyboard only, answering as a frightened visitor might: each reaches the intended
// urgency and contacts. (English walks: a11y/keyboard.spec's keyboard walks and widget.spec's
// outcomes; the native tests walk every hazard too: default_flow_key_paths.)
import { test, expect } from '@playwright/test';
import { answerWithKeyboard, result, setLanguage } from './helpers.mjs';

const WALKS = [
  { hazard: 'hidden suicide risk: not sure, then "a burden"', path: [['danger', ['not-sure']], ['check-danger', ['burden']]], outcome: 'get-help-now', urgency: 'emergency', first: 'tel:988' },
  { hazard: 'talk of death', path: [['danger', ['talks-death']]], outcome: 'get-help-now', urgency: 'emergency', first: 'tel:988' },
  { hazard: 'medical emergency after "no danger"', path: [['danger', ['no']], ['emergency', ['health']]], outcome: 'medical-emergency', urgency: 'emergency', first: 'tel:911' },
  { hazard: 'threats to others among suicide signs', path: [['danger', ['not-sure']], ['check-danger', ['hopeless', 'threats']]], outcome: 'danger-to-others', urgency: 'emergency', first: 'tel:911' },
  { hazard: 'housing crisis is not a 911 emergency', path: [['danger', ['no']], ['emergency', ['housing']]], outcome: 'housing-crisis', urgency: 'urgent', first: null },
  { hazard: 'substance use brings in a professional', path: [['danger', ['no']], ['emergency', ['no']], ['adult', ['yes']], ['illness', ['substance']]], outcome: 'substance-use', urgency: 'urgent', first: 'tel:911' },
];

for (const w of WALKS) {
  test(`es, keyboard: ${w.hazard} → ${w.outcome} (${w.urgency})`, async ({ page }) => {
    await setLanguage(page, 'es');
    await page.goto('/index.html');
    await expect(page.locator('[data-self-check].sc-mounted .sc')).toHaveAttribute('lang', 'es');
    for (const [qid, ids] of w.path) await answerWithKeyboard(page, qid, ids, { continueLabel: 'Continuar' });
    const res = result(page);
    await expect(res).toHaveAttribute('data-outcome', w.outcome);
    await expect(res).toHaveAttribute('data-urgency', w.urgency);
    await expect(page.locator('h2.sc-result-heading')).toBeFocused();
    const first = res.locator('section.sc-contacts a.sc-button-contact').first();
    if (w.first) await expect(first).toHaveAttribute('href', w.first);
    else await expect(res.locator('section.sc-contacts')).toHaveCount(0);
    if (w.outcome === 'danger-to-others') await expect(res).not.toContainText(/quédate (a su lado|con)/i);
  });
}
