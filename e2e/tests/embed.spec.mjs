// Embedding: the <self-check> element, the iframe page, a strict Content-Security-Policy,
// the network cut after load, quick exit, and the crash fallback.
import { test, expect } from '@playwright/test';
import { expectLive, expectNothingStored, FACTS, fieldset, openWidget, recordRequests, result, settled, walkWithMouse } from './helpers.mjs';

/** Collects `securitypolicyviolation` events from the first moment of every document. */
async function recordViolations(page) {
  await page.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return () => page.evaluate(() => window.__violations);
}

const inShadow = (page, id) => page.locator(`self-check#${id}`);
/** From the first question to the urgency question ("emergency") of flow 3.0, an adult's. */
const TO_EMERGENCY = [['danger', ['no']], ['adult', ['yes']], ['check-danger', ['none']], ['home-safety', ['no']]];

test('under a strict CSP with Trusted Types the widget runs with zero violations', async ({ page }) => {
  const violations = await recordViolations(page);
  const response = await page.goto('/strict/index.html');
  expect(response.headers()['content-security-policy']).toContain("require-trusted-types-for 'script'");
  await expect(fieldset(page, 'danger')).toBeVisible();
  await walkWithMouse(page, [...TO_EMERGENCY, ['emergency', ['health']]]);
  await expect(result(page)).toHaveAttribute('data-outcome', 'medical-emergency');
  expect(await violations()).toEqual([]);
});

test('the <self-check> element works under the strict CSP, in an open shadow root', async ({ page }) => {
  const violations = await recordViolations(page);
  await page.goto('/strict/element.html');
  const first = inShadow(page, 'first');
  await expect(first.locator('fieldset[data-question="danger"]')).toBeVisible();
  expect(await page.evaluate(() => document.querySelector('#first').shadowRoot !== null)).toBe(true);
  // Document queries cannot see inside: the host page's scripts and styles stay out.
  expect(await page.locator('css=fieldset').count()).toBeGreaterThan(0);
  expect(await page.evaluate(() => document.querySelectorAll('fieldset').length)).toBe(0);
  expect(await violations()).toEqual([]);
});

test('two elements on one page run independently, and attribute changes apply without losing answers', async ({ page }) => {
  await page.goto('/element.html');
  const first = inShadow(page, 'first');
  const second = inShadow(page, 'second');
  await expect(second.locator('legend')).toContainText('peligro');
  await expect(second.locator('.sc-crisis a[href="tel:999"]')).toHaveCount(1);

  await first.locator('input[value="no"]').check();
  await first.getByRole('button', { name: 'Continue' }).click();
  await expect(first.locator('fieldset[data-question="adult"]')).toBeVisible();
  await expect(second.locator('fieldset[data-question="danger"]')).toBeVisible();
  for (const [qid, ids] of TO_EMERGENCY.slice(1)) {
    for (const id of ids) await first.locator(`fieldset[data-question="${qid}"] input[value="${id}"]`).check();
    await first.getByRole('button', { name: 'Continue' }).click();
  }
  await expect(first.locator('fieldset[data-question="emergency"]')).toBeVisible();
  await expect(second.locator('fieldset[data-question="danger"]')).toBeVisible();
  await expect(second.locator('input:checked')).toHaveCount(0);

  await first.locator('input[value="housing"]').check();
  await page.evaluate(() => {
    const el = document.querySelector('#first');
    el.setAttribute('lang', 'es');
    el.setAttribute('region', 'au');
  });
  await expect(first.locator('legend')).toHaveText(FACTS.questions.find((q) => q.id === 'emergency').text.es);
  await expect(first.locator('.sc-crisis a[href="tel:000"]')).toHaveCount(1);
  await expect(first.locator('input[value="housing"]')).toBeChecked();
  // The parts a host may style are exposed.
  expect(await page.evaluate(() => [...document.querySelector('#first').shadowRoot.querySelectorAll('[part]')].map((e) => e.getAttribute('part')).sort())).toEqual(
    expect.arrayContaining(['crisis', 'footer', 'leave', 'question', 'widget']),
  );
});

test('the iframe page sizes its frame by height only, and takes its settings from the URL', async ({ page }) => {
  const messages = [];
  await page.exposeFunction('__seen', (m) => messages.push(m));
  await page.addInitScript(() => window.addEventListener('message', (e) => window.__seen(e.data)));
  await page.goto('/iframe.html');
  const frame = page.frameLocator('#self-check-frame');
  await expect(frame.locator('fieldset[data-question="danger"]')).toBeVisible();
  await expect.poll(() => page.locator('#self-check-frame').getAttribute('height')).not.toBeNull();
  const before = Number(await page.locator('#self-check-frame').getAttribute('height'));
  expect(before).toBeGreaterThan(300);
  await frame.locator('input[value="harm-self"]').check();
  await frame.getByRole('button', { name: 'Continue' }).click();
  await expect(frame.locator('section.sc-result')).toHaveAttribute('data-outcome', 'get-help-now');
  await expect.poll(() => page.locator('#self-check-frame').getAttribute('height').then(Number)).not.toBe(before);
  // Only heights were ever posted: never an answer.
  expect(messages.length).toBeGreaterThan(0);
  for (const m of messages) expect(Object.keys(m).sort()).toEqual(['height', 'type']);
  expect(JSON.stringify(messages)).not.toContain('harm');

  await page.goto('/embed.html?lang=es&region=ie');
  await expect(page.locator('legend')).toContainText('peligro');
  await expect(page.locator('.sc-crisis a[href="tel:112"]')).toHaveCount(1);
});

test('with the network cut after load, every outcome is still reached', async ({ page, context }) => {
  await openWidget(page);
  await context.setOffline(true);
  const paths = [
    [[['danger', ['threat']]], 'danger-to-others'],
    [[['danger', ['not-sure']], ['adult', ['yes']], ['check-danger', ['burden']]], 'get-help-now'],
    [[['danger', ['no']], ['adult', ['no']], ['check-danger', ['none']], ['home-safety', ['no']], ['emergency', ['no']], ['illness', ['no']]], 'minor'],
  ];
  for (const [path, outcome] of paths) {
    await walkWithMouse(page, path);
    await expect(result(page)).toBeVisible();
    await expect(result(page)).toHaveAttribute('data-outcome', outcome);
    await page.getByRole('button', { name: 'Start again' }).click();
    await expect(fieldset(page, 'danger')).toBeVisible();
  }
  await context.setOffline(false);
});

test('leaving quickly replaces the page, so Back shows no answers', async ({ page, context, baseURL }) => {
  await context.route(/^https:\/\/www\.bbc\.com\/weather/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Weather</title><p>Weather</p>' }));
  await page.goto('/index.html');
  await page.goto('/element.html');
  await page.goto('/index.html');
  await expectLive(page);
  await page.locator('input[value="no"]').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Leave this page quickly' }).click();
  await expect(page).toHaveURL('https://www.bbc.com/weather');
  await page.goBack();
  // location.replace: Back goes to the page before the self-check, not to it.
  await expect(page).toHaveURL(`${baseURL}/element.html`);
  await expectNothingStored(context, page);
});

// An exit-url that cannot be navigated to ("https://", a stray %, WordPress lets both
// through) must never keep the visitor on the page: the live widget and the loader (before
// the wasm, here held back) both go to the neutral default instead.
for (const bad of ['https://', 'https://%zz', 'https:///path']) {
  test(`a broken exit-url (${bad}) still leaves quickly, from the live widget and before the wasm`, async ({ page, context }) => {
    await context.route(/^https:\/\/www\.bbc\.com\/weather/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p>Weather</p>' }));
    // The page's setting is there from the start, as a site would write it.
    await context.addInitScript((u) => {
      const set = () => document.querySelector('[data-self-check]')?.setAttribute('data-exit-url', u);
      new MutationObserver((_, mo) => { if (document.querySelector('[data-self-check]')) { set(); mo.disconnect(); } })
        .observe(document, { childList: true, subtree: true });
    }, bad);
    await openWidget(page);
    await expect(page.locator('[data-self-check]')).toHaveAttribute('data-exit-url', bad);
    await page.getByRole('button', { name: 'Leave this page quickly' }).click();
    await expect(page).toHaveURL('https://www.bbc.com/weather');

    const cold = await context.newPage();
    // The wasm is held back, so the pre-rendered screen's quick exit is the loader's.
    await cold.route(/\.wasm$/, async (route) => {
      await new Promise((r) => setTimeout(r, 10_000));
      await route.continue().catch(() => {});
    });
    await cold.goto('/index.html');
    await expect(cold.locator('[data-self-check]')).toHaveAttribute('data-exit-url', bad);
    await cold.getByRole('button', { name: 'Leave this page quickly' }).click();
    await expect(cold).toHaveURL('https://www.bbc.com/weather');
  });
}

test('pressing Shift three times leaves quickly', async ({ page, context }) => {
  await context.route(/^https:\/\/www\.bbc\.com\/weather/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<p>Weather</p>' }));
  await openWidget(page);
  await page.locator('input[value="no"]').focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await expect(page).toHaveURL('https://www.bbc.com/weather');
});

test('a crash replaces the widget with an apology and the crisis contacts', async ({ page, context, baseURL }) => {
  await recordRequests(context, page, baseURL);
  await page.addInitScript(() => {
    document.addEventListener('DOMContentLoaded', () => {
      document.querySelector('[data-self-check]').setAttribute('data-self-check-test-panic', '');
    });
  });
  await page.goto('/index.html');
  const fallback = page.locator('[data-self-check] .sc-fallback[role="alert"]');
  await expect(fallback).toContainText('stopped working');
  await expect(fallback.locator('a[href="tel:911"]')).toHaveCount(1);
  await expect(fallback.locator('a[href="tel:988"]')).toHaveCount(1);
  await expect(page.locator('[data-self-check] fieldset')).toHaveCount(0);
});

// A page with static contacts in its mount element (the iframe page); the demo page's
// pre-rendered first screen is tested in prerender.spec.mjs.
test('with the wasm blocked, the static contacts stay on the page', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.abort());
  const failed = page.waitForEvent('requestfailed', (r) => r.url().endsWith('.wasm'));
  await page.goto('/embed.html');
  await failed;
  const fallback = page.locator('[data-self-check] .sc-fallback');
  await expect(fallback).toBeVisible();
  await expect(fallback.locator('a[href="tel:911"]')).toBeVisible();
});

// The hostile sheet, plus odd fonts, line heights and form resets. It may move the
// host's own layout; the container stays wider than the widget's maximum width, so any
// change inside the widget would be the widget's fault.
const HOSTILE = `
  * { all: revert; font-size: 40px !important; display: block !important; font-family: "Comic Sans MS", cursive !important; line-height: 3 !important; }
  button, input, select, label, legend, fieldset { appearance: none !important; margin: 20px !important; padding: 9px !important; border: 5px dotted red !important; }
  a { color: lime !important; text-decoration: none !important; }
`;

/** Every element of the widget, measured relative to the widget's own top left corner,
 * with the styles that show: the widget's layout and look, independent of where it sits. */
function widgetLayout(page, id) {
  return page.evaluate((id) => {
    const root = document.getElementById(id).shadowRoot.querySelector('.sc');
    const origin = root.getBoundingClientRect();
    const r = (n) => Math.round(n * 100) / 100;
    // Closed <option>s have no box; everything rendered is compared.
    const shown = [root, ...root.querySelectorAll('*')].filter((el) => el.getClientRects().length > 0);
    return shown.map((el) => {
      const b = el.getBoundingClientRect();
      const cs = getComputedStyle(el);
      return [el.tagName, el.className, r(b.left - origin.left), r(b.top - origin.top), r(b.width), r(b.height), cs.fontSize, cs.fontFamily, cs.color, cs.backgroundColor, cs.borderTopStyle].join(' ');
    });
  }, id);
}

test('the <self-check> element shows its own contacts until the widget can show styled', async ({ page }) => {
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route(/\/selfcheck-[0-9a-f]+\.css$/, async (route) => {
    await gate;
    await route.continue();
  });
  // The held stylesheet holds the page's load event too.
  await page.goto('/element.html', { waitUntil: 'domcontentloaded' });
  const first = page.locator('self-check#first');
  await expect(first.locator('a[href="tel:911"]').first()).toBeVisible();
  // The code has arrived and run: only the held stylesheet keeps the widget back.
  await page.waitForFunction(() => performance.getEntriesByType('resource').some((e) => /_bg\.wasm$/.test(e.name) && e.responseEnd > 0));
  await settled(page);
  await expect(first.locator('.sc')).toHaveCount(0);
  release();
  await expect(first.locator('legend.sc-legend')).toBeVisible();
  // Styled from its first frame: the legend has the widget's size, not the browser's.
  await expect(first.locator('legend.sc-legend')).toHaveCSS('font-weight', '700');
  await expect(first.locator('legend.sc-legend')).toHaveCSS('font-size', '24px');
});

test('a hostile host stylesheet leaves the <self-check> widget exactly as it was', async ({ page }) => {
  await page.setViewportSize({ width: 900, height: 1400 });
  await page.goto('/element.html');
  const inner = page.locator('self-check#first .sc');
  await expect(inner.locator('fieldset[data-question="danger"]')).toBeVisible();
  const before = await widgetLayout(page, 'first');
  expect(before.length).toBeGreaterThan(30);
  await page.addStyleTag({ content: HOSTILE });
  // The host page really changed: its heading took the hostile font size.
  await expect(page.locator('h1')).toHaveCSS('font-size', '40px');
  expect(await widgetLayout(page, 'first')).toEqual(before);
});

test("the widget's styles do not change the host page", async ({ page, context }) => {
  const hostStyles = () =>
    page.evaluate(() =>
      ['h1', 'p', 'main', 'body', 'code'].map((sel) => {
        const cs = getComputedStyle(document.querySelector(sel));
        return [sel, cs.fontSize, cs.fontFamily, cs.color, cs.margin, cs.padding, cs.display, cs.lineHeight].join(' ');
      }),
    );
  await page.goto('/element.html');
  await expect(page.locator('self-check#first .sc fieldset')).toBeVisible();
  const withWidget = await hostStyles();
  const bare = await context.newPage();
  await bare.route('**/selfcheck.js', (route) => route.abort());
  await bare.goto('/element.html');
  const without = await bare.evaluate(() =>
    ['h1', 'p', 'main', 'body', 'code'].map((sel) => {
      const cs = getComputedStyle(document.querySelector(sel));
      return [sel, cs.fontSize, cs.fontFamily, cs.color, cs.margin, cs.padding, cs.display, cs.lineHeight].join(' ');
    }),
  );
  expect(withWidget).toEqual(without);
});

test('the danger outcome shows the chosen region\'s contacts as tel: links; switching keeps the answers', async ({ page }) => {
  await openWidget(page);
  await page.locator('input[value="harm-self"]').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(result(page)).toHaveAttribute('data-outcome', 'get-help-now');
  await page.getByLabel('Region').selectOption('uk');
  await expect(page.locator('.sc-contacts a[href="tel:999"]')).toBeVisible();
  await expect(page.locator('.sc-contacts a[href="tel:116123"]')).toBeVisible();
  await expect(page.locator('.sc-contacts a[href^="sms:116"]')).toHaveCount(0);
  await page.getByLabel('Language').selectOption('es');
  await expect(result(page)).toHaveAttribute('data-outcome', 'get-help-now');
  await expect(page.locator('.sc-result-heading')).toHaveText('Pide ayuda ahora');
  await expect(page.locator('.sc-contacts a[href="tel:999"]')).toContainText('999');
  // The answers survived both switches.
  await expect(page.locator('.sc-answer-list dd').first()).toHaveText(FACTS.questions[0].answers[0].text.es);
});

test('printing keeps what to do, the contacts and the advice, but not the answers or controls', async ({ page }) => {
  await openWidget(page);
  await walkWithMouse(page, [['danger', ['no']], ['adult', ['no']], ['check-danger', ['none']], ['home-safety', ['no']], ['emergency', ['no']], ['illness', ['no']]]);
  await expect(result(page)).toHaveAttribute('data-outcome', 'minor');
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.sc-result-heading')).toBeVisible();
  await expect(page.locator('.sc-contacts')).toBeVisible();
  await expect(page.locator('article.sc-advice').first()).toBeVisible();
  await expect(page.locator('.sc-answers')).toBeHidden();
  await expect(page.locator('.sc-actions')).toBeHidden();
  await expect(page.locator('.sc-leave')).toBeHidden();
});

test('"Download as text" saves the advice from a local Blob, without the answers', async ({ page, context, baseURL }) => {
  const log = await recordRequests(context, page, baseURL);
  await openWidget(page);
  await walkWithMouse(page, [...TO_EMERGENCY, ['emergency', ['no']], ['illness', ['yes']]]);
  await expect(result(page)).toHaveAttribute('data-outcome', 'serious-illness');
  log.setMark();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download as text' }).click();
  const file = await download;
  expect(file.url()).toMatch(/^blob:/);
  const text = await (await import('node:fs/promises')).readFile(await file.path(), 'utf8');
  expect(text).toContain('Talk to a professional soon');
  expect(text).toContain('call 988');
  expect(text).not.toContain(FACTS.questions.find((q) => q.id === 'illness').answers[0].text.en);
  expect(log.since().filter((r) => !r.startsWith('GET blob:'))).toEqual([]);
});

// Routes that between them choose every answer of the default flow at least once and
// reach every outcome (`selfcheck facts`).
const EVERY_ANSWER = FACTS.routes.map((r) => r.path);

test('every answer of the flow, on routes to every outcome: zero requests after load, nothing stored', async ({ page, context, baseURL }) => {
  test.setTimeout(120_000);
  const log = await recordRequests(context, page, baseURL);
  await openWidget(page);
  log.setMark();
  const outcomes = new Set();
  for (const route of EVERY_ANSWER) {
    await walkWithMouse(page, route);
    outcomes.add(await result(page).getAttribute('data-outcome'));
    await page.getByRole('button', { name: 'Start again' }).click();
    await expect(fieldset(page, 'danger')).toBeVisible();
  }
  expect([...outcomes].sort()).toEqual(FACTS.outcomes.map((o) => o.id).sort());
  expect(log.since(), 'requests after load').toEqual([]);
  expect(log.offOrigin).toEqual([]);
  await expectNothingStored(context, page);
});

test('markup and javascript: links in attributes render as text or are dropped, never run', async ({ page }) => {
  await page.goto('/element.html');
  const first = inShadow(page, 'first');
  await expect(first.locator('fieldset[data-question="danger"]')).toBeVisible();
  await page.evaluate(() => {
    const el = document.querySelector('#first');
    el.setAttribute('practice-name', '<img src=x onerror="window.__pwned=1">Clinic');
    el.setAttribute('practice-url', 'javascript:window.__pwned=2');
    el.setAttribute('practice-phone', '"><script>window.__pwned=3</script>555');
    el.setAttribute('exit-url', 'javascript:window.__pwned=4');
  });
  await expect(first.locator('.sc-footer')).toContainText('<img src=x onerror="window.__pwned=1">Clinic');
  await first.locator('input[value="harm-self"]').check();
  await first.getByRole('button', { name: 'Continue' }).click();
  await expect(first.locator('.sc-practice')).toContainText('Clinic');
  expect(await first.locator('img, script').count()).toBe(0);
  expect(await first.locator('a[href^="javascript:"]').count()).toBe(0);
  await expect(first.locator('.sc-practice a[href^="tel:"]')).toHaveAttribute('href', 'tel:3555'); // digits only: the rest is never part of the link
  expect(await page.evaluate(() => window.__pwned)).toBeUndefined();
});
