// Shared helpers for the widget's end-to-end tests: a request recorder, keyboard-only and
// mouse answering, focus and storage assertions, and an axe-core runner.
import { readFileSync } from 'node:fs';
import { expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

/**
 * The default flow as the engine describes it (`selfcheck facts`, written by
 * global-setup.mjs): `questions` (id, type, help, text by language, answers), `outcomes`
 * (id, urgency, title by language) and `routes` (outcome, urgency, path, advice) that
 * reach every outcome and pick every answer. The first route asks the most questions.
 */
export const FACTS = JSON.parse(readFileSync(new URL('../.facts/default.json', import.meta.url), 'utf8'));
/** A question of the default flow by id. */
export const question = (qid) => FACTS.questions.find((q) => q.id === qid);
/** The shortest route to each outcome, in the flow's order of outcomes. */
export const ROUTE_PER_OUTCOME = FACTS.outcomes.map((o) =>
  FACTS.routes.filter((r) => r.outcome === o.id).sort((a, b) => a.path.length - b.path.length)[0],
);
/** The first route the facts give to `outcome` whose path starts like `prefix`. */
export const routeTo = (outcome, prefix = []) =>
  FACTS.routes.find((r) => r.outcome === outcome && prefix.every(([q, ids], i) => r.path[i]?.[0] === q && JSON.stringify(r.path[i][1]) === JSON.stringify(ids)));

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Crisis links the strip shows for region "us" (data/crisis-contacts.toml). */
export const US_CRISIS_LINKS = ['tel:911', 'tel:988', 'sms:988'];

// ---------------------------------------------------------------------------------------
// Requests

/**
 * Records every request the browser context makes (all pages, workers, beacons, pings) and
 * every websocket. Requests to the test server's origin are let through; anything else is
 * aborted and recorded as off-origin. Call before `page.goto`.
 */
export async function recordRequests(context, page, baseURL) {
  const origin = new URL(baseURL).origin;
  const log = {
    origin,
    /** @type {{url: string, type: string, method: string}[]} */
    all: [],
    /** URLs that were aborted because they left the test server's origin. */
    offOrigin: [],
    websockets: [],
    /** Index into `all` from which `since()` counts (websockets are in `all` too). */
    mark: 0,
    setMark() {
      this.mark = this.all.length;
    },
    /**
     * Requests the page or the widget made since the mark. The browser's own favicon
     * fetch (Chromium asks for the page's icon on its own schedule, sometimes long after
     * load) is not one the page makes, so it does not count here; it is still checked
     * against the page's own assets by expectOnlyOwnAssets.
     */
    since() {
      return this.all
        .slice(this.mark)
        .filter((r) => !(r.type === 'other' && /\/favicon[^/]*\.(svg|ico|png)$/.test(new URL(r.url).pathname)))
        .map((r) => `${r.method} ${r.url} (${r.type})`);
    },
  };
  context.on('request', (r) => log.all.push({ url: r.url(), type: r.resourceType(), method: r.method() }));
  page.on('websocket', (ws) => log.websockets.push(ws.url()));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    let same = false;
    try {
      same = new URL(url).origin === origin;
    } catch {
      same = false;
    }
    if (same) return route.continue();
    log.offOrigin.push(url);
    return route.abort('blockedbyclient');
  });
  // Websockets never go through `route`: intercept them separately, record and refuse.
  await context.routeWebSocket(/.*/, (ws) => {
    log.websockets.push(ws.url());
    log.all.push({ url: ws.url(), type: 'websocket', method: 'GET' });
    ws.close({ code: 1008, reason: 'blocked by test' });
  });
  return log;
}

/**
 * The page's own assets, read from the served index.html: the document itself and every
 * stylesheet, script, module and wasm it names.
 */
export function ownAssets(indexHtml, baseURL) {
  const paths = new Set(['/', '/index.html']);
  // The content packs the loader fetches from its packs/ folder (it names them from its
  // manifest: `PACKS` in selfcheck.js): packs/<flow>.<lang>.pack beside the loader, and
  // beside each pack its first screen (packs/<flow>.<lang>.screen.json).
  const loaderAt = [...indexHtml.matchAll(/src=["']?([^"'\s>]*selfcheck\.js)/g)].map((m) => new URL(m[1], baseURL));
  const manifest = indexHtml.match(/\{\s*"?default"?\s*:\s*"([^"]+)"\s*,\s*"?flows"?\s*:\s*(\{[^}]*\})/);
  if (manifest) {
    const flows = JSON.parse(manifest[2].replace(/([{,])\s*([a-z0-9_-]+)\s*:/gi, '$1"$2":'));
    for (const at of loaderAt.length ? loaderAt : [new URL('/selfcheck.js', baseURL)]) {
      for (const [id, langs] of Object.entries(flows)) {
        for (const l of langs) {
          paths.add(new URL(`packs/${id}.${l}.pack`, at).pathname);
          paths.add(new URL(`packs/${id}.${l}.screen.json`, at).pathname);
        }
      }
    }
  }
  const re = /(?:href|src)=["']?([^"'\s>]+)["']?|(?:from|import\()\s*["']([^"']+)["']|module_or_path:\s*["']([^"']+)["']|file\(["']([^"']+)["']\)/g;
  for (const m of indexHtml.matchAll(re)) {
    const ref = m[1] || m[2] || m[3] || m[4];
    if (!ref || ref.startsWith('#') || /^(data|tel|sms|mailto):/.test(ref)) continue;
    const u = new URL(ref, baseURL);
    if (u.origin === new URL(baseURL).origin) paths.add(u.pathname);
  }
  return paths;
}

/**
 * The text that names the page's own assets: the served HTML and the selfcheck.js loader
 * it includes (which names the fingerprinted wasm, glue and stylesheet). Fetched outside
 * the browser, so the request recorder does not see these fetches.
 */
export async function ownSources(page, response) {
  const html = await response.text();
  const loader = await (await page.request.get(new URL('selfcheck.js', response.url()).href)).text();
  // The page itself (with its query), and the widget's fingerprinted files as the loader
  // names them (minified, its `file("…")` calls are renamed, not its strings).
  const page_ = new URL(response.url());
  const loaderAt = new URL('selfcheck.js', response.url()).pathname;
  const built = [...loader.matchAll(/["'](selfcheck-[\w-]+(?:_bg\.wasm|\.js|\.css))["']/g)].map((m) => `src="${m[1]}"`);
  return `src="${page_.pathname}" src="${loaderAt}"\n${html}\n${loader}\n${built.join('\n')}`;
}

/**
 * Asserts that everything requested up to now was one of the page's own assets on the test
 * server, that nothing left the origin and that no websocket was opened.
 */
export function expectOnlyOwnAssets(log, indexHtml, baseURL) {
  const own = ownAssets(indexHtml, baseURL);
  // Sanity: the page names its wasm and its script, so the check below means something.
  expect([...own].some((p) => p.endsWith('.wasm'))).toBe(true);
  expect([...own].some((p) => p.endsWith('.js'))).toBe(true);
  const foreign = log.all
    .filter((r) => !r.url.startsWith('data:'))
    .filter((r) => {
      const u = new URL(r.url);
      return u.origin !== log.origin || !own.has(u.pathname) || r.method !== 'GET';
    })
    .map((r) => `${r.method} ${r.url} (${r.type})`);
  expect(foreign, 'requests other than the page’s own assets').toEqual([]);
  expect(log.offOrigin, 'off-origin requests').toEqual([]);
  expect(log.websockets, 'websockets').toEqual([]);
  // The wasm was really fetched from the server (the recorder saw the page load).
  expect(log.all.some((r) => r.url.endsWith('.wasm'))).toBe(true);
}

// ---------------------------------------------------------------------------------------
// Loading

export const widget = (page) => page.locator('[data-self-check] .sc');
export const fieldset = (page, qid) => page.locator(`fieldset.sc-fieldset[data-question="${qid}"]`);
export const legend = (page, qid) => fieldset(page, qid).locator('legend.sc-legend');
export const result = (page) => page.locator('section.sc-result');
export const status = (page) => page.locator('p.sc-status[role="status"][aria-live="polite"]');
/** The question's Continue and Back buttons, in `scope` (a page, a <self-check> element's
 * locator or an iframe's FrameLocator). */
export const continueButton = (scope) => scope.locator('form.sc-question button[type="submit"]');
export const backButton = (scope) => scope.locator('form.sc-question button.sc-button-secondary');
/** Whether `active(page)` is the question's Continue, or its Back. */
export const isContinue = (a) => a.tag === 'button' && a.type === 'submit' && a.inForm;
export const isBack = (a) => a.tag === 'button' && a.inForm && /\bsc-button-secondary\b/.test(a.cls);

/**
 * Sets `data-lang` on the mount element before the widget starts: an init script that runs
 * before the page's own scripts and sets it as soon as the element is parsed.
 */
export async function setLanguage(page, lang) {
  await page.addInitScript((l) => {
    const set = () => {
      const el = document.querySelector('[data-self-check]');
      if (el) el.setAttribute('data-lang', l);
      return !!el;
    };
    if (!set()) {
      const mo = new MutationObserver(() => {
        if (set()) mo.disconnect();
      });
      mo.observe(document, { childList: true, subtree: true });
    }
  }, lang);
}

/** Opens the demo page and waits until the widget shows its first question. */
export async function openWidget(page, path = '/index.html') {
  const response = await page.goto(path);
  expect(response?.status()).toBe(200);
  await expectLive(page);
  return response;
}

/**
 * Waits until the widget itself runs: the demo page shows a pre-rendered first screen
 * before that (prerender.spec.mjs tests it), whose language and ids may differ.
 */
export async function expectLive(page) {
  await expect(page.locator('[data-self-check].sc-mounted fieldset[data-question="danger"]').first()).toBeVisible();
}

// ---------------------------------------------------------------------------------------
// Focus

/** What has keyboard focus, described for assertions and loop decisions. */
export function active(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { tag: 'body' };
    return {
      tag: el.tagName.toLowerCase(),
      type: el.getAttribute('type') || '',
      cls: el.className || '',
      value: el.getAttribute('value') || '',
      checked: !!el.checked,
      question: el.closest('fieldset')?.getAttribute('data-question') || '',
      inForm: !!el.closest('form.sc-question'),
      text: (el.textContent || '').trim(),
    };
  });
}

/** Asserts focus is on the legend of question `qid` (and not on <body>). */
export async function expectFocusOnLegend(page, qid) {
  await expect(legend(page, qid)).toBeFocused();
  const a = await active(page);
  expect(a.tag).toBe('legend');
  expect(a.question).toBe(qid);
}

/** Asserts focus is on the result heading (and not on <body>). */
export async function expectFocusOnResultHeading(page) {
  await expect(page.locator('h2.sc-result-heading')).toBeFocused();
  const a = await active(page);
  expect(a.tag).toBe('h2');
}

// ---------------------------------------------------------------------------------------
// Answering

async function press(page, key, times = 1) {
  for (let i = 0; i < times; i++) await page.keyboard.press(key);
}

/** Tab (or Shift+Tab) until `pred(active)` holds; fails after `max` presses. */
export async function tabUntil(page, pred, what, { backwards = false, max = 40 } = {}) {
  for (let i = 0; i <= max; i++) {
    const a = await active(page);
    if (pred(a)) return a;
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`keyboard: could not reach ${what} within ${max} presses`);
}

/**
 * Answers question `qid` with the keyboard only: Tab into the group, arrows between radios,
 * Space to select (or toggle a checkbox), Tab to Continue and Enter. No mouse.
 */
export async function answerWithKeyboard(page, qid, answerIds, { continueLabel = 'Continue' } = {}) {
  const fs = fieldset(page, qid);
  await expect(fs).toBeVisible();
  const inputs = fs.locator('input.sc-input');
  const values = await inputs.evaluateAll((els) => els.map((e) => e.value));
  const kind = await inputs.first().getAttribute('type');
  for (const id of answerIds) {
    if (!values.includes(id)) throw new Error(`question ${qid} has no answer ${id} (has ${values})`);
  }
  const inGroup = (a) => a.tag === 'input' && a.question === qid;
  await tabUntil(page, inGroup, `an answer of ${qid}`);

  if (kind === 'radio') {
    if (answerIds.length !== 1) throw new Error(`radio question ${qid} takes one answer`);
    const target = values.indexOf(answerIds[0]);
    const current = values.indexOf((await active(page)).value);
    const key = target > current ? 'ArrowDown' : 'ArrowUp';
    await press(page, key, Math.abs(target - current));
    const a = await active(page);
    expect(a.value, `focus on radio ${answerIds[0]}`).toBe(answerIds[0]);
    await page.keyboard.press('Space');
  } else {
    // Checkboxes: visit each one whose state must change, in DOM order, and toggle it.
    for (let i = 0; i < values.length; i++) {
      const want = answerIds.includes(values[i]);
      const box = inputs.nth(i);
      if ((await box.isChecked()) === want) continue;
      const here = values.indexOf((await active(page)).value);
      const backwards = here > i;
      await tabUntil(page, (a) => inGroup(a) && a.value === values[i], `checkbox ${values[i]}`, { backwards, max: values.length });
      await page.keyboard.press('Space');
      await expect(box).toBeChecked({ checked: want });
    }
  }
  for (let i = 0; i < values.length; i++) {
    await expect(inputs.nth(i), `${qid}.${values[i]}`).toBeChecked({ checked: answerIds.includes(values[i]) });
  }
  const a = await tabUntil(page, (x) => x.tag === 'button' && x.type === 'submit' && x.inForm, 'Continue');
  expect(a.text).toBe(continueLabel);
  await page.keyboard.press('Enter');
}

/** Answers question `qid` with the mouse: clicks the answers' labels, then Continue. */
export async function answerWithMouse(page, qid, answerIds) {
  const fs = fieldset(page, qid);
  await expect(fs).toBeVisible();
  for (const id of answerIds) {
    const input = fs.locator(`input.sc-input[value="${id}"]`);
    const inputId = await input.getAttribute('id');
    await fs.locator(`label[for="${inputId}"]`).click();
    await expect(input).toBeChecked();
  }
  await fs.locator('xpath=ancestor::form').getByRole('button', { name: 'Continue' }).click();
}

/** Walks a path given as [[qid, [answer ids]], ...] with the mouse. */
export async function walkWithMouse(page, path) {
  for (const [qid, ids] of path) await answerWithMouse(page, qid, ids);
}

/**
 * Waits until the page's event loop has gone round: the tasks, the microtasks (Yew's
 * scheduler and effects) and two frames queued by the last action have all run. A wait on
 * the page's own state, not a fixed time, for before asserting that something did *not*
 * happen (no navigation, no request, no auto-advance).
 */
export async function settled(page) {
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0)))),
  );
}

// ---------------------------------------------------------------------------------------
// Result

export async function adviceIds(page) {
  return result(page).locator('article.sc-advice').evaluateAll((els) => els.map((e) => e.getAttribute('data-advice')));
}

// ---------------------------------------------------------------------------------------
// Storage

/** Asserts the browser keeps nothing: no cookies, Web Storage, IndexedDB or Cache Storage. */
export async function expectNothingStored(context, page) {
  expect(await context.cookies()).toEqual([]);
  const stored = await page.evaluate(async () => ({
    local: localStorage.length,
    session: sessionStorage.length,
    idb: (await indexedDB.databases()).map((d) => d.name),
    caches: typeof caches === 'undefined' ? 'no CacheStorage' : await caches.keys(),
    cookie: document.cookie,
  }));
  expect(stored).toEqual({ local: 0, session: 0, idb: [], caches: [], cookie: '' });
}

// ---------------------------------------------------------------------------------------
// axe-core

/** Runs axe with the WCAG 2.2 AA tag set on the whole page; returns readable violations. */
export async function axeViolations(page) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(' '), message: n.failureSummary?.replace(/\s+/g, ' ') })),
  }));
}
