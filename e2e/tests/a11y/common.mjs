// Shared by the accessibility suites (WCAG 2.2 A/AA, in Chromium, on the built pages in
// ../../dist): the default flow's questions and routes from the engine (`FACTS`, made by
// `selfcheck facts` before the run), opening, walking and auditing. General helpers
// (focus, keyboard answering, requests, storage) are in ../helpers.mjs.
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { active, backButton, continueButton, expectLive, FACTS, fieldset, isBack, isContinue, legend, question, result, setLanguage, tabUntil, WCAG_TAGS, widget } from '../helpers.mjs';

// ---------------------------------------------------------------------------------------
// The default flow

/** Each question: input type, answer ids in order, whether it has help text. */
export const QUESTIONS = Object.fromEntries(
  FACTS.questions.map((q) => [q.id, { type: q.type, answers: q.answers.map((a) => a.id), help: q.help }]),
);
export const OUTCOMES = FACTS.outcomes.map((o) => o.id);

/**
 * Routes that reach every outcome and give every answer at least once (the combinations of
 * a checkbox question are represented by routes that cover each box). The first route
 * visits every question, so the question screens are audited on it; the others add their
 * result screens.
 */
export const ROUTES = FACTS.routes;
export const FULL_ROUTE = ROUTES[0];
/** The question after "No, not that I know of" (flow 3.0: `adult`), the answer there that
 * leads on to another question, and that question (`check-danger`). */
export const ON_ROUTE = ROUTES.find((r) => r.path.length > 2 && r.path[0][0] === 'danger' && r.path[0][1][0] === 'no');
export const AFTER_NO = ON_ROUTE.path[1][0];
export const AFTER_NO_ON = ON_ROUTE.path[1][1][0];
export const THEN = ON_ROUTE.path[2][0];
export const FIRST_ANSWER_AFTER_NO = FACTS.questions.find((q) => q.id === AFTER_NO).answers[0].id;

export const QUESTION_STATES = ['unanswered', 'error', 'answered'];
export const SCHEMES = ['light', 'dark'];
export const LANGS = FACTS.languages;
/** Widget background (computed) per colour scheme: proves the emulation took effect. */
export const WIDGET_BG = { light: 'rgb(255, 255, 255)', dark: 'rgb(20, 25, 31)' };

// ---------------------------------------------------------------------------------------
// Loading and walking (language-neutral: no button names). The walking helpers only call
// `.locator()` on their first argument, so it may be the page, a <self-check> element's
// Locator (Playwright's CSS pierces its open shadow root) or an iframe's FrameLocator.

export async function open(page, lang = 'en') {
  if (lang !== 'en') await setLanguage(page, lang);
  const response = await page.goto('/index.html');
  expect(response?.status()).toBe(200);
  await expectLive(page);
  await expect(widget(page)).toHaveAttribute('lang', lang);
}


/** Asserts question `qid` is on screen and offers exactly the answers in QUESTIONS. */
export async function expectQuestion(page, qid) {
  const fs = fieldset(page, qid);
  await expect(fs).toBeVisible();
  const inputs = await fs.locator('input.sc-input').evaluateAll((els) => els.map((e) => [e.type, e.value]));
  expect(inputs, `answers of ${qid} (update the tables if the flow changed)`).toEqual(
    QUESTIONS[qid].answers.map((a) => [QUESTIONS[qid].type, a]),
  );
}

export async function choose(page, qid, ids) {
  const fs = fieldset(page, qid);
  for (const id of ids) await fs.locator(`input.sc-input[value="${id}"]`).check();
  const checked = await fs.locator('input.sc-input:checked').evaluateAll((els) => els.map((e) => e.value));
  expect(checked).toEqual(QUESTIONS[qid].answers.filter((a) => ids.includes(a)));
}

/** Walks `path` with the pointer; `onScreen(qid, i)` runs on each question before answering. */
export async function walk(page, path, onScreen = async () => {}) {
  for (const [i, [qid, ids]] of path.entries()) {
    await expectQuestion(page, qid);
    await onScreen(qid, i);
    await choose(page, qid, ids);
    await continueButton(page).click();
  }
}

/** From a result, "Start again" (language-neutral): back to an empty first question. */
export async function startAgain(page) {
  await page.locator('section.sc-result .sc-actions button.sc-button-primary').click();
  await expect(fieldset(page, 'danger')).toBeVisible();
  await expect(page.locator('input.sc-input:checked')).toHaveCount(0);
}

export async function expectOutcome(page, outcome) {
  await expect(result(page)).toHaveAttribute('data-outcome', outcome);
  await expect(page.locator('h2.sc-result-heading')).toBeFocused();
}

// ---------------------------------------------------------------------------------------
// axe

/**
 * Runs axe (WCAG 2.2 A/AA tags) on the whole page in the light and the dark scheme; counts
 * each run. Besides violations, any result axe could not decide ("incomplete", needs review)
 * fails too: axe files text whose colour equals its background (1:1) there, not under
 * violations, and that is how invisible contact buttons once passed.
 *
 * Legacy mode runs axe.run in the page; the default mode opens a blank page for every
 * analyze() to merge frame results (~0.8 s each). The demo page has no iframes, so the
 * results are the same.
 */
export async function audit(page, label, count, scope = page) {
  for (const scheme of SCHEMES) {
    await page.emulateMedia({ colorScheme: scheme });
    await expect(scope.locator('.sc').first()).toHaveCSS('background-color', WIDGET_BG[scheme]);
    const r = await new AxeBuilder({ page })
      .withTags(WCAG_TAGS)
      .options({ resultTypes: ['violations', 'incomplete'] })
      .setLegacyMode(true)
      .analyze();
    const show = (kind) => (v) => ({
      kind,
      id: v.id,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${(n.failureSummary || n.any.map((c) => c.message).join('; ')).replace(/\s+/g, ' ')}`),
    });
    const problems = [
      ...r.violations.map(show('violation')),
      ...r.incomplete.map(show('needs review')),
    ];
    expect(problems, `axe: ${label} (${scheme})`).toEqual([]);
    count.n += 1;
  }
}


// Keyboard only


/**
 * 2.4.11: the focused element is inside the viewport and nothing covers it (the topmost
 * element at several points of its box is the element or inside it).
 */
export async function expectFocusNotObscured(page) {
  const r = await page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { ok: false, why: 'focus is on <body>' };
    const b = el.getBoundingClientRect();
    const vw = document.documentElement.clientWidth;
    const vh = window.innerHeight;
    // Half a CSS pixel of slack: at 400% zoom, scrolling to a box rounds to device pixels.
    const inside = b.width > 0 && b.height > 0 && b.top >= -0.5 && b.left >= -0.5 && b.bottom <= vh + 0.5 && b.right <= vw + 0.5;
    const points = [
      [b.left + 2, b.top + 2],
      [b.left + b.width / 2, b.top + b.height / 2],
      [b.right - 2, b.bottom - 2],
    ];
    const covered = points.filter(([x, y]) => {
      const top = document.elementFromPoint(x, y);
      return !top || !(top === el || el.contains(top));
    });
    return { ok: inside && covered.length === 0, why: JSON.stringify({ box: [b.left, b.top, b.right, b.bottom], viewport: [vw, vh], covered }) };
  });
  expect(r.ok, `focused element visible and not obscured: ${r.why}`).toBe(true);
}

export async function expectFocusOn(page, qid) {
  if (qid) {
    await expect(legend(page, qid)).toBeFocused();
  } else {
    await expect(page.locator('h2.sc-result-heading')).toBeFocused();
  }
  await expectFocusNotObscured(page);
}

export async function checkedValues(page, qid) {
  return fieldset(page, qid).locator('input.sc-input:checked').evaluateAll((els) => els.map((e) => e.value));
}

/**
 * From question `qid` (focus on its legend): Tab to Back, Enter; the previous question
 * shows its answer and takes focus; Tab to Continue (then, if there is a Back button, Tab
 * to it and Shift+Tab back to Continue), Enter: back on `qid`.
 */
export async function backAndForth(page, qid, prev, prevIds) {
  await tabUntil(page, isBack, 'Back');
  await page.keyboard.press('Enter');
  await expectFocusOn(page, prev);
  expect(await checkedValues(page, prev), `Back restores the answer to ${prev}`).toEqual(QUESTIONS[prev].answers.filter((a) => prevIds.includes(a)));
  await tabUntil(page, isContinue, 'Continue');
  if ((await backButton(page).count()) > 0) {
    await page.keyboard.press('Tab');
    expect(isBack(await active(page)), 'Back follows Continue').toBe(true);
    await page.keyboard.press('Shift+Tab');
    expect(isContinue(await active(page)), 'Shift+Tab returns to Continue').toBe(true);
  }
  await page.keyboard.press('Enter');
  await expectFocusOn(page, qid);
}

/** Records (and refuses) navigations away from the test server, e.g. the quick exit's. */
export async function recordLeaving(context) {
  const left = [];
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
    left.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  return left;
}
