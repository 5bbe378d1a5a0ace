// The demo page's pre-rendered first screen (index.html, data-prerendered): the question and
// the crisis numbers show before the wasm has arrived, what the visitor does there carries
// over to the live widget, nothing is sent meanwhile, and a page whose script cannot run
// says so instead of leaving a question that goes nowhere.
import { readFileSync } from 'node:fs';
import { test, expect } from '@playwright/test';
import { axeViolations, expectNothingStored, expectOnlyOwnAssets, FACTS, fieldset, legend, ownSources, recordRequests, settled } from './helpers.mjs';

const root = (page) => page.locator('#self-check');
// Not [type="submit"]: the page's HTML minifier drops that default from the pre-rendered markup.
const continueButton = (page) => page.locator('.sc-question button.sc-button-primary, #self-check .sc-actions button.sc-button-primary').first();

/**
 * Notes, in the page, the first frame in which a question's legend is in the DOM (inside
 * `host`'s shadow root when given); `requestedSince()` then lists the resources the page
 * began to fetch from that frame on (not the browser's own favicon fetch). Resource timing,
 * not the request log: a request is timed when it starts, so this cannot miss one by the
 * test's polling.
 */
async function watchFirstQuestion(page, host = null) {
  await page.addInitScript((host) => {
    const look = () => {
      const root = host ? document.querySelector(host)?.shadowRoot : document;
      if (root?.querySelector('fieldset legend')) window.__questionAt = performance.now();
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  }, host);
  return () =>
    page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => e.startTime >= window.__questionAt)
        .map((e) => e.name)
        // The browser asks for the page's icon on its own schedule; the page does not.
        .filter((name) => !/\/favicon[^/]*\.(svg|ico|png)$/.test(new URL(name).pathname)),
    );
}

/** Holds every .wasm response until the returned function is called. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route('**/*.wasm', async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

test('the first question and the crisis numbers are on screen before the wasm arrives', async ({ page }) => {
  await holdWasm(page);
  await page.goto('/index.html');
  await expect(legend(page, 'danger')).toHaveText(FACTS.questions[0].text.en);
  await expect(fieldset(page, 'danger').locator('input.sc-input')).toHaveCount(FACTS.questions[0].answers.length);
  await expect(root(page)).not.toHaveClass(/sc-mounted/);
  for (const href of ['tel:911', 'tel:988', 'sms:988']) {
    await expect(root(page).locator(`aside.sc-crisis a[href="${href}"]`)).toBeVisible();
  }
  // The quick exit works from the first paint: the loader arms it before the wasm arrives.
  await expect(root(page).locator('.sc-leave')).toBeVisible();
  await expect(root(page).locator('.sc-unavailable')).toBeHidden();
  expect(await axeViolations(page)).toEqual([]);
});

test('an answer and Continue given before the wasm arrives carry over, and send nothing', async ({ page, context, baseURL }) => {
  const log = await recordRequests(context, page, baseURL);
  const release = await holdWasm(page);
  await page.goto('/index.html');
  const url = page.url();
  await fieldset(page, 'danger').locator('label[for="sc0-danger-no"]').click();
  await expect(page.locator('#sc0-danger-no')).toBeChecked();
  log.setMark();
  await continueButton(page).click();
  // The pre-rendered form goes nowhere (method="dialog"): same page, no request.
  await settled(page);
  expect(page.url()).toBe(url);
  expect(log.since()).toEqual([]);
  await expect(root(page)).not.toHaveClass(/sc-mounted/);

  release();
  // The live widget replays the answer and the Continue: the next question, focused.
  await expect(root(page)).toHaveClass(/sc-mounted/);
  await expect(legend(page, 'adult')).toBeFocused();
  await expect(root(page).locator('.sc-leave')).toBeVisible();
  await page.locator('form.sc-question button.sc-button-secondary').click();
  await expect(page.locator('#sc0-danger-no')).toBeChecked();
  expect(log.offOrigin).toEqual([]);
  await expectNothingStored(context, page);
});

test('on a slow device (CPU throttled 6x) the carried answer and Continue still hold', async ({ page, context }) => {
  // A slow first render lets Yew run its first effects after the replayed events: they
  // must not start the flow again or reset the region.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 6 });
  const release = await holdWasm(page);
  await page.goto('/index.html');
  await page.locator('#sc0-region').selectOption('uk');
  await page.locator('label[for="sc0-danger-no"]').click();
  await continueButton(page).click();
  release();
  await expect(legend(page, 'adult')).toBeFocused({ timeout: 15_000 });
  await expect(page.locator('#sc0-region')).toHaveValue('uk');
  await settled(page);
  await expect(legend(page, 'adult')).toBeVisible();
  await expect(page.locator('#sc0-region')).toHaveValue('uk');
});

test('inside a host page\'s own form, a Continue before the wasm arrives submits nothing', async ({ page, context, baseURL, request }) => {
  // Some site builders wrap the whole page in a <form>; the parser then drops the widget's.
  const html = (await (await request.get('/index.html')).text()).replace(
    /(<div[^>]*data-prerendered[^>]*>)/,
    '<form method="get" action="/index.html" id="host-form">$1',
  ).replace('</main>', '</form></main>');
  await page.route('**/host-form.html', (route) => route.fulfill({ contentType: 'text/html', body: html }));
  const log = await recordRequests(context, page, baseURL);
  const release = await holdWasm(page);
  await page.goto('/host-form.html');
  await expect(page.locator('#host-form')).toHaveCount(1);
  await expect(page.locator('#self-check form')).toHaveCount(0);
  await page.locator('label[for="sc0-danger-no"]').click();
  log.setMark();
  await continueButton(page).click();
  await settled(page);
  expect(page.url()).toBe(`${baseURL}/host-form.html`);
  expect(log.since()).toEqual([]);
  release();
  await expect(legend(page, 'adult')).toBeFocused();
});

test('a danger answer chosen before the wasm arrives still ends at emergency help', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/index.html');
  await page.locator('label[for="sc0-danger-harm-self"]').click();
  await continueButton(page).click();
  release();
  await expect(page.locator('section.sc-result')).toHaveAttribute('data-urgency', 'emergency');
  await expect(page.locator('h2.sc-result-heading')).toBeFocused();
});

test('keyboard focus on the pre-rendered question stays on the same control of the live one', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/index.html');
  await page.locator('#sc0-danger-not-sure').focus();
  await page.keyboard.press('Space');
  await expect(page.locator('#sc0-danger-not-sure')).toBeChecked();
  release();
  await expect(root(page)).toHaveClass(/sc-mounted/);
  // The same control, now the live widget's: focused and checked, and the keyboard goes on.
  await expect(page.locator('#sc0-danger-not-sure')).toBeFocused();
  await expect(page.locator('#sc0-danger-not-sure')).toBeChecked();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('#sc0-danger-no')).toBeChecked();
  await expect(page.locator('#sc0-danger-no')).toBeFocused();
});

test('a region picked before the wasm arrives carries over', async ({ page }) => {
  const release = await holdWasm(page);
  await page.goto('/index.html');
  await page.locator('#sc0-region').selectOption('uk');
  release();
  await expect(root(page)).toHaveClass(/sc-mounted/);
  await expect(page.locator('#sc0-region')).toHaveValue('uk');
  await expect(root(page).locator('aside.sc-crisis a[href="tel:999"]')).toBeVisible();
  await expect(root(page).locator('aside.sc-crisis a[href="tel:911"]')).toHaveCount(0);
});

test('with the wasm blocked, the question goes, a note says why and the numbers stay', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.abort());
  await page.goto('/index.html');
  await expect(root(page)).toHaveAttribute('data-failed', '');
  await expect(page.locator('form.sc-question')).toBeHidden();
  await expect(page.locator('#sc0-region')).toBeHidden();
  await expect(root(page).locator('.sc-unavailable')).toBeVisible();
  await expect(root(page).locator('aside.sc-crisis a[href="tel:911"]')).toBeVisible();
});

test('with selfcheck.js blocked, the note shows after 10 seconds, the numbers throughout', async ({ page }) => {
  await page.route('**/selfcheck.js', (route) => route.abort());
  await page.goto('/index.html');
  await expect(root(page).locator('aside.sc-crisis a[href="tel:911"]')).toBeVisible();
  // The note waits 10 s (a CSS animation delay, so no script is needed to show it): hidden
  // now, shown once the delay has run.
  const note = root(page).locator('.sc-unavailable');
  await expect(note).toBeHidden();
  expect(await note.evaluate((el) => getComputedStyle(el).animationDelay)).toBe('10s');
  await expect(note).toBeVisible({ timeout: 14_000 });
  await expect(root(page).locator('aside.sc-crisis a[href="tel:911"]')).toBeVisible();
});

test('without JavaScript, the question is not offered, a note says why and the numbers stay', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto('/index.html');
  await expect(page.locator('aside.sc-crisis a[href="tel:911"]')).toBeVisible();
  await expect(page.locator('form.sc-question')).toBeHidden();
  await expect(page.locator('.sc-leave')).toBeHidden();
  await expect(page.locator('#sc0-region')).toBeHidden();
  await expect(page.locator('.sc-unavailable')).toBeVisible();
  await context.close();
});

test('the quick exit works from the first paint: its button and Shift ×3, before the wasm arrives', async ({ page, context }) => {
  await context.route(/^https:\/\/www\.bbc\.com\/weather/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Weather</title><p>Weather</p>' }));
  const release = await holdWasm(page);
  await page.goto('/index.html');
  const button = root(page).locator('.sc-button-leave');
  await expect(button).toBeVisible();
  await expect(root(page)).not.toHaveClass(/sc-mounted/);
  await page.locator('label[for="sc0-danger-harm-self"]').click();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await expect(page).toHaveURL(/bbc\.com\/weather/);
  await expect(page.locator('p')).toHaveText('Weather');

  await page.goto('/index.html');
  await expect(root(page).locator('.sc-button-leave')).toBeVisible();
  await root(page).locator('.sc-button-leave').click();
  await expect(page).toHaveURL(/bbc\.com\/weather/);
  release();
});

// The README's snippet: a <self-check> element with no pre-rendered screen. Before the wasm
// arrives it shows the first screen the build wrote beside its pack
// (packs/<flow>.<lang>.screen.json), in its language and with its region's numbers.
test.describe('the <self-check> element before the wasm arrives', () => {
  const element = (page, id) => page.locator(`self-check#${id}`);
  const mountPoint = (page, id) => element(page, id).locator('[part="widget"]');

  test('shows its first screen in its language and region, armed, with nothing sent elsewhere', async ({ page, context, baseURL }) => {
    const log = await recordRequests(context, page, baseURL);
    await holdWasm(page);
    await page.goto('/element.html', { waitUntil: 'domcontentloaded' });
    await expect(legend(element(page, 'first'), 'danger')).toHaveText(FACTS.questions[0].text.en);
    await expect(legend(element(page, 'second'), 'danger')).toHaveText(FACTS.questions[0].text.es);
    await expect(fieldset(element(page, 'first'), 'danger').locator('input.sc-input')).toHaveCount(FACTS.questions[0].answers.length);
    for (const href of ['tel:911', 'tel:988', 'sms:988']) {
      await expect(element(page, 'first').locator(`aside.sc-crisis a[href="${href}"]`)).toBeVisible();
    }
    await expect(element(page, 'second').locator('aside.sc-crisis a[href="tel:999"]')).toBeVisible();
    await expect(element(page, 'second').locator('aside.sc-crisis a[href="tel:911"]')).toHaveCount(0);
    for (const id of ['first', 'second']) {
      await expect(mountPoint(page, id)).toHaveAttribute('data-prerendered', '');
      await expect(mountPoint(page, id)).toHaveAttribute('data-armed', '');
      await expect(mountPoint(page, id)).not.toHaveClass(/sc-mounted/);
      await expect(element(page, id).locator('.sc-leave')).toBeVisible();
    }
    expect(await axeViolations(page)).toEqual([]);
    expect(log.offOrigin).toEqual([]);
  });

  test('an answer and Continue given there carry over to the live widget, with only its own files fetched', async ({ page, context, baseURL }) => {
    const log = await recordRequests(context, page, baseURL);
    const requestedSince = await watchFirstQuestion(page, 'self-check#first');
    const release = await holdWasm(page);
    const response = await page.goto('/element.html', { waitUntil: 'domcontentloaded' });
    const first = element(page, 'first');
    await expect(legend(first, 'danger')).toBeVisible();
    // Every file was asked for before the question showed: nothing is requested from here.
    log.setMark();
    await first.locator('label[for="sc0-danger-no"]').click();
    await expect(first.locator('#sc0-danger-no')).toBeChecked();
    await first.locator('form.sc-question button.sc-button-primary').click();
    await settled(page);
    await expect(mountPoint(page, 'first')).not.toHaveClass(/sc-mounted/);
    release();
    await expect(mountPoint(page, 'first')).toHaveClass(/sc-mounted/);
    await expect(legend(first, 'adult')).toBeFocused();
    await first.locator('form.sc-question button.sc-button-secondary').click();
    await expect(first.locator('input[value="no"]')).toBeChecked();
    // The other element was left alone: its live first question, nothing chosen.
    await expect(mountPoint(page, 'second')).toHaveClass(/sc-mounted/);
    await expect(element(page, 'second').locator('input:checked')).toHaveCount(0);
    // Every request, before and after the screen showed, was for the widget's own files
    // (the screens among them), fetched with GET: no answer left the page.
    expectOnlyOwnAssets(log, await ownSources(page, response), baseURL);
    expect(log.all.filter((r) => r.url.endsWith('.screen.json')).length).toBe(2);
    await settled(page);
    expect(log.since(), 'requests after the first question showed').toEqual([]);
    expect(await requestedSince(), 'fetches begun once the first question was in a frame').toEqual([]);
  });

  test('on the README\'s snippet as pasted (no preload hints), every file is asked for before the question shows', async ({ page, baseURL }) => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const snippet = readme.match(/```html\n(<script[^`]*<\/self-check>)\n```/)?.[1];
    expect(snippet, 'README.md has the <self-check> snippet').toBeTruthy();
    await page.route(`${baseURL}/pasted.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: `<!doctype html><html lang="en"><title>A practice</title><link rel="icon" href="data:,"><body>${snippet.replace('/selfcheck/selfcheck.js', '/selfcheck.js')}</body></html>`,
      }),
    );
    const requestedSince = await watchFirstQuestion(page, 'self-check');
    await page.goto('/pasted.html');
    await expect(page.locator('self-check .sc-mounted legend')).toBeVisible();
    await settled(page);
    expect(await requestedSince(), 'fetches begun once the first question was in a frame').toEqual([]);
  });

  test('the quick exit works there: Shift ×3 and its button', async ({ page, context }) => {
    await context.route(/^https:\/\/www\.bbc\.com\/weather/, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<title>Weather</title><p>Weather</p>' }));
    await holdWasm(page);
    await page.goto('/element.html', { waitUntil: 'domcontentloaded' });
    await expect(mountPoint(page, 'first')).toHaveAttribute('data-armed', '');
    await element(page, 'first').locator('label[for="sc0-danger-harm-self"]').click();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
    await expect(page).toHaveURL(/bbc\.com\/weather/);

    await page.goto('/element.html', { waitUntil: 'domcontentloaded' });
    await element(page, 'second').locator('.sc-button-leave').click();
    await expect(page).toHaveURL(/bbc\.com\/weather/);
  });

  test('a region the first screens do not name (an alias) waits for the widget, which shows its numbers', async ({ page, baseURL }) => {
    await page.route(`${baseURL}/snippet-gb.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html lang="en"><title>t</title><script type="module" src="/selfcheck.js"></script><self-check id="gb" region="gb" lang="en"><p>Call <a href="tel:999">999</a>.</p></self-check>',
      }),
    );
    const release = await holdWasm(page);
    const screen = page.waitForResponse(/loved-one-rejects-help\.en\.screen\.json$/);
    await page.goto('/snippet-gb.html', { waitUntil: 'domcontentloaded' });
    await screen;
    await settled(page);
    await expect(element(page, 'gb').locator('.sc')).toHaveCount(0);
    await expect(element(page, 'gb').locator('a[href="tel:999"]')).toBeVisible();
    release();
    await expect(element(page, 'gb').locator('aside.sc-crisis a[href="tel:999"]')).toBeVisible();
    await expect(legend(element(page, 'gb'), 'danger')).toBeVisible();
  });

  test('with the wasm blocked, the element shows its own contacts, not a question that goes nowhere', async ({ page }) => {
    await page.route('**/*.wasm', (route) => route.abort());
    const screen = page.waitForResponse(/\.screen\.json$/);
    await page.goto('/element.html', { waitUntil: 'domcontentloaded' });
    await screen;
    await settled(page);
    await expect(element(page, 'first').locator('.sc')).toHaveCount(0);
    await expect(element(page, 'first').locator('a[href="tel:911"]')).toBeVisible();
    await expect(element(page, 'second').locator('a[href="tel:999"]')).toBeVisible();
  });
});

// An in-page mount without a pre-rendered screen (the iframe page, embed.html, or a
// `data-self-check` element) shows the same first screen from its file.
test.describe('an in-page mount before the wasm arrives', () => {
  test('the iframe page shows its first screen in its language and region, and the answer carries over', async ({ page, context, baseURL }) => {
    const log = await recordRequests(context, page, baseURL);
    const requestedSince = await watchFirstQuestion(page);
    const release = await holdWasm(page);
    const response = await page.goto('/embed.html?lang=es&region=uk', { waitUntil: 'domcontentloaded' });
    await expect(legend(page, 'danger')).toHaveText(FACTS.questions[0].text.es);
    log.setMark();
    await expect(root(page)).toHaveAttribute('data-prerendered', '');
    await expect(root(page)).toHaveAttribute('data-armed', '');
    await expect(root(page).locator('aside.sc-crisis a[href="tel:999"]')).toBeVisible();
    await expect(root(page).locator('.sc-fallback')).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('label[for="sc0-danger-no"]').click();
    await continueButton(page).click();
    await settled(page);
    await expect(root(page)).not.toHaveClass(/sc-mounted/);
    release();
    await expect(root(page)).toHaveClass(/sc-mounted/);
    await expect(legend(page, 'adult')).toBeFocused();
    expectOnlyOwnAssets(log, await ownSources(page, response), baseURL);
    await settled(page);
    expect(log.since(), 'requests after the first question showed').toEqual([]);
    expect(await requestedSince(), 'fetches begun once the first question was in a frame').toEqual([]);
  });

  test('two mounts on one page get first screens with ids of their own', async ({ page, baseURL }) => {
    await page.route(`${baseURL}/two-mounts.html`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html lang="en"><title>t</title><script type="module" src="/selfcheck.js"></script>' +
          '<div id="a" data-self-check data-region="us" data-lang="en"><p>Call <a href="tel:911">911</a>.</p></div>' +
          '<div id="b" data-self-check data-region="us" data-lang="en"><p>Call <a href="tel:911">911</a>.</p></div>',
      }),
    );
    const release = await holdWasm(page);
    await page.goto('/two-mounts.html', { waitUntil: 'domcontentloaded' });
    await expect(page.locator('#b[data-prerendered] legend')).toBeVisible();
    await expect(page.locator('#a[data-prerendered] legend')).toBeVisible();
    const ids = await page.evaluate(() => [...document.querySelectorAll('[id]')].map((e) => e.id));
    expect(ids.length).toBeGreaterThan(10);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    // A label of the second screen checks the second screen's answer.
    await page.locator('#b label.sc-label').last().click();
    await expect(page.locator('#b input:checked')).toHaveCount(1);
    await expect(page.locator('#a input:checked')).toHaveCount(0);
    release();
    await expect(page.locator('#b.sc-mounted input:checked')).toHaveCount(1);
    await expect(page.locator('#a.sc-mounted input:checked')).toHaveCount(0);
  });

  test('with the wasm blocked, the iframe page shows its own contacts again, not a question that goes nowhere', async ({ page }) => {
    await page.route('**/*.wasm', (route) => route.abort());
    const screen = page.waitForResponse(/\.screen\.json$/);
    await page.goto('/embed.html?region=us', { waitUntil: 'domcontentloaded' });
    await screen;
    await settled(page);
    await expect(root(page).locator('.sc-fallback a[href="tel:988"]')).toBeVisible();
    await expect(root(page).locator('fieldset')).toHaveCount(0);
  });
});
