// The validated questionnaires (flows/phq-9.toml, flows/gad-7.toml) run from the same build
// as the default flow, each from its own pack: walked by keyboard, scored on the result with
// the band, the answers and their points, and the attribution; item 9 of the PHQ-9 always
// reaches immediate help; each "Yes" of our own danger screen reaches its own emergency
// outcome with no score and no band; axe finds nothing; nothing is requested after the
// first question.
import { test, expect } from '@playwright/test';
import { answerWithKeyboard, axeViolations, expectNothingStored, expectOnlyOwnAssets, ownSources, recordRequests, result, settled } from './helpers.mjs';

const CREDIT = 'Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, with an educational grant from Pfizer Inc.';
const answerIds = ['not-at-all', 'several-days', 'more-than-half', 'nearly-every-day'];

async function open(page, context, baseURL, flow) {
  const log = await recordRequests(context, page, baseURL);
  const response = await page.goto(`/embed.html?flow=${flow}&region=us&lang=en`);
  await expect(page.locator('[data-self-check].sc-mounted fieldset[data-question="danger"]')).toBeVisible();
  expectOnlyOwnAssets(log, await ownSources(page, response), baseURL);
  // Only this flow's pack and its first screen.
  expect(log.all.filter((r) => r.url.includes('/packs/')).map((r) => new URL(r.url).pathname).sort()).toEqual([`/packs/${flow}.en.pack`, `/packs/${flow}.en.screen.json`]);
  log.setMark();
  return log;
}

for (const [flow, items, max, points, outcome, band] of [
  ['phq-9', 9, 27, [1, 2, 3, 1, 0, 2, 1, 2, 0], 'moderate', 'Moderate (10–14)'],
  ['gad-7', 7, 21, [3, 3, 2, 3, 2, 1, 3], 'severe', 'Severe (15–21)'],
]) {
  test(`${flow}: keyboard walk, the score, band, answers with points and the credit line; axe clean, no requests`, async ({ page, context, baseURL }) => {
    test.setTimeout(60_000);
    const log = await open(page, context, baseURL, flow);
    // Our own danger question first: it says it is not part of the questionnaire.
    await expect(page.locator('fieldset[data-question="danger"] .sc-help')).toContainText('not part of the');
    await answerWithKeyboard(page, 'danger', ['no']);
    for (let i = 0; i < items; i++) {
      const qid = `item-${i + 1}`;
      await expect(page.locator(`fieldset[data-question="${qid}"] legend`)).toBeFocused();
      await answerWithKeyboard(page, qid, [answerIds[points[i]]]);
    }
    const total = points.reduce((a, b) => a + b, 0);
    const res = result(page);
    await expect(res).toHaveAttribute('data-outcome', outcome);
    await expect(page.locator('h2.sc-result-heading')).toBeFocused();
    await expect(res.locator('.sc-score h3')).toHaveText(`Your score: ${total} of ${max}`);
    await expect(res.locator('.sc-band')).toHaveText(band);
    await expect(res.locator('.sc-attribution')).toContainText(CREDIT);
    const rows = res.locator('dl.sc-answer-list .sc-answer-row');
    await expect(rows).toHaveCount(items + 1);
    await expect(rows.nth(1).locator('.sc-points')).toHaveText(`— ${points[0]} ${points[0] === 1 ? 'point' : 'points'}`);
    expect(await axeViolations(page)).toEqual([]);
    // Printing keeps the scored answers (what a visitor takes to the doctor).
    await page.emulateMedia({ media: 'print' });
    await expect(res.locator('.sc-answers')).toBeVisible();
    await expect(res.locator('.sc-score')).toBeVisible();
    await page.emulateMedia({ media: 'screen' });
    await settled(page);
    expect(log.since(), 'requests after the first question').toEqual([]);
    await expectNothingStored(context, page);
  });
}

for (const [label, points] of [
  ['total 1', [0, 0, 0, 0, 0, 0, 0, 0, 1]],
  ['total 27', [3, 3, 3, 3, 3, 3, 3, 3, 3]],
]) {
  test(`phq-9: any answer above "Not at all" on item 9 reaches immediate help whatever the total (${label})`, async ({ page, context, baseURL }) => {
    test.setTimeout(60_000);
    await open(page, context, baseURL, 'phq-9');
    for (const [qid, p] of [['danger', null], ...points.map((p, i) => [`item-${i + 1}`, p])]) {
      await page.locator(`fieldset[data-question="${qid}"] input[value="${p === null ? 'no' : answerIds[p]}"]`).check();
      await page.getByRole('button', { name: 'Continue' }).click();
    }
    const res = result(page);
    await expect(res).toHaveAttribute('data-outcome', 'self-harm-thoughts');
    await expect(res).toHaveAttribute('data-urgency', 'emergency');
    // The crisis line leads, then the emergency number; the score is shown below, never instead.
    const links = await res.locator('section.sc-contacts a.sc-button-contact').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links[0]).toBe('tel:988');
    expect(links).toContain('tel:911');
    const order = await res.evaluate((r) => {
      const c = r.querySelector('section.sc-contacts');
      const s = r.querySelector('.sc-score');
      return !!(c.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING);
    });
    expect(order, 'the contacts come before the score').toBe(true);
    const total = points.reduce((a, b) => a + b, 0);
    await expect(res.locator('.sc-score h3')).toHaveText(`Your score: ${total} of 27`);
  });
}

for (const [flow, answer, outcome, first] of [
  ['phq-9', 'harm-self', 'get-help-now', 'tel:988'],
  ['phq-9', 'harm-others', 'danger-to-others', 'tel:911'],
  ['gad-7', 'harm-self', 'get-help-now', 'tel:988'],
  ['gad-7', 'threat', 'under-threat', 'tel:911'],
]) {
  test(`${flow}: "${answer}" on our danger screen reaches ${outcome}, with no score and no band`, async ({ page, context, baseURL }) => {
    await open(page, context, baseURL, flow);
    await answerWithKeyboard(page, 'danger', [answer]);
    const res = result(page);
    await expect(res).toHaveAttribute('data-outcome', outcome);
    await expect(res).toHaveAttribute('data-urgency', 'emergency');
    const links = await res.locator('section.sc-contacts a.sc-button-contact').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links[0]).toBe(first);
    await expect(res.locator('.sc-score h3')).toHaveText('The questionnaire was not completed, so there is no score.');
    await expect(res.locator('.sc-band')).toHaveCount(0);
    await expect(res).not.toContainText(/Your score|Minimal|Mild|Moderate|Severe|of 2[17]\b/);
    expect(await res.getAttribute('data-scored')).toBeNull();
  });
}
