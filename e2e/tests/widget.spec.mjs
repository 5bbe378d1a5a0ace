// End-to-end tests of the selfcheck widget on the built demo page (../dist).
//
// The flow's texts, outcomes and one route per outcome come from the engine (`FACTS`, made
// by `selfcheck facts`); the ordinary path below and its advice are worked out by hand from
// ../flows/default.toml (and agree with crates/flow/tests/default-paths.txt).
import { test, expect } from '@playwright/test';
import { active, adviceIds, answerWithKeyboard, answerWithMouse, axeViolations, expectFocusOnLegend, expectFocusOnResultHeading, expectNothingStored, expectOnlyOwnAssets, FACTS, fieldset, legend, openWidget, ownSources, recordRequests, result, ROUTE_PER_OUTCOME, setLanguage, settled, status, US_CRISIS_LINKS, walkWithMouse, widget } from './helpers.mjs';

// Question text (text.en) by id, questions with help text, and those with checkboxes.
const QUESTION_TEXT = Object.fromEntries(FACTS.questions.map((q) => [q.id, q.text.en]));
const HAS_HELP = new Set(FACTS.questions.filter((q) => q.help).map((q) => q.id));
const MULTIPLE = new Set(FACTS.questions.filter((q) => q.type === 'checkbox').map((q) => q.id));

// The keyboard-only ordinary path of the brief.
const ORDINARY_PATH = [
  ['danger', ['no']],
  ['adult', ['yes']],
  ['check-danger', ['none']],
  ['home-safety', ['no']],
  ['emergency', ['no']],
  ['illness', ['no']],
  ['feelings', ['sad', 'frustrated']],
  ['coping', ['well']],
  ['offers', ['often']],
  ['personal', ['no']],
  ['reaction', ['declined']],
];
// Worked out by hand from default.toml for ORDINARY_PATH. Route to ordinary-support:
// coping.badly no, feelings.helpless no, sad+angry no (no angry) -> "ordinary".
// Advice in file order: warning-signs (every calm outcome, always) yes; safety-at-home
// (home-safety.not-sure) no; step-back (offers.often) yes; stop-nagging (offers.often) yes;
// ready-when-they-are (always) yes; not-about-you (personal yes/sometimes) no; after-anger
// no; after-withdrawal no; name-feelings (sad) yes; sleep-eating (coping somewhat/badly) no;
// joys yes; support-for-you (badly/helpless/sad+angry/personal.yes) no; example yes; hope yes.
const ORDINARY_PATH_ADVICE = ['warning-signs', 'step-back', 'stop-nagging', 'ready-when-they-are', 'name-feelings', 'joys', 'example', 'hope'];

// One route per outcome, with its urgency, advice and contacts, as the engine gives them.
const OUTCOMES = ROUTE_PER_OUTCOME.map((r) => ({
  id: r.outcome,
  urgency: r.urgency,
  path: r.path,
  advice: r.advice,
  contacts: FACTS.outcomes.find((o) => o.id === r.outcome).contacts || null,
}));
// The first link of each contact group in the US (data/crisis-contacts.toml): the US has no
// youth-only line.
const US_GROUP_LINK = { emergency: 'tel:911', crisis: 'tel:988', abuse: 'tel:18007997233', gambling: 'tel:18005224700', youth: null };

async function expectCrisisStrip(page) {
  const strip = widget(page).locator('aside.sc-crisis');
  await expect(strip).toHaveCount(1);
  await expect(strip).toBeVisible();
  const links = strip.locator('a.sc-crisis-link');
  await expect(links).toHaveCount(US_CRISIS_LINKS.length);
  expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(US_CRISIS_LINKS);
  for (const l of await links.all()) await expect(l).toBeVisible();
  await expect(strip.locator('select[id$="-region"]')).toHaveValue('us');
}

const escapeRe = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The "Change" button of the "Your answers" row for question `qid`. */
async function changeButton(page, qid) {
  const text = QUESTION_TEXT[qid];
  const row = result(page)
    .locator('dl.sc-answer-list .sc-answer-row')
    .filter({ has: page.locator('dt', { hasText: new RegExp(`^${escapeRe(text)}$`) }) });
  await expect(row).toHaveCount(1);
  const button = row.getByRole('button');
  // Each Change button names its question for screen readers ("Change <question>").
  await expect(button).toHaveAccessibleName(new RegExp(`^Change ${escapeRe(text)}$`));
  return button;
}

/** Native inputs named per question, each labelled; help text linked to the group. */
async function expectQuestionMarkup(page, qid) {
  const fs = fieldset(page, qid);
  const inputs = await fs.locator('input.sc-input').evaluateAll((els) =>
    els.map((e) => ({ type: e.type, name: e.name, labelled: !!e.id && !!document.querySelector(`label[for="${e.id}"]`)?.textContent.trim() })),
  );
  expect(inputs.length).toBeGreaterThan(1);
  for (const i of inputs) {
    expect(i).toEqual({ type: MULTIPLE.has(qid) ? 'checkbox' : 'radio', name: `sc0-${qid}`, labelled: true });
  }
  await expect(fs.locator('input.sc-input:checked'), 'no preselected answer').toHaveCount(0);
  const described = await fs.evaluate((f) =>
    (f.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean).map((id) => document.getElementById(id)?.textContent.trim() ?? `missing #${id}`),
  );
  if (HAS_HELP.has(qid)) {
    expect(described.length, `${qid} help is linked with aria-describedby`).toBeGreaterThan(0);
    expect(described.every((t) => t.length > 0 && !t.startsWith('missing #'))).toBe(true);
    const help = (await fs.locator('.sc-help').textContent()).trim();
    expect(described).toContain(help);
  } else {
    expect(described).toEqual([]);
  }
}

function parseProgress(text) {
  const m = /^Question (\d+) of about (\d+)$/.exec(text.trim());
  expect(m, `live region text "${text}"`).not.toBeNull();
  return [Number(m[1]), Number(m[2])];
}

// ---------------------------------------------------------------------------------------
// Keyboard-only paths and privacy

test('keyboard only: danger path ends at get-help-now with the emergency contacts, no requests after load', async ({ page, context, baseURL }) => {
  const log = await recordRequests(context, page, baseURL);
  const response = await openWidget(page);
  // Everything so far is the page's own assets; from here on there must be nothing at all.
  log.setMark();
  expectOnlyOwnAssets(log, await ownSources(page, response), baseURL);
  await expect(status(page)).toHaveText(/^Question 1 of about \d+$/);

  await answerWithKeyboard(page, 'danger', ['harm-self']);

  const res = result(page);
  await expect(res).toHaveAttribute('data-outcome', 'get-help-now');
  await expect(res).toHaveAttribute('data-urgency', 'emergency');
  await expectFocusOnResultHeading(page);
  // The status names the result; the heading says how soon: each is said once.
  await expect(status(page)).toHaveText(`Result: ${FACTS.outcomes.find((o) => o.id === 'get-help-now').title.en}`);
  await expect(res.locator('h2.sc-result-heading')).toHaveText('Get help now');
  const contacts = res.locator('section.sc-contacts');
  await expect(contacts.locator('a.sc-button-contact[href="tel:911"]')).toBeVisible();
  await expect(contacts.locator('a.sc-button-contact[href="tel:988"]')).toBeVisible();
  expect(await adviceIds(page)).toEqual(ROUTE_PER_OUTCOME.find((r) => r.outcome === 'get-help-now').advice);
  // Suicide risk leads with the emergency number, then the crisis lines (flow 3.0: the
  // outcome lists contacts emergency, crisis).
  expect(await contacts.locator('a.sc-button-contact').evaluateAll((as) => as.map((a) => a.getAttribute('href')).slice(0, 4))).toEqual(['tel:911', 'tel:988', 'sms:988', 'sms:741741']);

  // Once the page has gone round its event loop: nothing was requested after load.
  await settled(page);
  expect(log.since(), 'requests after the widget rendered').toEqual([]);
  expect(log.offOrigin).toEqual([]);
  expect(log.websockets).toEqual([]);
});

test('keyboard only: ordinary path, focus and progress on every step, advice as the flow says', async ({ page, context, baseURL }) => {
  const log = await recordRequests(context, page, baseURL);
  const response = await openWidget(page);
  log.setMark();
  expectOnlyOwnAssets(log, await ownSources(page, response), baseURL);

  let lastN = 0;
  for (const [i, [qid, answers]] of ORDINARY_PATH.entries()) {
    await expect(fieldset(page, qid)).toBeVisible();
    await expect(legend(page, qid)).toHaveText(QUESTION_TEXT[qid]);
    await expectQuestionMarkup(page, qid);
    // The first screen leaves focus with the host page; every later one takes it.
    if (i > 0) await expectFocusOnLegend(page, qid);
    const [n, m] = parseProgress(await status(page).textContent());
    expect(n).toBe(i + 1);
    expect(n).toBeGreaterThan(lastN);
    expect(m).toBeGreaterThanOrEqual(n);
    if (i === ORDINARY_PATH.length - 1) expect(m, 'the last question is the last').toBe(n);
    lastN = n;
    await answerWithKeyboard(page, qid, answers);
  }

  const res = result(page);
  await expect(res).toHaveAttribute('data-outcome', 'ordinary');
  await expect(res).toHaveAttribute('data-urgency', 'self-care');
  await expectFocusOnResultHeading(page);
  await expect(status(page)).toHaveText(/^Result: \S/);
  expect(await adviceIds(page)).toEqual(ORDINARY_PATH_ADVICE);
  // "Your answers" lists each question once, in order.
  await expect(res.locator('dl.sc-answer-list dt')).toHaveText(ORDINARY_PATH.map(([q]) => QUESTION_TEXT[q]));

  await settled(page);
  expect(log.since(), 'requests after the widget rendered').toEqual([]);
  expect(log.offOrigin).toEqual([]);
});

test('after a full run nothing is stored: no cookies, Web Storage, IndexedDB or Cache Storage', async ({ page, context }) => {
  await openWidget(page);
  await walkWithMouse(page, ORDINARY_PATH);
  await expect(result(page)).toHaveAttribute('data-outcome', 'ordinary');
  await expectNothingStored(context, page);
  await page.getByRole('button', { name: 'Start again' }).click();
  await expect(fieldset(page, 'danger')).toBeVisible();
  await expectNothingStored(context, page);
});

// ---------------------------------------------------------------------------------------
// Question screen behaviour

test('Continue with nothing chosen shows an error linked to the group and does not advance', async ({ page }) => {
  await openWidget(page);
  const fs = fieldset(page, 'danger');
  await expect(fs.locator('.sc-error')).toHaveCount(0);
  const before = await status(page).textContent();
  await page.getByRole('button', { name: 'Continue' }).click();

  const error = fs.locator('p.sc-error[role="alert"]');
  await expect(error).toBeVisible();
  await expect(error).toContainText('Choose an answer to continue.');
  const errorId = await error.getAttribute('id');
  expect(errorId).toBeTruthy();
  const describedBy = ((await fs.getAttribute('aria-describedby')) || '').split(/\s+/);
  expect(describedBy).toContain(errorId);
  // Still on the first question.
  await expect(page.locator('fieldset.sc-fieldset')).toHaveCount(1);
  await expect(fs).toBeVisible();
  await expect(result(page)).toHaveCount(0);
  await expect(status(page)).toHaveText(before);
  await expect(page.locator('input.sc-input:checked')).toHaveCount(0);

  // Choosing an answer clears the way.
  await answerWithMouse(page, 'danger', ['no']);
  await expect(fieldset(page, 'adult')).toBeVisible();
  await expect(page.locator('.sc-error')).toHaveCount(0);

  // A checkbox question says "at least one": the warning signs (with their exclusive
  // "none of these") and the feelings.
  await walkWithMouse(page, [['adult', ['yes']]]);
  for (const [qid, before] of [['check-danger', []], ['feelings', [['check-danger', ['none']], ['home-safety', ['no']], ['emergency', ['no']], ['illness', ['no']]]]]) {
    await walkWithMouse(page, before);
    await expect(fieldset(page, qid)).toBeVisible();
    await page.getByRole('button', { name: 'Continue' }).click();
    const fsF = fieldset(page, qid);
    await expect(fsF.locator('p.sc-error[role="alert"]')).toContainText('Choose at least one answer to continue.');
    expect(((await fsF.getAttribute('aria-describedby')) || '').split(/\s+/)).toContain(
      await fsF.locator('p.sc-error').getAttribute('id'),
    );
    await expect(fsF).toBeVisible();
    await expect(fsF.locator('input.sc-input:checked')).toHaveCount(0);
  }
});

test('Back restores the previous answer and moves focus to its legend', async ({ page }) => {
  await openWidget(page);
  await expect(page.getByRole('button', { name: 'Back' })).toHaveCount(0);
  await answerWithKeyboard(page, 'danger', ['no']);
  await expectFocusOnLegend(page, 'adult');
  // Back from a question not yet answered.
  await page.getByRole('button', { name: 'Back' }).click();
  await expectFocusOnLegend(page, 'danger');
  await expect(fieldset(page, 'danger').locator('input[value="no"]')).toBeChecked();
  await expect(fieldset(page, 'danger').locator('input:checked')).toHaveCount(1);
  await expect(status(page)).toHaveText(/^Question 1 of about \d+$/);
  await expect(page.getByRole('button', { name: 'Back' })).toHaveCount(0);

  // Forward again by keyboard (the kept answer is on the focused radio), then Back by keyboard.
  await answerWithKeyboard(page, 'danger', ['no']);
  await answerWithKeyboard(page, 'adult', ['yes']);
  await expectFocusOnLegend(page, 'check-danger');
  await page.getByRole('button', { name: 'Back' }).focus();
  await page.keyboard.press('Enter');
  await expectFocusOnLegend(page, 'adult');
  await expect(fieldset(page, 'adult').locator('input[value="yes"]')).toBeChecked();
  await expect(fieldset(page, 'adult').locator('input[value="no"]')).not.toBeChecked();
  await expect(status(page)).toHaveText(/^Question 2 of about \d+$/);

  // Checkboxes are restored too.
  await walkWithMouse(page, [['adult', ['yes']], ['check-danger', ['none']], ['home-safety', ['no']], ['emergency', ['no']], ['illness', ['no']], ['feelings', ['confused', 'angry']]]);
  await expectFocusOnLegend(page, 'coping');
  await page.getByRole('button', { name: 'Back' }).click();
  await expectFocusOnLegend(page, 'feelings');
  const checked = await fieldset(page, 'feelings').locator('input:checked').evaluateAll((els) => els.map((e) => e.value));
  expect(checked).toEqual(['confused', 'angry']);
});

test('Back restores the previous answer when the current question was answered too', async ({ page }) => {
  // Regression: the answer inputs were once an unkeyed list, so Yew reused the previous
  // screen's <input> elements and a reused checked radio unchecked the restored answer.
  await openWidget(page);
  await walkWithMouse(page, [['danger', ['no']]]);
  await fieldset(page, 'adult').locator('input[value="no"]').check();
  await page.getByRole('button', { name: 'Back' }).click();
  await expectFocusOnLegend(page, 'danger');
  await expect(fieldset(page, 'danger').locator('input[value="no"]')).toBeChecked({ timeout: 2000 });
});

test('Change on the result returns to the question with its answer kept, and back to the result', async ({ page }) => {
  await openWidget(page);
  await walkWithMouse(page, ORDINARY_PATH);
  const res = result(page);
  await expect(res).toHaveAttribute('data-outcome', 'ordinary');
  expect(await adviceIds(page)).toEqual(ORDINARY_PATH_ADVICE);

  // Change a checkbox question, keep the answer: straight back to the result.
  await (await changeButton(page, 'feelings')).click();
  await expectFocusOnLegend(page, 'feelings');
  const kept = await fieldset(page, 'feelings').locator('input:checked').evaluateAll((els) => els.map((e) => e.value));
  expect(kept).toEqual(['sad', 'frustrated']);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(res).toHaveAttribute('data-outcome', 'ordinary');
  await expectFocusOnResultHeading(page);
  expect(await adviceIds(page)).toEqual(ORDINARY_PATH_ADVICE);

  // Change coping from "well" to "somewhat": the path is the same, so Continue leads
  // straight to the result, now with the sleep-and-meals advice.
  await (await changeButton(page, 'coping')).click();
  await expectFocusOnLegend(page, 'coping');
  await expect(fieldset(page, 'coping').locator('input[value="well"]')).toBeChecked();
  await answerWithKeyboard(page, 'coping', ['somewhat']);
  await expect(fieldset(page, 'offers')).toHaveCount(0);
  await expect(res).toHaveAttribute('data-outcome', 'ordinary');
  await expectFocusOnResultHeading(page);
  expect(await adviceIds(page)).toEqual(['warning-signs', 'step-back', 'stop-nagging', 'ready-when-they-are', 'name-feelings', 'sleep-eating', 'joys', 'example', 'hope']);
  const copingRow = res.locator('.sc-answer-row', { has: page.locator('dt', { hasText: QUESTION_TEXT.coping }) });
  await expect(copingRow.locator('dd').first()).toHaveText('A little off');
  // The later answers were kept.
  await expect(res.locator('dl.sc-answer-list dt')).toHaveCount(ORDINARY_PATH.length);

  // Changing to "badly" keeps the path but changes the outcome (route to ordinary-support).
  await (await changeButton(page, 'coping')).click();
  await answerWithMouse(page, 'coping', ['badly']);
  await expect(res).toHaveAttribute('data-outcome', 'ordinary-support');
  await expect(res).toHaveAttribute('data-urgency', 'support');
});

test('Start again clears every answer', async ({ page }) => {
  await openWidget(page);
  await walkWithMouse(page, [['danger', ['harm-others']]]);
  await expect(result(page)).toHaveAttribute('data-outcome', 'danger-to-others');
  await page.getByRole('button', { name: 'Start again' }).click();
  await expect(fieldset(page, 'danger')).toBeVisible();
  await expect(page.locator('input.sc-input:checked')).toHaveCount(0);
  await expect(status(page)).toHaveText(/^Question 1 of about \d+$/);
  await expect(page.getByRole('button', { name: 'Back' })).toHaveCount(0);
  // The old answer is gone from the engine too: Continue with nothing chosen is an error.
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(fieldset(page, 'danger').locator('p.sc-error')).toBeVisible();
});

test('Start again moves focus to the first question, not <body>', async ({ page }) => {
  // Regression: "Start again" once left focus on <body> (the new session's turn was 0).
  await openWidget(page);
  await walkWithMouse(page, [['danger', ['medical']]]);
  await expect(result(page)).toBeVisible();
  await page.getByRole('button', { name: 'Start again' }).focus();
  await page.keyboard.press('Enter');
  await expect(fieldset(page, 'danger')).toBeVisible();
  await expect(legend(page, 'danger')).toBeFocused({ timeout: 2000 });
});

test('the crisis strip is on every screen of the ordinary path and on the result', async ({ page }) => {
  await openWidget(page);
  for (const [qid, answers] of ORDINARY_PATH) {
    await expect(fieldset(page, qid)).toBeVisible();
    await expectCrisisStrip(page);
    await answerWithMouse(page, qid, answers);
  }
  await expect(result(page)).toHaveAttribute('data-outcome', 'ordinary');
  await expectCrisisStrip(page);
});

// ---------------------------------------------------------------------------------------
// Every outcome

for (const o of OUTCOMES) {
  test(`outcome ${o.id}: urgency ${o.urgency}, its advice, contacts placed by urgency`, async ({ page }) => {
    await openWidget(page);
    await walkWithMouse(page, o.path);
    const res = result(page);
    await expect(res).toHaveAttribute('data-outcome', o.id);
    await expect(res).toHaveAttribute('data-urgency', o.urgency);
    await expectFocusOnResultHeading(page);
    expect(await adviceIds(page)).toEqual(o.advice);
    await expect(res.locator('dl.sc-answer-list dt')).toHaveText(o.path.map(([q]) => QUESTION_TEXT[q]));
    const contacts = res.locator('section.sc-contacts');
    // The groups the outcome lists, in order (by default the emergency number, then the
    // crisis lines); an outcome that lists none, such as a housing crisis, shows none.
    const groups = o.contacts ?? ['emergency', 'crisis'];
    const expected = groups.map((g) => US_GROUP_LINK[g]).filter(Boolean);
    if (expected.length === 0) {
      await expect(contacts).toHaveCount(0);
    } else {
      await expect(contacts).toHaveCount(1);
      await expect(contacts.locator('li.sc-contact').first()).toBeVisible();
      await expect(contacts.locator('li.sc-contact').first().locator('a.sc-button-contact').first()).toHaveAttribute('href', expected[0]);
      for (const href of expected) await expect(contacts.locator(`a.sc-button-contact[href="${href}"]`)).toBeVisible();
      // Emergency and urgent outcomes show the contacts first, before the advice.
      const contactsFirst = await res.evaluate((r) => {
        const c = r.querySelector('section.sc-contacts');
        const a = r.querySelector('.sc-advice');
        return !a || !!(c.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      expect(contactsFirst).toBe(o.urgency === 'emergency' || o.urgency === 'urgent');
    }
    await expect(res.getByRole('button', { name: 'Print or save as PDF' })).toBeVisible();
    await expect(res.getByRole('button', { name: 'Start again' })).toBeVisible();
  });
}

// ---------------------------------------------------------------------------------------
// Accessibility (axe-core, WCAG 2.2 AA tag set)

test('axe: first question', async ({ page }) => {
  await openWidget(page);
  expect(await axeViolations(page)).toEqual([]);
});

test('axe: checkbox question', async ({ page }) => {
  await openWidget(page);
  await walkWithMouse(page, ORDINARY_PATH.slice(0, ORDINARY_PATH.findIndex(([q]) => q === 'feelings')));
  await expect(fieldset(page, 'feelings').locator('input[type="checkbox"]').first()).toBeVisible();
  await fieldset(page, 'feelings').locator('input[value="sad"]').check();
  expect(await axeViolations(page)).toEqual([]);
});

test('axe: error state', async ({ page }) => {
  await openWidget(page);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.locator('p.sc-error')).toBeVisible();
  expect(await axeViolations(page)).toEqual([]);
});

for (const o of OUTCOMES) {
  test(`axe: outcome ${o.id}`, async ({ page }) => {
    await openWidget(page);
    await walkWithMouse(page, o.path);
    await expect(result(page)).toHaveAttribute('data-outcome', o.id);
    expect(await axeViolations(page)).toEqual([]);
  });
}

// ---------------------------------------------------------------------------------------
// Language

test('Spanish: data-lang="es" on the mount element shows the flow in Spanish', async ({ page }) => {
  await setLanguage(page, 'es');
  await page.goto('/index.html');
  await expect(page.locator('[data-self-check]')).toHaveAttribute('data-lang', 'es');
  await expect(legend(page, 'danger')).toHaveText(FACTS.questions[0].text.es);
  await expect(widget(page)).toHaveAttribute('lang', 'es');
  await expect(status(page)).toHaveText(/^Pregunta 1 de unas \d+$/);
  await expect(page.getByRole('button', { name: 'Continuar' })).toBeVisible();
  await answerWithMouseEs(page, 'danger', 'no');
  await expect(legend(page, 'adult')).toHaveText(FACTS.questions.find((q) => q.id === 'adult').text.es);
});

test('French: lang="fr" (or fr-CA) shows the flow, the widget’s words and the contact names in French', async ({ page }) => {
  await setLanguage(page, 'fr-CA');
  await page.goto('/index.html');
  await expect(widget(page)).toHaveAttribute('lang', 'fr');
  await expect(legend(page, 'danger')).toHaveText(FACTS.questions[0].text.fr);
  await expect(status(page)).toHaveText(/^Question 1 sur environ \d+$/);
  await fieldset(page, 'danger').locator('input[value="harm-self"]').check();
  await page.getByRole('button', { name: 'Continuer' }).click();
  await expect(result(page)).toHaveAttribute('data-outcome', 'get-help-now');
  await expect(page.locator('h2.sc-result-heading')).toHaveText("Demandez de l'aide maintenant");
  await expect(page.locator('.sc-contacts')).toContainText("Services d'urgence");
});

async function answerWithMouseEs(page, qid, id) {
  await fieldset(page, qid).locator(`input[value="${id}"]`).check();
  await page.getByRole('button', { name: 'Continuar' }).click();
}
