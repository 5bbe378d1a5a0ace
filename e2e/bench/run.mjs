// The speed benchmark and the side-by-side comparison of issue 7.
//
//   cd e2e && node bench/run.mjs     (30 runs per page; BENCH_RUNS=n for another number, at least 20)
//
// Serves ../dist (the release build) and this folder on localhost (bench/server.mjs) and, in
// Debian's headless Chromium, loads three pages in fresh browser contexts:
//   floor      bench/floor.html     the first question as static HTML, no script, no CSS
//                                   (made by this harness from the engine's facts)
//   snippet    bench/snippet.html   a practice's page: the README's snippet as pasted (the
//                                   <self-check> element, its static contacts, no
//                                   pre-rendered screen, no preload hints; made at start):
//                                   the element shows the first screen the build wrote
//                                   beside its pack, then the widget ("ready") takes over
//   selfcheck  /index.html          the release build's demo page with the widget (its
//                                   first screen pre-rendered in the page; the walk waits
//                                   until the widget itself runs, reported as "ready")
//   surveyjs   bench/surveyjs.html  the same default flow in SurveyJS 2.5 (survey-core +
//                                   survey-js-ui, fontless default theme)
//   static     bench/static-widget.html  the widget's own first screen as static HTML: the
//                                   demo page with the markup the widget rendered and its
//                                   stylesheets, no script (made by this harness at start).
//                                   No script can paint the widget sooner than this, so it
//                                   shows how much of the gap to the floor is script at all.
// The pages are interleaved (one round = one run of each, in a rotating order) so that any
// drift of the machine hits all three alike. floor, snippet and static run again on a
// throttled "Slow 4G" link (rows marked so). Per page it reports median and p90 of:
//   first question   navigation start -> first question painted and focusable
//   next question    Continue activation -> next question painted (selfcheck, surveyjs:
//                    the question-to-question answers of the ordinary path, pooled over
//                    all runs: 10 on the widget's flow 3.0, 8 on SurveyJS's model of the
//                    first version)
//   script / answer  CDP Performance.getMetrics ScriptDuration delta over one answer: choose
//                    the answer(s), wait a frame, Continue, wait until the next question is
//                    painted (the same answers, pooled)
//   JS heap          CDP JSHeapUsedSize after the full path and the outcome screen, after a
//                    forced garbage collection (the widget's wasm linear memory is reported
//                    separately: it is not part of the JS heap)
// and, once per page, the bytes transferred (response bodies; gzip -9 and brotli computed
// here with zlib for the .js, .wasm and .css). "Painted" is defined in bench/instrument.js
// (the same injected code on all three pages). Writes bench/results.json and prints a
// Markdown table. A benchmark, not a test: it fails only when a page does not work.
import { chromium } from '@playwright/test';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readFile, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { gzipSync, brotliCompressSync, constants as zc } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { VENDOR, distDir, startServer } from './server.mjs';
import config from '../playwright.config.mjs';
import globalSetup, { FACTS_FILE } from '../global-setup.mjs';

const RUNS = Math.max(20, Number(process.env.BENCH_RUNS || 30));
const STEP_TIMEOUT_MS = 15_000;
// The same Chromium and flags as the tests (Debian's browser, kept off the network).
const { executablePath: CHROMIUM, args: ARGS } = config.use.launchOptions;
const resultsFile = fileURLToPath(new URL('./results.json', import.meta.url));
const instrumentSource = await readFile(new URL('./instrument.js', import.meta.url), 'utf8');

// The widget runs the default flow as the engine describes it (`selfcheck facts`, as the
// e2e tests read it): its longest route to the outcome "ordinary", question texts in
// English. SurveyJS runs its own hand-written model of the flow's first version
// (bench/surveyjs.mjs), so it keeps that version's path and texts.
globalSetup();
const FACTS = JSON.parse(readFileSync(FACTS_FILE, 'utf8'));
const ORDINARY = FACTS.routes.filter((r) => r.outcome === 'ordinary').sort((a, b) => b.path.length - a.path.length)[0];
const FIRST = FACTS.questions.find((q) => q.id === FACTS.start);
const WIDGET_WALK = {
  path: ORDINARY.path,
  text: Object.fromEntries(FACTS.questions.map((q) => [q.id, q.text.en])),
  outcomeTitle: FACTS.outcomes.find((o) => o.id === 'ordinary').title.en,
};
const SURVEYJS_WALK = {
  path: [
    ['danger', ['no']],
    ['adult', ['yes']],
    ['illness', ['no']],
    ['emergency', ['no']],
    ['feelings', ['sad', 'frustrated']],
    ['coping', ['well']],
    ['offers', ['often']],
    ['personal', ['no']],
    ['reaction', ['declined']],
  ],
  text: {
    danger: 'First: is your loved one in danger right now?',
    adult: 'Is your loved one an adult?',
    illness: 'Is your loved one seriously ill, mentally or physically?',
    emergency: 'Is the problem itself an emergency?',
    feelings: 'How are you feeling about it?',
    coping: 'How have you been sleeping and eating lately?',
    offers: 'Do you keep renewing your offer, pleading or reminding them?',
    personal: "Does their refusal feel like they're rejecting you?",
    reaction: 'How did they react when you offered help?',
  },
  outcomeTitle: 'Look after yourself and your relationship',
};

/** The floor: the flow's first question as plain HTML, no script, no stylesheet. */
function floorPage() {
  const esc = (t) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const answers = FIRST.answers
    .map((a) => `<div><input type="radio" id="q-${a.id}" name="q" value="${a.id}"> <label for="q-${a.id}">${esc(a.text.en)}</label></div>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Floor: the first question as static HTML</title><link rel="icon" href="data:,"></head><body><main>
<form action="#"><fieldset data-question="${FIRST.id}"><legend class="sc-legend" tabindex="-1">${esc(FIRST.text.en)}</legend>
<p>${esc(FIRST.help?.en ?? '')}</p>
${answers}
</fieldset><button type="submit">Continue</button></form></main></body></html>`;
}

/**
 * A plain snippet page: the README's snippet as a practice pastes it (the <self-check>
 * element with its static contacts, selfcheck.js from the site's root), no pre-rendered
 * screen, no preload hints.
 */
function snippetPage() {
  const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
  const snippet = readme.match(/```html\n(<script[^`]*<\/self-check>)\n```/)?.[1];
  if (!snippet) throw new Error('README.md has no ```html snippet with <self-check>');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>A practice's page</title><link rel="icon" href="data:,"></head><body><main><h1>Riverside Counselling</h1>
${snippet.replace('/selfcheck/selfcheck.js', '/selfcheck.js')}
</main></body></html>`;
}

// Per page: where it is, how the injected code finds a question (heading selector, the
// element around one question, its answers) and, for the two that have a flow, how to
// answer and continue.
// How the injected code finds the widget's question, live or as static markup.
const WIDGET = {
  heading: '[data-self-check] fieldset[data-question] legend.sc-legend',
  scope: 'fieldset',
  input: 'input.sc-input',
  // The widget's legend has tabindex=-1 and takes focus on every later screen.
  focusHeading: true,
  firstText: FIRST.text.en,
  outcome: '[data-self-check] h3.sc-outcome-title',
};

const PAGES = [
  {
    name: 'floor',
    path: '/bench/floor.html',
    cfg: { heading: 'fieldset legend', scope: 'fieldset', input: 'input', focusHeading: true, firstText: FIRST.text.en },
  },
  {
    name: 'snippet',
    path: '/bench/snippet.html',
    // Inside the <self-check> element's shadow root.
    cfg: { ...WIDGET, heading: 'fieldset[data-question] legend.sc-legend', host: 'self-check', ready: '.sc-mounted fieldset[data-question]' },
    walk: false,
  },
  {
    name: 'selfcheck',
    path: '/index.html',
    // The demo page pre-renders the first screen; the walk starts once the widget runs.
    cfg: { ...WIDGET, ready: '[data-self-check].sc-mounted fieldset[data-question]' },
    walk: WIDGET_WALK,
  },
  {
    name: 'static',
    path: '/bench/static-widget.html',
    cfg: WIDGET,
    walk: false,
  },
  {
    name: 'surveyjs',
    path: '/bench/surveyjs.html',
    cfg: {
      heading: '.sd-question .sd-question__title',
      scope: '.sd-question',
      input: 'input.sd-item__control',
      // SurveyJS titles are not focusable; the first answer is.
      focusHeading: false,
      firstText: SURVEYJS_WALK.text.danger,
      outcome: '.sd-completedpage h3',
    },
    walk: SURVEYJS_WALK,
  },
];

// The floor, the snippet page and the static screen again on a slow mobile link (Chrome
// DevTools' "Slow 4G": 150 ms latency, 1.6 Mbps down, 750 kbps up), where what arrives
// before the first question matters most: a <self-check> element shows the first screen
// the build wrote beside its pack before the wasm has arrived.
const SLOW_4G = { offline: false, latency: 150, downloadThroughput: 1.6e6 / 8, uploadThroughput: 750e3 / 8 };
const SLOW = ' (slow 4G)';
for (const name of ['floor', 'snippet', 'static']) {
  PAGES.push({ ...PAGES.find((p) => p.name === name), name: name + SLOW, network: SLOW_4G, walk: false });
}
const floorOf = (name) => (name.endsWith(SLOW) ? 'floor' + SLOW : 'floor');

// ---------------------------------------------------------------------------------------
// In-page helpers (run with page.evaluate; they use window.__bench from instrument.js).

/** One answer on the widget: choose, let it render, Continue, wait for the next screen. */
async function answerSelfcheck({ qid, answers, nextText, nextSelector }) {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const fs = document.querySelector(`[data-self-check] fieldset[data-question="${qid}"]`);
  if (!fs) throw new Error(`no question ${qid} on screen`);
  for (const a of answers) {
    const input = fs.querySelector(`input.sc-input[value="${a}"]`);
    if (!input) throw new Error(`question ${qid} has no answer ${a}`);
    input.click();
  }
  await frame();
  const button = fs.closest('form').querySelector('button[type="submit"]');
  const next = window.__bench.waitFor(nextText, false, nextSelector);
  const t0 = performance.now();
  button.click();
  const r = await next;
  return { t0, ...r, focus: document.activeElement?.tagName.toLowerCase() || '' };
}

/** One answer on SurveyJS: the same, with its own markup. */
async function answerSurveyjs({ qid, answers, nextText, nextSelector }) {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const q = document.querySelector(`.sd-question[data-name="${qid}"]`);
  if (!q) throw new Error(`no question ${qid} on screen`);
  for (const a of answers) {
    const input = q.querySelector(`input.sd-item__control[value="${a}"]`);
    if (!input) throw new Error(`question ${qid} has no answer ${a}`);
    input.click();
  }
  await frame();
  const button = [...document.querySelectorAll('.sd-navigation__next-btn, .sd-navigation__complete-btn')].find(
    (b) => b.checkVisibility(),
  );
  if (!button) throw new Error(`no Continue button on ${qid}`);
  const next = window.__bench.waitFor(nextText, false, nextSelector);
  const t0 = performance.now();
  button.click();
  const r = await next;
  return { t0, ...r, focus: document.activeElement?.tagName.toLowerCase() || '' };
}

/** The harness's own cost: the same frame waits with nothing to answer. */
async function idleStep() {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  await frame();
  await frame();
  await frame();
  await frame();
}

// ---------------------------------------------------------------------------------------
// Node side.

const withTimeout = (promise, what, ms = STEP_TIMEOUT_MS) =>
  Promise.race([
    promise,
    new Promise((_, fail) => setTimeout(() => fail(new Error(`timed out after ${ms} ms: ${what}`)), ms).unref()),
  ]);

/**
 * The demo page as the widget leaves it after start-up, with every script and preload hint
 * removed: the widget's first screen as static HTML with the page's stylesheets.
 */
async function staticWidgetPage(browser, origin) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/index.html`);
    await page.locator('[data-self-check].sc-mounted fieldset[data-question="danger"]').waitFor();
    return await page.evaluate(() => {
      for (const el of document.querySelectorAll('script, link[rel="modulepreload"], link[rel="preload"]')) el.remove();
      return `<!doctype html>\n${document.documentElement.outerHTML}`;
    });
  } finally {
    await context.close();
  }
}

async function metrics(cdp) {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map((m) => [m.name, m.value]));
}

async function newPage(browser, spec, origin) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  // A fresh context starts with an empty cache and the server says no-store; this makes sure.
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (spec.network) await cdp.send('Network.emulateNetworkConditions', spec.network);
  await page.addInitScript({ content: `${instrumentSource}\nbenchInstrument(${JSON.stringify(spec.cfg)});` });
  return { context, page, cdp, errors, url: origin + spec.path };
}

/** One fresh-context run of one page: first question, then (with a flow) the whole path. */
async function runOnce(browser, spec, origin) {
  const { context, page, cdp, errors, url } = await newPage(browser, spec, origin);
  try {
    const response = await page.goto(url, { waitUntil: 'commit' });
    if (response?.status() !== 200) throw new Error(`${url}: HTTP ${response?.status()}`);
    const first = await withTimeout(
      page.evaluate(() => window.__bench.first),
      `${spec.name}: first question`,
    );
    await page.waitForLoadState('load');
    // First contentful paint (of anything on the page), for reference. Chromium reports it
    // once the frame is presented, a frame or two after it was painted: wait up to 1 s.
    const fcp = await page.evaluate(async () => {
      for (let i = 0; i < 60; i++) {
        const e = performance.getEntriesByName('first-contentful-paint')[0];
        if (e) return e.startTime;
        await new Promise((r) => setTimeout(r, 16));
      }
      return null;
    });
    // Where the time went: when the document and the last script / wasm / stylesheet had
    // arrived, DOMContentLoaded, load and (the widget) when its wasm had been instantiated.
    const milestones = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const last = (re) =>
        Math.max(0, ...performance.getEntriesByType('resource').filter((r) => re.test(new URL(r.name).pathname)).map((r) => r.responseEnd));
      return {
        documentReceived: nav.responseEnd,
        scriptsReceived: last(/\.m?js$/) || null,
        wasmReceived: last(/\.wasm$/) || null,
        cssReceived: last(/\.css$/) || null,
        domContentLoaded: nav.domContentLoadedEventEnd,
        load: nav.loadEventEnd,
        wasmInstantiated: window.__bench.wasmInstantiated ?? null,
      };
    });
    const run = { first, fcp, milestones };
    if (spec.cfg.ready) {
      run.ready = await withTimeout(page.evaluate(() => window.__bench.ready), `${spec.name}: widget running`);
    }
    if (errors.length) throw new Error(`${spec.name}: page errors: ${errors.join(' | ')}`);
    if (!spec.walk) return run;

    // All script run so far: start-up until the first question is painted and the page has loaded.
    run.startupScriptMs = (await metrics(cdp)).ScriptDuration * 1000;
    const idle0 = await metrics(cdp);
    await page.evaluate(idleStep);
    const idle1 = await metrics(cdp);
    run.idleScriptMs = (idle1.ScriptDuration - idle0.ScriptDuration) * 1000;

    run.steps = [];
    const { path, text, outcomeTitle } = spec.walk;
    for (let i = 0; i < path.length; i++) {
      const [qid, answers] = path[i];
      const last = i === path.length - 1;
      const arg = {
        qid,
        answers,
        nextText: last ? outcomeTitle : text[path[i + 1][0]],
        nextSelector: last ? spec.cfg.outcome : null,
      };
      const m0 = await metrics(cdp);
      const r = await withTimeout(
        page.evaluate(spec.name === 'selfcheck' ? answerSelfcheck : answerSurveyjs, arg),
        `${spec.name}: answer ${qid}`,
      );
      const m1 = await metrics(cdp);
      run.steps.push({
        qid,
        toOutcome: last,
        frameMs: r.frame - r.t0,
        raf2Ms: r.raf2 - r.t0,
        seenMs: r.seen - r.t0,
        scriptMs: (m1.ScriptDuration - m0.ScriptDuration) * 1000,
        taskMs: (m1.TaskDuration - m0.TaskDuration) * 1000,
        focus: r.focus,
      });
    }
    const before = await metrics(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const after = await metrics(cdp);
    run.heapBeforeGc = before.JSHeapUsedSize;
    run.heap = after.JSHeapUsedSize;
    run.wasmMemory = await page.evaluate(() => window.__bench.wasmMemory?.buffer.byteLength ?? null);
    run.domNodes = after.Nodes;
    if (errors.length) throw new Error(`${spec.name}: page errors: ${errors.join(' | ')}`);
    return run;
  } finally {
    await context.close();
  }
}

/** Bytes transferred for one load of the page (untimed; also the warm-up run). */
async function measureBytes(browser, spec, origin) {
  const { context, page, errors, url } = await newPage(browser, spec, origin);
  try {
    const pending = [];
    page.on('response', (res) => {
      if (res.url().startsWith('data:')) return;
      pending.push(
        res.body().then(
          (body) => ({ url: res.url(), status: res.status(), body }),
          () => ({ url: res.url(), status: res.status(), body: Buffer.alloc(0) }),
        ),
      );
    });
    await page.goto(url, { waitUntil: 'load' });
    await withTimeout(page.evaluate(() => window.__bench.first), `${spec.name}: first question (bytes run)`);
    await page.waitForLoadState('networkidle');
    const files = [];
    for (const { url: u, status, body } of await Promise.all(pending)) {
      const path = new URL(u).pathname;
      const ext = path.split('.').pop();
      const kind = { js: 'js', mjs: 'js', wasm: 'wasm', css: 'css', html: 'html' }[ext] ?? 'other';
      files.push({
        path,
        status,
        raw: body.length,
        gzip: gzipSync(body, { level: 9 }).length,
        brotli: brotliCompressSync(body, { params: { [zc.BROTLI_PARAM_QUALITY]: 11 } }).length,
        kind,
      });
    }
    if (errors.length) throw new Error(`${spec.name}: page errors: ${errors.join(' | ')}`);
    const sum = (list, k) => list.reduce((s, f) => s + f[k], 0);
    const assets = files.filter((f) => ['js', 'wasm', 'css'].includes(f.kind));
    const paths = files.map((f) => f.path);
    const duplicates = paths.filter((p, i) => paths.indexOf(p) !== i);
    return {
      files,
      duplicates,
      requests: files.length,
      raw: sum(files, 'raw'),
      gzipAll: sum(files, 'gzip'),
      assetsRaw: sum(assets, 'raw'),
      assetsGzip: sum(assets, 'gzip'),
      assetsBrotli: sum(assets, 'brotli'),
    };
  } finally {
    await context.close();
  }
}

/** Quantile with linear interpolation between closest ranks (R type 7, numpy's default). */
function quantile(values, q) {
  const v = values.filter((x) => x != null && Number.isFinite(x)).sort((a, b) => a - b);
  if (!v.length) return null;
  const pos = (v.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return v[lo] + (v[hi] - v[lo]) * (pos - lo);
}
const stats = (values) => ({
  n: values.filter((x) => x != null).length,
  median: quantile(values, 0.5),
  p90: quantile(values, 0.9),
  min: quantile(values, 0),
  max: quantile(values, 1),
});

function summarise(spec, runs, bytes) {
  const out = {
    path: spec.path,
    runs: runs.length,
    firstQuestion: {
      painted: stats(runs.map((r) => r.first.frame)),
      doubleRaf: stats(runs.map((r) => r.first.raf2)),
      inDomAndFocusable: stats(runs.map((r) => r.first.seen)),
      firstContentfulPaint: stats(runs.map((r) => r.fcp)),
    },
    widgetReady: stats(runs.map((r) => r.ready ?? null)),
    milestones: Object.fromEntries(
      Object.keys(runs[0].milestones).map((k) => [k, stats(runs.map((r) => r.milestones[k]))]),
    ),
    bytes,
  };
  if (!spec.walk) return out;
  const steps = runs.flatMap((r) => r.steps.filter((s) => !s.toOutcome));
  const finals = runs.flatMap((r) => r.steps.filter((s) => s.toOutcome));
  out.nextQuestion = {
    answersPerRun: spec.walk.path.length - 1,
    painted: stats(steps.map((s) => s.frameMs)),
    doubleRaf: stats(steps.map((s) => s.raf2Ms)),
    inDom: stats(steps.map((s) => s.seenMs)),
    focusAfter: [...new Set(steps.map((s) => s.focus))],
  };
  out.scriptPerAnswerMs = stats(steps.map((s) => s.scriptMs));
  out.mainThreadPerAnswerMs = stats(steps.map((s) => s.taskMs));
  out.harnessIdleScriptMs = stats(runs.map((r) => r.idleScriptMs));
  out.toOutcome = {
    painted: stats(finals.map((s) => s.frameMs)),
    scriptMs: stats(finals.map((s) => s.scriptMs)),
  };
  out.startupScriptMs = stats(runs.map((r) => r.startupScriptMs));
  out.jsHeapAfterPath = stats(runs.map((r) => r.heap));
  out.jsHeapAfterPathBeforeGc = stats(runs.map((r) => r.heapBeforeGc));
  out.wasmMemory = stats(runs.map((r) => r.wasmMemory));
  out.domNodesAfterPath = stats(runs.map((r) => r.domNodes));
  return out;
}

// ---------------------------------------------------------------------------------------
// Formatting.

const ms = (x) => (x == null ? '–' : x < 10 ? x.toFixed(2) : x.toFixed(1));
const kb = (x) => (x == null ? '–' : `${(x / 1024).toFixed(1)}`);
const mb = (x) => (x == null ? '–' : `${(x / 1048576).toFixed(2)}`);
const ratio = (a, b) => (a == null || b == null || b === 0 ? null : a / b);
const rx = (x) => (x == null ? '–' : `${x.toFixed(2)}×`);

function table(result) {
  const rows = [
    '| page | first question painted, median / p90 (ms) | × floor | Continue → next question painted, median / p90 (ms) | Continue → next question in DOM, median / p90 (ms) | script per answer, median / p90 (ms) | JS heap after path (MB) | transferred (KB raw) | js+wasm+css (KB gzip) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const name of ['floor', 'snippet', 'selfcheck', 'static', 'surveyjs', ...['floor', 'snippet', 'static'].map((n) => n + SLOW)]) {
    const p = result.pages[name];
    const floor = result.pages[floorOf(name)].firstQuestion.painted.median;
    const f = p.firstQuestion.painted;
    const n = p.nextQuestion?.painted;
    const d = p.nextQuestion?.inDom;
    const s = p.scriptPerAnswerMs;
    const heap = p.jsHeapAfterPath
      ? `${mb(p.jsHeapAfterPath.median)}${p.wasmMemory?.median ? ` (+ ${mb(p.wasmMemory.median)} wasm memory)` : ''}`
      : '–';
    rows.push(
      `| ${name} | ${ms(f.median)} / ${ms(f.p90)} | ${rx(ratio(f.median, floor))} | ${n ? `${ms(n.median)} / ${ms(n.p90)}` : '–'} | ${d ? `${ms(d.median)} / ${ms(d.p90)}` : '–'} | ${s ? `${ms(s.median)} / ${ms(s.p90)}` : '–'} | ${heap} | ${kb(p.bytes.raw)} | ${kb(p.bytes.assetsGzip)} |`,
    );
  }
  return rows.join('\n');
}

// ---------------------------------------------------------------------------------------

/** Share of CPU time (all cores) that other processes used over `ms`, before we start. */
async function busyShare(ms = 1000) {
  const sample = () => cpus().reduce((a, c) => {
    const t = c.times;
    a.idle += t.idle;
    a.total += t.user + t.nice + t.sys + t.idle + t.irq;
    return a;
  }, { idle: 0, total: 0 });
  const a = sample();
  await new Promise((r) => setTimeout(r, ms));
  const b = sample();
  return 1 - (b.idle - a.idle) / Math.max(1, b.total - a.total);
}

/**
 * CPU ticks (Linux /proc): the whole machine's busy and total, and those of this process and
 * all its descendants (Chromium and its renderers, including exited ones that were reaped).
 * The difference over the run is what other processes took. Null where there is no /proc.
 */
function cpuTicks() {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = cpu.slice(0, 8).reduce((a, b) => a + b, 0);
    const busy = total - cpu[3] - cpu[4];
    const procs = new Map();
    for (const d of readdirSync('/proc')) {
      if (!/^\d+$/.test(d)) continue;
      try {
        const st = readFileSync(`/proc/${d}/stat`, 'utf8');
        const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
        procs.set(Number(d), { ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]) });
      } catch {
        // the process went away
      }
    }
    const mine = new Set([process.pid]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const [pid, p] of procs) if (!mine.has(pid) && mine.has(p.ppid)) (mine.add(pid), (grew = true));
    }
    let own = 0;
    for (const pid of mine) own += procs.get(pid)?.ticks ?? 0;
    return { total, busy, own };
  } catch {
    return null;
  }
}

// Preflight: the release build and the SurveyJS packages must be there.
for (const [what, file, fix] of [
  ['the release build', join(distDir, 'index.html'), 'build it first (`cargo xtask test` or `trunk build --release --offline`)'],
  ...Object.values(VENDOR).map((rel) => [rel, fileURLToPath(new URL(`../node_modules/${rel}`, import.meta.url)), 'run `npm ci` in e2e/']),
]) {
  if (!existsSync(file)) {
    console.error(`bench: ${what} is missing (${file}): ${fix}`);
    process.exit(2);
  }
}

const started = Date.now();
const loadBefore = loadavg();
const busyBefore = await busyShare();
const ticks0 = cpuTicks();
const { server, origin, dist, made } = await startServer(0);
const browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });
let exitCode = 0;
try {
  made.set('/bench/static-widget.html', Buffer.from(await staticWidgetPage(browser, origin)));
  made.set('/bench/floor.html', Buffer.from(floorPage()));
  made.set('/bench/snippet.html', Buffer.from(snippetPage()));
  const bytes = {};
  for (const spec of PAGES) bytes[spec.name] = await measureBytes(browser, spec, origin);
  const runs = Object.fromEntries(PAGES.map((p) => [p.name, []]));
  for (let round = 0; round < RUNS; round++) {
    for (let k = 0; k < PAGES.length; k++) {
      const spec = PAGES[(round + k) % PAGES.length];
      runs[spec.name].push(await runOnce(browser, spec, origin));
    }
    process.stderr.write(`\rround ${round + 1}/${RUNS}`);
  }
  process.stderr.write('\n');
  const ticks1 = cpuTicks();
  // Share of all CPUs' time during the run that went to other processes (builds, tests...).
  const othersDuring =
    ticks0 && ticks1 ? Math.max(0, (ticks1.busy - ticks0.busy - (ticks1.own - ticks0.own)) / Math.max(1, ticks1.total - ticks0.total)) : null;
  const ownDuring = ticks0 && ticks1 ? (ticks1.own - ticks0.own) / Math.max(1, ticks1.total - ticks0.total) : null;

  const pages = Object.fromEntries(PAGES.map((p) => [p.name, summarise(p, runs[p.name], bytes[p.name])]));
  const fq = (n) => pages[n].firstQuestion.painted.median;
  const ratios = {
    firstQuestionSelfcheckOverFloor: ratio(fq('selfcheck'), fq('floor')),
    firstQuestionSurveyjsOverSelfcheck: ratio(fq('surveyjs'), fq('selfcheck')),
    firstQuestionStaticOverFloor: ratio(fq('static'), fq('floor')),
    firstQuestionSnippetOverFloor: ratio(fq('snippet'), fq('floor')),
    firstQuestionSnippetOverStatic: ratio(fq('snippet'), fq('static')),
    firstQuestionSnippetOverFloorSlow4g: ratio(fq('snippet' + SLOW), fq('floor' + SLOW)),
    firstQuestionSnippetOverStaticSlow4g: ratio(fq('snippet' + SLOW), fq('static' + SLOW)),
    nextQuestionSurveyjsOverSelfcheck: ratio(pages.surveyjs.nextQuestion.painted.median, pages.selfcheck.nextQuestion.painted.median),
    scriptPerAnswerSurveyjsOverSelfcheck: ratio(pages.surveyjs.scriptPerAnswerMs.median, pages.selfcheck.scriptPerAnswerMs.median),
    assetsGzipSurveyjsOverSelfcheck: ratio(pages.surveyjs.bytes.assetsGzip, pages.selfcheck.bytes.assetsGzip),
  };
  const goals = {
    firstQuestionWithin1_5xFloor: ratios.firstQuestionSelfcheckOverFloor <= 1.5,
    snippetFirstQuestionWithin1_5xFloor: ratios.firstQuestionSnippetOverFloor <= 1.5,
    firstQuestion3xSoonerThanSurveyjs: ratios.firstQuestionSurveyjsOverSelfcheck >= 3,
    scriptPerAnswerUnder5ms: pages.selfcheck.scriptPerAnswerMs.median < 5,
  };
  const result = {
    date: new Date().toISOString(),
    command: 'cd e2e && node bench/run.mjs',
    machine: {
      cpus: availableParallelism(),
      cpuModel: cpus()[0]?.model ?? '',
      memoryGiB: +(totalmem() / 2 ** 30).toFixed(1),
      chromium: browser.version(),
      node: process.version,
      chromiumArgs: ARGS,
      headless: true,
      loadAverage1mBefore: +loadBefore[0].toFixed(2),
      cpuBusyBefore: +busyBefore.toFixed(2),
      cpuShareOtherProcessesDuringRun: othersDuring == null ? null : +othersDuring.toFixed(3),
      cpuShareBenchDuringRun: ownDuring == null ? null : +ownDuring.toFixed(3),
      loadAverage1mAfter: +loadavg()[0].toFixed(2),
    },
    dist,
    surveyjs: Object.fromEntries(
      ['survey-core', 'survey-js-ui'].map((n) => [n, JSON.parse(readFileSync(new URL(`../node_modules/${n}/package.json`, import.meta.url), 'utf8')).version]),
    ),
    settings: {
      runsPerPage: RUNS,
      order: 'interleaved rounds, rotating page order, a fresh browser context per run',
      painted:
        'end of the first rendering update that contains the question: rAF after it is in the DOM, then a MessageChannel task (bench/instrument.js); doubleRaf is also recorded',
      firstQuestion: 'from navigation start (performance.now() time origin); heading text in the DOM and its first answer (and a tabindex=-1 legend) accept .focus()',
      nextQuestion: `from performance.now() just before button.click() on Continue, pooled: ${WIDGET_WALK.path.length - 1} answers per run on the widget, ${SURVEYJS_WALK.path.length - 1} on SurveyJS`,
      scriptPerAnswer: 'CDP Performance.getMetrics ScriptDuration delta around one answer (choose, one frame, Continue, until the next question is painted), pooled',
      jsHeap: `CDP Performance.getMetrics JSHeapUsedSize after the last answer shows the outcome (the ${WIDGET_WALK.path.length}th on the widget, the ${SURVEYJS_WALK.path.length}th on SurveyJS), after HeapProfiler.collectGarbage`,
      quantiles: 'linear interpolation (type 7)',
      gzip: 'zlib level 9; brotli quality 11',
    },
    seconds: Math.round((Date.now() - started) / 1000),
    ratios,
    goals,
    pages,
  };
  await writeFile(resultsFile, JSON.stringify(result, null, 2) + '\n');

  console.log(`## selfcheck benchmark: ${result.date}`);
  console.log();
  console.log(
    `${RUNS} fresh-context runs per page · Chromium ${result.machine.chromium} headless · ${result.machine.cpus} CPUs (${result.machine.cpuModel}) · Node ${process.version} · other processes' CPU share during the run: ${othersDuring == null ? 'unknown' : `${Math.round(othersDuring * 100)}%`}`,
  );
  console.log();
  const others = Math.max(busyBefore, othersDuring ?? 0);
  if (others > 0.1) {
    console.log(
      `> **Warning:** the machine was not idle: other processes used ${Math.round(busyBefore * 100)}% of the CPUs just before the run and ${othersDuring == null ? '?' : Math.round(othersDuring * 100)}% during it (${result.machine.cpus} CPUs). Timings are inflated and noisy; re-run on an idle machine for numbers to quote.`,
    );
    console.log();
  }
  console.log(table(result));
  console.log();
  console.log(`- first question, selfcheck / floor: **${rx(ratios.firstQuestionSelfcheckOverFloor)}** (goal ≤ 1.5×: ${goals.firstQuestionWithin1_5xFloor ? 'met' : 'missed'})`);
  console.log(`- first question on a plain snippet page (the README's snippet, no pre-rendered screen) / floor: **${rx(ratios.firstQuestionSnippetOverFloor)}** (goal ≤ 1.5×: ${goals.snippetFirstQuestionWithin1_5xFloor ? 'met' : 'missed'}); the demo page's pre-rendered screen paints ${rx(ratio(fq('snippet'), fq('selfcheck')))} sooner than the snippet page`);
  console.log(`- first question on the snippet page / the static screen (the widget's markup and stylesheet, no script): ${rx(ratios.firstQuestionSnippetOverStatic)}`);
  console.log(`- on a slow 4G link (150 ms, 1.6 Mbps): snippet ${ms(fq('snippet' + SLOW))} ms, the widget itself running at ${ms(pages['snippet' + SLOW].widgetReady.median)} ms; / floor: **${rx(ratios.firstQuestionSnippetOverFloorSlow4g)}**; / static: ${rx(ratios.firstQuestionSnippetOverStaticSlow4g)}`);
  console.log(`- first question, surveyjs / selfcheck: **${rx(ratios.firstQuestionSurveyjsOverSelfcheck)}** (goal ≥ 3×: ${goals.firstQuestion3xSoonerThanSurveyjs ? 'met' : 'missed'})`);
  console.log(`- selfcheck: the first question is painted from the page's pre-rendered markup; the widget itself runs (its own first question in the DOM, answers and Continue carried over) at ${ms(pages.selfcheck.widgetReady.median)} ms median (p90 ${ms(pages.selfcheck.widgetReady.p90)})`);
  console.log(`- the widget's first screen as static HTML with its stylesheets, no script / floor: ${rx(ratios.firstQuestionStaticOverFloor)}; selfcheck / static: ${rx(ratio(fq('selfcheck'), fq('static')))} (what script costs on top of the markup and CSS)`);
  console.log(`- script per answer, selfcheck median: **${ms(pages.selfcheck.scriptPerAnswerMs.median)} ms** (goal < 5 ms: ${goals.scriptPerAnswerUnder5ms ? 'met' : 'missed'}); surveyjs / selfcheck: ${rx(ratios.scriptPerAnswerSurveyjsOverSelfcheck)}`);
  console.log(`- Continue → next question painted, surveyjs / selfcheck: ${rx(ratios.nextQuestionSurveyjsOverSelfcheck)}`);
  console.log(`- js+wasm+css gzip, surveyjs / selfcheck: ${rx(ratios.assetsGzipSurveyjsOverSelfcheck)}`);
  console.log(`- script time at start-up (until the first question is painted and the page has loaded), median: selfcheck ${ms(pages.selfcheck.startupScriptMs.median)} ms, surveyjs ${ms(pages.surveyjs.startupScriptMs.median)} ms`);
  console.log(`- answer that leads to the outcome screen (not in the columns above), painted median: selfcheck ${ms(pages.selfcheck.toOutcome.painted.median)} ms, surveyjs ${ms(pages.surveyjs.toOutcome.painted.median)} ms; script: selfcheck ${ms(pages.selfcheck.toOutcome.scriptMs.median)} ms, surveyjs ${ms(pages.surveyjs.toOutcome.scriptMs.median)} ms`);
  const mm = (n, k) => ms(pages[n].milestones[k].median);
  console.log(`- selfcheck start-up, medians from navigation start: document ${mm('selfcheck', 'documentReceived')} ms, js ${mm('selfcheck', 'scriptsReceived')}, wasm ${mm('selfcheck', 'wasmReceived')}, wasm instantiated ${mm('selfcheck', 'wasmInstantiated')}, question in DOM ${ms(pages.selfcheck.firstQuestion.inDomAndFocusable.median)}, painted ${ms(pages.selfcheck.firstQuestion.painted.median)} (floor: document ${mm('floor', 'documentReceived')}, painted ${ms(pages.floor.firstQuestion.painted.median)})`);
  console.log('- "painted" = end of the first frame that shows the question (rAF, then a MessageChannel task). The click comes right after a frame and the next question usually makes the very next 60 Hz frame, so that column is mostly the wait for it; "in DOM" is the app\'s own latency.');
  console.log(`- harness overhead (script time of an idle step with the same frame waits): selfcheck ${ms(pages.selfcheck.harnessIdleScriptMs.median)} ms, surveyjs ${ms(pages.surveyjs.harnessIdleScriptMs.median)} ms (included above)`);
  console.log();
  console.log(`Full results: e2e/bench/results.json (${result.seconds} s).`);
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
process.exit(exitCode);
