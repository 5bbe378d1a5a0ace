// Accessibility of the selfcheck widget, WCAG 2.2 A/AA, proven in Chromium on the built
// pages in ../dist: the demo page (every route), and the custom element and iframe pages
// (a sample). docs/accessibility.md maps each success criterion to the tests here.
//
// The flow's questions, answers, outcomes and routes come from the engine (`FACTS`, made
// by `selfcheck facts` before the run), so a change to the flow changes what is walked.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { active, answerWithKeyboard, expectLive, FACTS, fieldset, legend, result, ROUTE_PER_OUTCOME, setLanguage, settled, status, WCAG_TAGS, widget } from './helpers.mjs';

// ---------------------------------------------------------------------------------------
// The default flow

/** Each question: input type, answer ids in order, whether it has help text. */
const QUESTIONS = Object.fromEntries(
  FACTS.questions.map((q) => [q.id, { type: q.type, answers: q.answers.map((a) => a.id), help: q.help }]),
);
const OUTCOMES = FACTS.outcomes.map((o) => o.id);

/**
 * Routes that reach every outcome and give every answer at least once (the combinations of
 * a checkbox question are represented by routes that cover each box). The first route
 * visits every question, so the question screens are audited on it; the others add their
 * result screens.
 */
const ROUTES = FACTS.routes;
const FULL_ROUTE = ROUTES[0];
/** The question after "No, no one is in danger", the answer there that leads on to another
 * question, and that question. */
const ON_ROUTE = ROUTES.find((r) => r.path.length > 2 && r.path[0][0] === 'danger' && r.path[0][1][0] === 'no');
const AFTER_NO = ON_ROUTE.path[1][0];
const AFTER_NO_ON = ON_ROUTE.path[1][1][0];
const THEN = ON_ROUTE.path[2][0];
const FIRST_ANSWER_AFTER_NO = FACTS.questions.find((q) => q.id === AFTER_NO).answers[0].id;

const QUESTION_STATES = ['unanswered', 'error', 'answered'];
const SCHEMES = ['light', 'dark'];
const LANGS = FACTS.languages;
/** Widget background (computed) per colour scheme: proves the emulation took effect. */
const WIDGET_BG = { light: 'rgb(255, 255, 255)', dark: 'rgb(20, 25, 31)' };

// ---------------------------------------------------------------------------------------
// Loading and walking (language-neutral: no button names). The walking helpers only call
// `.locator()` on their first argument, so it may be the page, a <self-check> element's
// Locator (Playwright's CSS pierces its open shadow root) or an iframe's FrameLocator.

async function open(page, lang = 'en') {
  if (lang !== 'en') await setLanguage(page, lang);
  const response = await page.goto('/index.html');
  expect(response?.status()).toBe(200);
  await expectLive(page);
  await expect(widget(page)).toHaveAttribute('lang', lang);
}

const continueButton = (page) => page.locator('form.sc-question button[type="submit"]');
const backButton = (page) => page.locator('form.sc-question button.sc-button-secondary');

/** Asserts question `qid` is on screen and offers exactly the answers in QUESTIONS. */
async function expectQuestion(page, qid) {
  const fs = fieldset(page, qid);
  await expect(fs).toBeVisible();
  const inputs = await fs.locator('input.sc-input').evaluateAll((els) => els.map((e) => [e.type, e.value]));
  expect(inputs, `answers of ${qid} (update the tables if the flow changed)`).toEqual(
    QUESTIONS[qid].answers.map((a) => [QUESTIONS[qid].type, a]),
  );
}

async function choose(page, qid, ids) {
  const fs = fieldset(page, qid);
  for (const id of ids) await fs.locator(`input.sc-input[value="${id}"]`).check();
  const checked = await fs.locator('input.sc-input:checked').evaluateAll((els) => els.map((e) => e.value));
  expect(checked).toEqual(QUESTIONS[qid].answers.filter((a) => ids.includes(a)));
}

/** Walks `path` with the pointer; `onScreen(qid, i)` runs on each question before answering. */
async function walk(page, path, onScreen = async () => {}) {
  for (const [i, [qid, ids]] of path.entries()) {
    await expectQuestion(page, qid);
    await onScreen(qid, i);
    await choose(page, qid, ids);
    await continueButton(page).click();
  }
}

/** From a result, "Start again" (language-neutral): back to an empty first question. */
async function startAgain(page) {
  await page.locator('section.sc-result .sc-actions button.sc-button-primary').click();
  await expect(fieldset(page, 'danger')).toBeVisible();
  await expect(page.locator('input.sc-input:checked')).toHaveCount(0);
}

async function expectOutcome(page, outcome) {
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
async function audit(page, label, count, scope = page) {
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

/** Question screens: unanswered, error, answered, for every question on FULL_ROUTE. */
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

// ---------------------------------------------------------------------------------------
// Keyboard only

/** Tab (or Shift+Tab) until `pred(active)` holds. */
async function tabTo(page, pred, what, { backwards = false, max = 40 } = {}) {
  for (let i = 0; i <= max; i++) {
    const a = await active(page);
    if (pred(a)) return a;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`keyboard: could not reach ${what} within ${max} presses`);
}
const isContinue = (a) => a.tag === 'button' && a.type === 'submit' && a.inForm;
const isBack = (a) => a.tag === 'button' && a.inForm && /\bsc-button-secondary\b/.test(a.cls);

/**
 * 2.4.11: the focused element is inside the viewport and nothing covers it (the topmost
 * element at several points of its box is the element or inside it).
 */
async function expectFocusNotObscured(page) {
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

async function expectFocusOn(page, qid) {
  if (qid) {
    await expect(legend(page, qid)).toBeFocused();
  } else {
    await expect(page.locator('h2.sc-result-heading')).toBeFocused();
  }
  await expectFocusNotObscured(page);
}

async function checkedValues(page, qid) {
  return fieldset(page, qid).locator('input.sc-input:checked').evaluateAll((els) => els.map((e) => e.value));
}

/**
 * From question `qid` (focus on its legend): Tab to Back, Enter; the previous question
 * shows its answer and takes focus; Tab to Continue (then, if there is a Back button, Tab
 * to it and Shift+Tab back to Continue), Enter: back on `qid`.
 */
async function backAndForth(page, qid, prev, prevIds) {
  await tabTo(page, isBack, 'Back');
  await page.keyboard.press('Enter');
  await expectFocusOn(page, prev);
  expect(await checkedValues(page, prev), `Back restores the answer to ${prev}`).toEqual(QUESTIONS[prev].answers.filter((a) => prevIds.includes(a)));
  await tabTo(page, isContinue, 'Continue');
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
async function recordLeaving(context) {
  const left = [];
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
    left.push(route.request().url());
    return route.abort('blockedbyclient');
  });
  return left;
}

for (const route of ROUTE_PER_OUTCOME) {
  test(`keyboard only: ${route.outcome} path, focus on each legend/heading and not obscured, Back restores`, async ({ page, context }) => {
    const left = await recordLeaving(context);
    await open(page);
    try {
      for (const [i, [qid, ids]] of route.path.entries()) {
        await expectQuestion(page, qid);
        if (i > 0) {
          await expectFocusOn(page, qid);
          const [prev, prevIds] = route.path[i - 1];
          await backAndForth(page, qid, prev, prevIds);
        }
        // Tab into the group, arrows (radios) or Tab/Shift+Tab (checkboxes), Space, Tab to Continue, Enter.
        await answerWithKeyboard(page, qid, ids);
      }
      await expect(result(page)).toHaveAttribute('data-outcome', route.outcome);
      await expectFocusOn(page, null);
    } catch (e) {
      if (left.length) throw new Error(`the keyboard walk was thrown off the page to ${left.join(', ')} (the quick exit fired)\n${e.message}`);
      throw e;
    }
    expect(left, 'navigations away from the page').toEqual([]);

    // No keyboard trap: Tab moves on through the result and out of the widget.
    const leftWidget = await (async () => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const inside = await page.evaluate(() => !!document.activeElement?.closest('[data-self-check]'));
        if (!inside) return true;
      }
      return false;
    })();
    expect(leftWidget, 'Tab leaves the widget after its last control').toBe(true);
  });
}

test('keyboard only: focus order on a question follows the screen, top to bottom', async ({ page }) => {
  await open(page);
  await answerWithKeyboard(page, 'danger', ['no']);
  await expectFocusOn(page, AFTER_NO);
  // Shift+Tab from the legend goes up the screen, Tab goes down it.
  const seen = [];
  await page.locator('aside.sc-crisis a').first().focus();
  for (let i = 0; i < 12; i++) {
    seen.push(
      await page.evaluate(() => {
        const el = document.activeElement;
        if (!el.closest('[data-self-check]')) return 'outside';
        const tag = el.tagName.toLowerCase();
        if (tag === 'input') return `input:${el.value}`;
        if (tag === 'select') return `select:${el.id.replace(/^sc\d+-/, '')}`;
        return `${tag}:${el.textContent.trim()}`;
      }),
    );
    await page.keyboard.press('Tab');
  }
  // The language picker is shown only when the flow has more than one language.
  expect(seen.filter((s) => s !== 'select:lang').slice(0, 8)).toEqual([
    'a:call 911',
    'a:call 988',
    'a:text 988',
    'select:region',
    'button:Leave this page quickly',
    `input:${FIRST_ANSWER_AFTER_NO}`,
    'button:Continue',
    'button:Back',
  ]);
  // Shift+Tab walks the same order backwards (two presses: three are the quick exit's
  // shortcut, tested below).
  await backButton(page).focus();
  const back = [];
  for (let i = 0; i < 2; i++) {
    await page.keyboard.press('Shift+Tab');
    back.push(await page.evaluate(() => document.activeElement.textContent.trim() || document.activeElement.value));
  }
  expect(back).toEqual(['Continue', FIRST_ANSWER_AFTER_NO]);
});

test('keyboard only: three Shift+Tab presses do not trigger "leave this page quickly"', async ({ page, context }) => {
  // The quick exit listens for Shift pressed three times; moving backwards with Shift+Tab
  // must not throw a keyboard user out of the self-check (and lose their answers).
  const left = await recordLeaving(context);
  await open(page);
  await walk(page, [['danger', ['no']]]);
  await expectFocusOn(page, AFTER_NO);
  await backButton(page).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
  await settled(page);
  expect(left, 'navigations away from the page').toEqual([]);
  await expect(fieldset(page, AFTER_NO)).toBeVisible();
  // The shortcut itself still works: Shift alone, three times.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await expect.poll(() => left.length).toBe(1);
});

// ---------------------------------------------------------------------------------------
// Screen reader semantics

test('screen reader: fieldset+legend, described help and error, live region, result heading, no preselection, no auto-advance', async ({ page }) => {
  await open(page);
  const live = status(page);
  await expect(live).toHaveCount(1);
  await expect(live).toHaveText(/^Question 1 of about \d+$/);
  // The same node must persist: a live region added or replaced with its text is not announced.
  await live.evaluate((el) => {
    el.dataset.a11yProbe = 'original';
  });
  const said = [await live.textContent()];

  for (const [i, [qid, ids]] of FULL_ROUTE.path.entries()) {
    await expectQuestion(page, qid);
    const fs = fieldset(page, qid);
    const q = QUESTIONS[qid];
    // fieldset + legend: the group is named by its legend, the legend is its first child.
    const first = await fs.evaluate((f) => f.firstElementChild?.tagName.toLowerCase());
    expect(first).toBe('legend');
    const legendText = (await legend(page, qid).innerText()).trim();
    expect(legendText.length).toBeGreaterThan(0);
    await expect(page.getByRole('group', { name: legendText, exact: true })).toHaveCount(1);
    // Each answer is a native, labelled input; none is preselected.
    for (const input of await fs.locator('input.sc-input').all()) {
      const label = (await page.locator(`label[for="${await input.getAttribute('id')}"]`).innerText()).trim();
      await expect(input).toHaveAccessibleName(label);
      await expect(input).toHaveAttribute('type', q.type);
    }
    await expect(fs.locator('input:checked'), `${qid}: no preselected answer`).toHaveCount(0);
    // Help text (and the "select all" hint) is the group's description.
    const describedBy = async () =>
      fs.evaluate((f) => (f.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean).map((id) => document.getElementById(id)?.className ?? `missing #${id}`));
    const expected = [...(q.help ? ['sc-help'] : []), ...(q.type === 'checkbox' ? ['sc-hint'] : [])];
    expect(await describedBy(), `${qid}: aria-describedby`).toEqual(expected);
    if (q.help) {
      const help = (await fs.locator('.sc-help').innerText()).replace(/\s+/g, ' ').trim();
      await expect(fs).toHaveAccessibleDescription(new RegExp(help.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    }
    // The live region already says where we are.
    await expect(live).toHaveText(new RegExp(`^Question ${i + 1} of about \\d+$`));

    // Continue with nothing chosen: an alert, linked to the group, focus not lost.
    await continueButton(page).click();
    const error = fs.locator('p.sc-error');
    await expect(error).toHaveAttribute('role', 'alert');
    await expect(page.getByRole('alert')).toHaveText(/\S/);
    const errorId = await error.getAttribute('id');
    expect(await describedBy()).toContain('sc-error');
    expect((await fs.getAttribute('aria-describedby')).split(/\s+/)).toContain(errorId);
    const errorText = (await error.textContent()).replace(/\s+/g, ' ').trim();
    expect(errorText).toMatch(/^Error: \S/);
    await expect(fs).toHaveAccessibleDescription(new RegExp(`${errorText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect((await active(page)).tag, 'focus after the error').not.toBe('body');
    await expect(fieldset(page, qid)).toBeVisible();

    // No auto-advance: choosing (pointer, then keyboard) leaves the screen as it is.
    const before = await live.textContent();
    await choose(page, qid, ids);
    await page.keyboard.press('Space'); // toggles/keeps the focused input
    if (q.type === 'checkbox') await page.keyboard.press('Space');
    if (q.type === 'radio' && q.answers.length > 1) {
      await page.keyboard.press(q.answers.indexOf(ids[0]) === 0 ? 'ArrowDown' : 'ArrowUp');
      await page.keyboard.press(q.answers.indexOf(ids[0]) === 0 ? 'ArrowUp' : 'ArrowDown');
    }
    await settled(page);
    await expect(fieldset(page, qid)).toBeVisible();
    await expect(live).toHaveText(before);
    await expect(page.locator('fieldset.sc-fieldset')).toHaveCount(1);
    await choose(page, qid, ids);

    await continueButton(page).click();
    if (i + 1 < FULL_ROUTE.path.length) {
      await expect(legend(page, FULL_ROUTE.path[i + 1][0])).toBeFocused();
    }
    // The live region is the same node, with new words.
    await expect(live).not.toHaveText(said[said.length - 1]);
    expect(await live.evaluate((el) => el.dataset.a11yProbe)).toBe('original');
    said.push(await live.textContent());
  }

  // The result: its heading takes focus and is announced through the live region.
  await expectOutcome(page, FULL_ROUTE.outcome);
  const heading = (await page.locator('h2.sc-result-heading').innerText()).trim();
  // The live region names the result; the heading says how soon (each said once).
  const title = (await page.locator('h3.sc-outcome-title').innerText()).trim();
  await expect(live).toHaveText(`Result: ${title}`);
  await expect(page.getByRole('heading', { level: 2, name: heading })).toBeFocused();
  expect(new Set(said).size, 'each screen said something new').toBe(said.length);
});

// ---------------------------------------------------------------------------------------
// Reflow, zoom and target size

/**
 * 2.5.8: every target in the widget is at least 24×24, or its 24 px circle touches no other
 * target (nor another small target's circle). Inline links inside a sentence of rich text
 * are exempt. Returns the failures.
 */
function targetSizeFailures(page) {
  return page.evaluate(() => {
    const root = document.querySelector('[data-self-check]');
    const sel = 'a[href], button, input, select, textarea, label[for], summary, [tabindex]:not([tabindex="-1"])';
    const targets = [...root.querySelectorAll(sel)]
      .filter((el) => {
        const s = getComputedStyle(el);
        const b = el.getBoundingClientRect();
        return s.visibility !== 'hidden' && b.width > 1 && b.height > 1;
      })
      .filter((el) => !(el.tagName === 'A' && el.closest('.sc-help, .sc-summary, .sc-advice, .sc-practice') && getComputedStyle(el).display === 'inline'))
      .map((el) => {
        const b = el.getBoundingClientRect();
        const name = `${el.tagName.toLowerCase()}.${el.className || ''} "${(el.textContent || el.value || '').trim().slice(0, 30)}"`;
        return { el, name, b, cx: b.left + b.width / 2, cy: b.top + b.height / 2, small: b.width < 24 - 0.01 || b.height < 24 - 0.01 };
      });
    const distToRect = (x, y, b) => Math.hypot(Math.max(b.left - x, 0, x - b.right), Math.max(b.top - y, 0, y - b.bottom));
    const fails = [];
    for (const t of targets.filter((x) => x.small)) {
      // A label and its input are one target.
      const others = targets.filter((o) => o !== t && !(o.el.tagName === 'LABEL' && o.el.control === t.el) && !(t.el.tagName === 'LABEL' && t.el.control === o.el));
      const clash = others.find((o) => distToRect(t.cx, t.cy, o.b) < 12 - 0.01 || (o.small && Math.hypot(t.cx - o.cx, t.cy - o.cy) < 24 - 0.01));
      if (clash) fails.push(`${t.name} is ${t.b.width.toFixed(1)}×${t.b.height.toFixed(1)} and too close to ${clash.name}`);
    }
    return { count: targets.length, fails };
  });
}

async function expectNoHorizontalScroll(page, label) {
  const m = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
    // Anything in the widget wider than the viewport, even if something clips it.
    wide: [...document.querySelectorAll('[data-self-check] *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .filter((el) => !el.closest('.sc-visually-hidden'))
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
      .slice(0, 5),
  }));
  expect(m.client, 'viewport width').toBe(320);
  expect(m.scroll, `${label}: no horizontal scrolling (scrollWidth ${m.scroll} > clientWidth ${m.client})`).toBeLessThanOrEqual(m.client);
  expect(m.wide, `${label}: nothing wider than the viewport`).toEqual([]);
}

async function checkLayout(page, label) {
  await expectNoHorizontalScroll(page, label);
  const t = await targetSizeFailures(page);
  expect(t.count, 'targets found').toBeGreaterThan(3);
  expect(t.fails, `${label}: target size (2.5.8)`).toEqual([]);
}

const LAYOUTS = [
  { name: '320 px wide viewport', use: { viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 } },
  // 1280×1024 at 400% zoom is a 320×256 CSS px viewport at 4 device pixels per CSS pixel.
  { name: '1280 px at 400% zoom', use: { viewport: { width: 320, height: 256 }, deviceScaleFactor: 4 } },
];

for (const layout of LAYOUTS) {
  test.describe(`reflow at ${layout.name}`, () => {
    test.use(layout.use);

    test(`reflow (${layout.name}): every question and outcome, no horizontal scrolling, targets ≥ 24 px, focus not obscured`, async ({ page }) => {
      await open(page);
      expect(await page.evaluate(() => window.devicePixelRatio)).toBe(layout.use.deviceScaleFactor);
      await walk(page, FULL_ROUTE.path, async (qid, i) => {
        if (i > 0) await expectFocusOn(page, qid);
        await checkLayout(page, `${qid}`);
        await continueButton(page).click();
        await expect(fieldset(page, qid).locator('p.sc-error')).toBeVisible();
        await checkLayout(page, `${qid} with error`);
      });
      await expectOutcome(page, FULL_ROUTE.outcome);
      await expectFocusNotObscured(page);
      await checkLayout(page, `result ${FULL_ROUTE.outcome}`);
      for (const route of ROUTE_PER_OUTCOME.filter((r) => r !== FULL_ROUTE)) {
        await startAgain(page);
        await walk(page, route.path);
        await expectOutcome(page, route.outcome);
        await expectFocusNotObscured(page);
        await checkLayout(page, `result ${route.outcome}`);
      }
    });
  });
}

test.describe('detectors', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('detectors: the reflow, target-size and obscured-focus checks catch what they claim', async ({ page }) => {
    await open(page);
    await walk(page, [['danger', ['no']]]);
    await expectFocusOn(page, AFTER_NO);
    await checkLayout(page, 'before');
    // Something wider than the viewport.
    const wide = await page.addStyleTag({ content: '.sc-options { width: 420px; }' });
    await expect(expectNoHorizontalScroll(page, 'wide')).rejects.toThrow(/no horizontal scrolling/);
    await wide.evaluate((el) => el.remove());
    // Crisis links shrunk to 5 px text with the separators squeezed out, so they nearly touch.
    const small = await page.addStyleTag({
      content: '.sc .sc-crisis-link { display: inline; min-height: 0; padding: 0; font-size: 5px; line-height: 1; } .sc .sc-crisis-line span[aria-hidden] { font-size: 1px; }',
    });
    expect((await targetSizeFailures(page)).fails.join('\n')).toMatch(/a\.sc-crisis-link "call 911" is .* too close to a\.sc-crisis-link/);
    await small.evaluate((el) => el.remove());
    expect((await targetSizeFailures(page)).fails).toEqual([]);
    // A fixed banner over the top half of the screen, where the focused legend is.
    await page.evaluate(() => {
      const d = document.createElement('div');
      d.style.cssText = 'position:fixed;left:0;top:0;width:100%;height:50vh;background:#333;z-index:9';
      document.body.append(d);
      document.querySelector('legend.sc-legend').scrollIntoView({ block: 'start' });
    });
    await expect(expectFocusNotObscured(page)).rejects.toThrow(/not obscured/);
  });
});

test.describe('text spacing', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('text spacing (1.4.12): the WCAG spacing overrides cause no overflow or clipping at 320 px', async ({ page }) => {
    await open(page);
    await page.addStyleTag({
      content: `[data-self-check] * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
                [data-self-check] p { margin-bottom: 2em !important; }`,
    });
    const clipped = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-self-check] *')]
          .filter((el) => !el.closest('.sc-visually-hidden') && el.tagName !== 'SELECT' && el.tagName !== 'OPTION')
          .filter((el) => {
            const s = getComputedStyle(el);
            const clips = /hidden|clip/.test(s.overflowX + s.overflowY);
            return clips && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
          })
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
      );
    await walk(page, ROUTES.find((r) => r.outcome === 'get-help-now').path, async () => {
      await expectNoHorizontalScroll(page, 'question with text spacing');
      expect(await clipped()).toEqual([]);
    });
    await expectOutcome(page, 'get-help-now');
    await expectNoHorizontalScroll(page, 'result with text spacing');
    expect(await clipped()).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------
// Non-text contrast and focus visibility (axe checks text contrast only)

/** WCAG contrast ratio of two computed CSS colours ("rgb(…)"/"rgba(…)", alpha ignored). */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// State is not shown by text alone: the unanswered question's bar and the emergency
// contact's border come from data attributes (data-invalid, data-emergency, data-urgency),
// since the widget's class names are all literals. Fails if the CSS and the markup drift.
for (const scheme of SCHEMES) {
  test(`state styles follow the data attributes (1.4.1, 1.4.11), ${scheme}: error bar, urgency colour, emergency contact`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await open(page);
    const css = (sel, prop) => page.locator(sel).first().evaluate((el, p) => getComputedStyle(el)[p], prop);
    const bg = await css('[data-self-check] .sc', 'backgroundColor');
    const text = await css('[data-self-check] .sc', 'color');

    await expect(fieldset(page, 'danger')).not.toHaveAttribute('data-invalid');
    expect(parseFloat(await css('fieldset[data-question="danger"]', 'borderLeftWidth'))).toBe(0);
    await continueButton(page).click();
    await expect(fieldset(page, 'danger')).toHaveAttribute('data-invalid', 'true');
    expect(parseFloat(await css('fieldset[data-question="danger"]', 'borderLeftWidth'))).toBeGreaterThanOrEqual(3);
    expect(contrast(await css('fieldset[data-question="danger"]', 'borderLeftColor'), bg)).toBeGreaterThanOrEqual(3);

    await walk(page, [['danger', ['harm-self']]]);
    await expect(result(page)).toHaveAttribute('data-urgency', 'emergency');
    const heading = await css('h2.sc-result-heading', 'color');
    expect(heading, 'the emergency heading has the danger colour, not the text colour').not.toBe(text);
    expect(contrast(heading, bg)).toBeGreaterThanOrEqual(4.5);
    const emergency = page.locator('li.sc-contact[data-emergency]');
    await expect(emergency).toHaveCount(1);
    const ordinaryBorder = await css('li.sc-contact:not([data-emergency])', 'borderTopColor');
    const emergencyBorder = await css('li.sc-contact[data-emergency]', 'borderTopColor');
    expect(emergencyBorder).not.toBe(ordinaryBorder);
    expect(contrast(emergencyBorder, bg)).toBeGreaterThanOrEqual(3);
    expect(await css('li.sc-contact[data-emergency] .sc-button-contact', 'backgroundColor')).toBe('rgb(163, 22, 27)');
  });
}

for (const scheme of SCHEMES) {
  test(`non-text contrast and visible focus (1.4.11, 2.4.7), ${scheme}: borders, selected answer and focus ring ≥ 3:1`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await open(page);
    await expect(widget(page)).toHaveCSS('background-color', WIDGET_BG[scheme]);
    const css = (sel, prop) => page.locator(sel).first().evaluate((el, p) => getComputedStyle(el)[p], prop);
    const bg = await css('[data-self-check] .sc', 'backgroundColor');
    const stripBg = await css('aside.sc-crisis', 'backgroundColor');
    const checks = [
      ['answer option border', await css('.sc-option', 'borderTopColor'), bg],
      ['region select border', await css('aside.sc-crisis select', 'borderTopColor'), stripBg],
      ['"leave" button border', await css('.sc-button-leave', 'borderTopColor'), bg],
      ['Continue button fill', await css('form.sc-question button[type="submit"]', 'backgroundColor'), bg],
    ];
    await walk(page, [['danger', ['no']]]);
    checks.push(['Back button border', await css('form.sc-question button.sc-button-secondary', 'borderTopColor'), bg]);
    await fieldset(page, AFTER_NO).locator(`input[value="${AFTER_NO_ON}"]`).check();
    checks.push(['selected answer border', await css('.sc-option:has(.sc-input:checked)', 'borderTopColor'), bg]);
    const low = checks.map(([what, fg, back]) => [what, fg, back, contrast(fg, back)]).filter(([, , , r]) => r < 3);
    expect(low.map(([w, f, b, r]) => `${w}: ${f} on ${b} = ${r.toFixed(2)}:1`)).toEqual([]);

    // The focus ring: a 3 px outline and a ring outside it; one of them must be ≥ 3:1
    // against the background, on a control and on a legend focused after a keyboard Continue.
    const ring = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        const c = getComputedStyle(el);
        return { focusVisible: el.matches(':focus-visible'), style: c.outlineStyle, width: parseFloat(c.outlineWidth), outline: c.outlineColor, shadow: c.boxShadow };
      });
    const expectRing = async (what) => {
      const r = await ring();
      expect(r.focusVisible, `${what}: :focus-visible`).toBe(true);
      expect(r.style, `${what}: outline`).not.toBe('none');
      expect(r.width).toBeGreaterThanOrEqual(2);
      const shadow = /rgba?\([^)]*\)/.exec(r.shadow)?.[0];
      const best = Math.max(contrast(r.outline, bg), shadow ? contrast(shadow, bg) : 0);
      expect(best, `${what}: focus ring ${JSON.stringify(r)} on ${bg}`).toBeGreaterThanOrEqual(3);
    };
    await page.locator('form.sc-question button.sc-button-secondary').focus();
    await page.keyboard.press('Shift+Tab');
    await expectRing('Continue button');
    await page.keyboard.press('Shift+Tab');
    await expectRing('answer radio');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expectFocusOn(page, THEN);
    await expectRing('legend after a keyboard Continue');
  });
}

// ---------------------------------------------------------------------------------------
// Motion and forced colours

/** Elements (and ::before/::after) in the widget with a non-zero transition or animation. */
function moving(page) {
  return page.evaluate(() => {
    const nonZero = (v) => v.split(',').some((d) => parseFloat(d) > 0);
    const out = [];
    for (const el of [document.querySelector('[data-self-check]'), ...document.querySelectorAll('[data-self-check] *')]) {
      for (const pseudo of [null, '::before', '::after']) {
        const s = getComputedStyle(el, pseudo);
        if (nonZero(s.transitionDuration) || (s.animationName !== 'none' && nonZero(s.animationDuration))) {
          out.push(`${el.tagName.toLowerCase()}.${el.className}${pseudo || ''}: transition ${s.transitionDuration}, animation ${s.animationName} ${s.animationDuration}`);
        }
      }
    }
    return out;
  });
}

test('prefers-reduced-motion: reduce stops every transition and animation in the widget, even ones a host page adds', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await open(page);
  expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
  expect(await moving(page), 'question').toEqual([]);
  await continueButton(page).click();
  expect(await moving(page), 'error').toEqual([]);
  await walk(page, [['danger', ['harm-self']]]);
  await expectOutcome(page, 'get-help-now');
  expect(await moving(page), 'result').toEqual([]);

  // A host theme that adds motion (the detector sees it without the preference) ...
  await page.addStyleTag({
    content: `@keyframes a11y-pulse { from { opacity: 1 } to { opacity: 0.5 } }
      .sc-button { transition: background-color 0.3s ease; }
      .sc-result-heading { animation: a11y-pulse 1s infinite alternate; }`,
  });
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect((await moving(page)).length, 'the detector finds host motion').toBeGreaterThan(0);
  // ... is switched off by the widget's own reduced-motion rule.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await moving(page), 'result with host motion, reduced').toEqual([]);
});

test('forced colours: focus outline, option borders and the selected answer stay visible', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await open(page);
  expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
  const style = (loc, ...props) => loc.evaluate((el, ps) => Object.fromEntries(ps.map((p) => [p, getComputedStyle(el)[p]])), props);
  const visibleLine = (width, styleName, color) => parseFloat(width) >= 1 && styleName !== 'none' && styleName !== 'hidden' && !/rgba\(.*, 0\)$|transparent/.test(color);

  // Option borders.
  for (const opt of await page.locator('.sc-option').all()) {
    const s = await style(opt, 'borderTopWidth', 'borderTopStyle', 'borderTopColor', 'borderLeftWidth', 'borderLeftStyle');
    expect(visibleLine(s.borderTopWidth, s.borderTopStyle, s.borderTopColor), `option border ${JSON.stringify(s)}`).toBe(true);
    expect(visibleLine(s.borderLeftWidth, s.borderLeftStyle, s.borderTopColor)).toBe(true);
  }
  // Buttons have a border too (their fill is gone in forced colours).
  for (const b of await page.locator('.sc-button').all()) {
    const s = await style(b, 'borderTopWidth', 'borderTopStyle', 'borderTopColor');
    expect(visibleLine(s.borderTopWidth, s.borderTopStyle, s.borderTopColor), `button border ${JSON.stringify(s)}`).toBe(true);
  }

  // Keyboard focus on each kind of control shows an outline.
  const expectOutline = async (what) => {
    const s = await page.evaluate(() => {
      const el = document.activeElement;
      const c = getComputedStyle(el);
      return { tag: el.tagName, focusVisible: el.matches(':focus-visible'), outlineStyle: c.outlineStyle, outlineWidth: c.outlineWidth, outlineColor: c.outlineColor };
    });
    expect(s.focusVisible, `${what}: :focus-visible`).toBe(true);
    expect(visibleLine(s.outlineWidth, s.outlineStyle, s.outlineColor), `${what}: outline ${JSON.stringify(s)}`).toBe(true);
  };
  await tabTo(page, (a) => a.tag === 'a' && /\bsc-crisis-link\b/.test(a.cls), 'a crisis link');
  await expectOutline('crisis link');
  await tabTo(page, (a) => a.tag === 'input' && a.question === 'danger', 'an answer');
  await expectOutline('radio');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  // The selected answer's option is marked beyond the radio itself.
  const selected = page.locator('.sc-option:has(.sc-input:checked)');
  await expect(selected).toHaveCount(1);
  const sel = await style(selected, 'outlineStyle', 'outlineWidth', 'outlineColor');
  expect(visibleLine(sel.outlineWidth, sel.outlineStyle, sel.outlineColor), `selected option ${JSON.stringify(sel)}`).toBe(true);
  const unselected = await style(page.locator('.sc-option:not(:has(.sc-input:checked))').first(), 'outlineStyle');
  expect(unselected.outlineStyle, 'only the selected option is outlined').toBe('none');
  // Change the answer to "no" and continue by keyboard: the legend takes focus with an outline.
  await answerWithKeyboard(page, 'danger', ['no']);
  await expectFocusOn(page, AFTER_NO);
  await expectOutline('legend after Continue');
  await tabTo(page, isContinue, 'Continue');
  await expectOutline('Continue button');
});
