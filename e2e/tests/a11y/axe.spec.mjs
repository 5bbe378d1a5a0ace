// Accessibility, axe-core: every question in every state and every distinct result, in every
// language, light and dark; and the custom element and iframe pages. docs/accessibility.md
// maps each success criterion to its test.
import { test, expect } from '@playwright/test';
import { continueButton, fieldset, result, ROUTE_PER_OUTCOME } from '../helpers.mjs';
import { audit, choose, expectOutcome, expectQuestion, FULL_ROUTE, LANGS, open, OUTCOMES, QUESTION_STATES, QUESTIONS, ROUTES, SCHEMES, startAgain, walk } from './common.mjs';

const QUESTION_AUDITS = Object.keys(QUESTIONS).length * QUESTION_STATES.length * SCHEMES.length;
/** In English, every distinct result screen: the routes that add an outcome or an advice
 * block no earlier route showed; one route per outcome in the other languages. */
const DISTINCT_RESULTS = (() => {
  const seen = new Set();
  return ROUTES.filter((r) => {
    const shown = [r.outcome, ...r.advice.map((a) => `advice:${a}`)];
    const adds = shown.some((x) => !seen.has(x));
    shown.forEach((x) => seen.add(x));
    return adds;
  });
})();
const RESULT_ROUTES = (lang) => (lang === 'en' ? DISTINCT_RESULTS : ROUTE_PER_OUTCOME);
/** Result screens: one per route. */
const RESULT_AUDITS = DISTINCT_RESULTS.length * SCHEMES.length;
/** The embedding pages (below): the custom element page 5 screens, the iframe page 4. */
const EMBED_AUDITS = (5 + 4) * SCHEMES.length;
const TOTAL_AUDITS =
  QUESTION_AUDITS * LANGS.length + LANGS.reduce((n, l) => n + RESULT_ROUTES(l).length * SCHEMES.length, 0) + EMBED_AUDITS;

test('axe plan: every question, state, answer and outcome is covered', () => {
  // Every question is on the full route, and it is the route the question screens are audited on.
  expect(FULL_ROUTE.path.map(([q]) => q)).toEqual(Object.keys(QUESTIONS));
  // Every answer of every question is given on some route.
  for (const [qid, q] of Object.entries(QUESTIONS)) {
    for (const a of q.answers) {
      expect(ROUTES.some((r) => r.path.some(([p, ids]) => p === qid && ids.includes(a))), `${qid}.${a} is on a route`).toBe(true);
    }
  }
  // Every outcome is reached, and no two routes are the same.
  expect(new Set(ROUTES.map((r) => r.outcome))).toEqual(new Set(OUTCOMES));
  expect(new Set(ROUTES.map((r) => JSON.stringify(r.path))).size).toBe(ROUTES.length);
  console.log(
    `[a11y] axe plan: ${Object.keys(QUESTIONS).length} questions × ${QUESTION_STATES.length} states + ${ROUTES.length} result routes ` +
      `(${RESULT_AUDITS / 2} in English, ${ROUTE_PER_OUTCOME.length} in each other language) × ${SCHEMES.length} schemes ` +
      `+ ${EMBED_AUDITS / 2} embedding screens × ${SCHEMES.length} schemes = ${TOTAL_AUDITS} audits`,
  );
});

/** The audits are split into chunks of about `size` so the two workers share them. */
const chunks = (items, size) => {
  const n = Math.ceil(items.length / size);
  return Array.from({ length: n }, (_, i) => items.slice(Math.round((i * items.length) / n), Math.round(((i + 1) * items.length) / n)));
};
const QUESTION_CHUNKS = chunks(Object.keys(QUESTIONS), 4);
const RESULT_CHUNKS = (lang) => chunks(RESULT_ROUTES(lang), 9);

test('axe plan: the chunks cover every question and route once', () => {
  expect(QUESTION_CHUNKS.flat()).toEqual(Object.keys(QUESTIONS));
  for (const lang of LANGS) expect(RESULT_CHUNKS(lang).flat()).toEqual(RESULT_ROUTES(lang));
});

for (const lang of LANGS) {
  for (const [c, chunk] of QUESTION_CHUNKS.entries()) {
    test(`axe (${lang}): questions ${chunk.join(', ')}: unanswered, with the error, answered; light and dark`, async ({ page }) => {
      test.setTimeout(60_000);
      const count = { n: 0 };
      await open(page, lang);
      const path = FULL_ROUTE.path.slice(0, Math.max(...chunk.map((q) => Object.keys(QUESTIONS).indexOf(q))) + 1);
      await walk(page, path, async (qid) => {
        if (!chunk.includes(qid)) return;
        await audit(page, `${lang} ${qid} unanswered`, count);
        await continueButton(page).click();
        await expect(fieldset(page, qid).locator('p.sc-error[role="alert"]')).toBeVisible();
        await audit(page, `${lang} ${qid} error`, count);
        await choose(page, qid, FULL_ROUTE.path.find(([q]) => q === qid)[1]);
        await expect(fieldset(page, qid).locator('p.sc-error')).toHaveCount(0);
        await audit(page, `${lang} ${qid} answered`, count);
      });
      console.log(`[a11y] axe ${lang} question chunk ${c + 1}: ${count.n} screens × modes audited, 0 violations`);
      expect(count.n).toBe(chunk.length * QUESTION_STATES.length * SCHEMES.length);
    });
  }

  for (const [c, chunk] of RESULT_CHUNKS(lang).entries()) {
    test(`axe (${lang}): results, chunk ${c + 1} (${chunk.map((r) => r.outcome).join(', ')}); light and dark`, async ({ page }) => {
      test.setTimeout(60_000);
      const count = { n: 0 };
      await open(page, lang);
      for (const [i, route] of chunk.entries()) {
        if (i > 0) await startAgain(page);
        await walk(page, route.path);
        await expectOutcome(page, route.outcome);
        await audit(page, `${lang} result: ${route.name}`, count);
      }
      console.log(`[a11y] axe ${lang} result chunk ${c + 1}: ${count.n} screens × modes audited, 0 violations`);
      expect(count.n).toBe(chunk.length * SCHEMES.length);
    });
  }
}

// The embeddings: the <self-check> custom element (shadow DOM, two on one page) and the
// iframe page (embed.html inside a sandboxed frame). The widget is the same; these audit the
// first question in its three states and the emergency result in each container.

/** Question 1 unanswered, with the error, answered, then the emergency result, in `scope`. */
async function auditFirstScreens(page, scope, label, count) {
  await expectQuestion(scope, 'danger');
  await audit(page, `${label} danger unanswered`, count, scope);
  await continueButton(scope).click();
  await expect(fieldset(scope, 'danger').locator('p.sc-error[role="alert"]'), `${label}: Continue works (error shown)`).toBeVisible();
  await audit(page, `${label} danger error`, count, scope);
  await choose(scope, 'danger', ['harm-self']);
  await audit(page, `${label} danger answered`, count, scope);
  await continueButton(scope).click();
  await expectOutcome(scope, 'get-help-now');
  await audit(page, `${label} result get-help-now`, count, scope);
}

test('axe (custom element page): two <self-check> elements, question states and the emergency result, light and dark', async ({ page }) => {
  const count = { n: 0 };
  const response = await page.goto('/element.html');
  expect(response?.status()).toBe(200);
  const first = page.locator('self-check#first');
  const second = page.locator('self-check#second');
  await expect(first.locator('.sc')).toHaveAttribute('lang', 'en');
  await expect(second.locator('.sc')).toHaveAttribute('lang', 'es');
  await auditFirstScreens(page, first, 'element #first', count);
  await walk(second, [['danger', ['threat']]]);
  await expectOutcome(second, 'danger-to-others');
  await audit(page, 'element #second (es) result danger-to-others', count, second);
  console.log(`[a11y] axe custom element page: ${count.n} screens × modes audited, 0 violations`);
  expect(count.n).toBe(5 * SCHEMES.length);
});

test('axe (iframe page): question states and the emergency result inside the frame, light and dark', async ({ page }) => {
  const count = { n: 0 };
  const response = await page.goto('/iframe.html');
  expect(response?.status()).toBe(200);
  const frame = page.frameLocator('iframe#self-check-frame');
  await expect(frame.locator('.sc')).toHaveAttribute('lang', 'en');
  await auditFirstScreens(page, frame, 'iframe', count);
  console.log(`[a11y] axe iframe page: ${count.n} screens × modes audited, 0 violations`);
  expect(count.n).toBe(4 * SCHEMES.length);
});
