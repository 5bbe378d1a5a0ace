// The npm package inside the apps a practice's developer builds (issue 27): each fixture
// app under e2e/release/apps/ (Vite + React 19 + TypeScript; webpack 5 with JavaScript
// type-checked through JSDoc) installs its pinned packages (`npm ci` from its committed
// lockfile, skipped while node_modules matches it) and the release's .tgz on top, then:
//
//   1. type-checks and builds for production (`npm run build`);
//   2. fails to type-check a file with a misspelt region (the expected type error);
//   3. carries every file the loader pins into its build output, unchanged (a bundler that
//      rewrites one would fail its sha384);
//   4. in Chromium, served by a small static server under the strict CSP: the app's own
//      content shows at once (before any of the widget's files arrives, when they are
//      slow), then the widget's first question; a danger answer reaches a
//      result with a tel: link, and an ordinary walk a result, with no request after the
//      first question; a practice's own pack loads from the folder given to `setBase`;
//   5. with the widget's files deleted from the build output, still renders its own content
//      and the element's static contacts (its children), with a console line and no page
//      error;
//   6. prints the first contentful paint of the app's page with and without the widget
//      (median of PAINT_RUNS, default 5, at 1.6 Mbit/s and 150 ms RTT; for the Vite app
//      also with the widget imported after the app's first paint).
//
//   node e2e/release/apps.test.mjs [vite-react|webpack]   (after `cargo xtask release`; PORT overrides 4290)
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import { CSP, ROOT, check, checked, launch, recordProblems, recordRequests, requireRelease, version, walkBoth } from './common.mjs';

const started = Date.now();
const port = Number(process.env.PORT || 4290);
const origin = `http://127.0.0.1:${port}`;
const runs = Number(process.env.PAINT_RUNS || 5);
const v = version();
const tgz = requireRelease(`selfcheck-widget-${v}.tgz`);
const APPS_DIR = `${ROOT}e2e/release/apps/`;
console.log(`release apps test: selfcheck-widget ${v} (${tgz})`);

// The fixtures. `typo`: the type-check that must fail, and what its errors must name.
const APPS = [
  {
    name: 'vite-react',
    what: 'Vite 8 + React 19 + TypeScript 7 (tsc -b && vite build)',
    typo: { args: ['tsc', '-p', 'tsconfig.typo.json'], file: 'typo/typo.tsx', expect: [/TS2322/, /"uss"/] },
    ownPacks: true,
    lazy: true,
  },
  {
    name: 'webpack',
    what: 'webpack 5 + JavaScript checked by TypeScript 7 (tsc -p . && webpack --mode production)',
    typo: { args: ['tsc', '-p', 'tsconfig.typo.json'], file: 'typo/typo.js', expect: [/TS2322/, /"uss"/, /TS2353/, /practice-nmae/] },
    ownPacks: false,
    lazy: false,
  },
];
const only = process.argv[2];
if (only && !APPS.some((a) => a.name === only)) throw new Error(`no fixture app ${only} (have: ${APPS.map((a) => a.name).join(', ')})`);

// A check whose failure leaves the later steps meaningful: reported, counted, and the run
// goes on (it still fails at the end).
const softFailures = [];
function soft(ok, what, detail = '') {
  if (ok) return check(true, what);
  softFailures.push(what);
  console.error(`FAILED: ${what}${detail ? `\n${detail}` : ''}`);
}

const sha = (bytes) => createHash('sha256').update(bytes).digest('hex');
const seconds = (t) => `${((Date.now() - t) / 1000).toFixed(1)} s`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const filesUnder = (dir) =>
  readdirSync(dir, { recursive: true })
    .map((f) => join(dir, String(f)))
    .filter((f) => statSync(f).isFile());

// The static server: one folder (`serve.root`) at /, and a practice's own packs at
// /practice-packs/ (copies of a release pack under a flow id the release does not have).
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.pack': 'application/octet-stream' };
// `slow`: the widget's files (wasm, stylesheet, packs, first screens) are answered 1.5 s late.
const serve = { root: null, own: {}, slow: false };
const WIDGET_FILE = /\.(wasm|pack|json)$|\/selfcheck[^/]*\.css$/;
const server = createServer(async (req, res) => {
  const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': CSP };
  const path = decodeURIComponent(new URL(req.url, origin).pathname);
  if (serve.slow && WIDGET_FILE.test(path)) await new Promise((r) => setTimeout(r, 1500));
  if (serve.own[path]) {
    res.writeHead(200, { ...headers, 'Content-Type': types['.pack'] });
    return res.end(serve.own[path]);
  }
  const file = normalize(join(serve.root, path === '/' ? 'index.html' : path));
  const type = types[extname(file)];
  if (file.startsWith(serve.root) && type && existsSync(file) && statSync(file).isFile()) {
    // Compressed as a host would (gzip), so that the first-paint times are a site's.
    const body = readFileSync(file);
    if (/\bgzip\b/.test(req.headers['accept-encoding'] || '') && extname(file) !== '.pack') {
      res.writeHead(200, { ...headers, 'Content-Type': type, 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding' });
      return res.end(gzipSync(body));
    }
    res.writeHead(200, { ...headers, 'Content-Type': type });
    return res.end(body);
  }
  res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
  res.end('Not found\n');
});
await new Promise((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', ok));

/** `npm ci` when node_modules does not match the lockfile (and Node), then the release's .tgz on top. */
function install(app, dir) {
  const t = Date.now();
  const stampFile = join(dir, 'node_modules/.selfcheck-fixture-stamp');
  const stamp = sha(`${readFileSync(join(dir, 'package-lock.json'))}${process.version}`);
  const npm = (...args) => execFileSync('npm', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  let how = 'node_modules matches package-lock.json';
  if (!existsSync(stampFile) || readFileSync(stampFile, 'utf8') !== stamp) {
    npm('ci', '--prefer-offline', '--no-audit', '--no-fund');
    writeFileSync(stampFile, stamp);
    how = 'npm ci';
  }
  // Removed first: npm keeps an installed selfcheck-widget of the same version as it is.
  rmSync(join(dir, 'node_modules/selfcheck-widget'), { recursive: true, force: true });
  npm('install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', tgz);
  const installed = readFileSync(join(dir, 'node_modules/selfcheck-widget/selfcheck.js'));
  const packed = execFileSync('tar', ['-xzOf', tgz, 'package/selfcheck.js']);
  check(sha(installed) === sha(packed), `${app.name}: node_modules/selfcheck-widget/selfcheck.js is the release's`);
  const pkg = JSON.parse(readFileSync(join(dir, 'node_modules/selfcheck-widget/package.json'), 'utf8'));
  check(pkg.version === v, `${app.name}: ${how}, then npm install ${tgz.split('/').pop()} → selfcheck-widget@${pkg.version} (${seconds(t)})`);
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
  check(!JSON.stringify(lock).includes('selfcheck-widget'), `${app.name}: package-lock.json still pins only registry packages (--no-save)`);
}

/** Every file the loader pins (by sha384, so by content) is in the build output unchanged. */
function pinnedFilesCopied(app, dist) {
  const pkgDir = join(APPS_DIR, app.name, 'node_modules/selfcheck-widget/');
  const loader = readFileSync(join(pkgDir, 'selfcheck.js'), 'utf8');
  const pinned = [...loader.matchAll(/new URL\(\s*"\.\/([^"]+)"\s*,\s*import\.meta\.url\s*\)/g)].map((m) => m[1]);
  const built = new Map(filesUnder(dist).map((f) => [sha(readFileSync(f)), f]));
  const missing = pinned.filter((f) => !built.has(sha(readFileSync(join(pkgDir, f)))));
  const kinds = (ext) => pinned.filter((f) => f.endsWith(ext)).length;
  soft(pinned.length > 0 && missing.length === 0, `${app.name}: the build carries all ${pinned.length} pinned files unchanged (${kinds('.wasm')} wasm, ${kinds('.css')} css, ${kinds('.pack')} packs, ${kinds('.screen.json')} first screens)`, `missing or changed by the bundler: ${missing.join(', ')}`);
  return pinned;
}

/** The app's own content shows at once; the widget's walks; nothing off-origin; no problem. */
async function inBrowser(browser, app) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const log = await recordRequests(context, origin);
  const tab = await context.newPage();
  const problems = await recordProblems(tab);
  const screens = [];
  tab.on('response', (r) => /\.json$/.test(new URL(r.url()).pathname) && screens.push(`${r.status()} ${new URL(r.url()).pathname}`));
  const t0 = Date.now();
  const response = await tab.goto(`${origin}/index.html`, { waitUntil: 'commit' });
  check(response.status() === 200 && response.headers()['content-security-policy'] === CSP, `${app.name}: the app's page served under the strict CSP`);
  await tab.locator('#app-title').waitFor({ state: 'visible', timeout: 10_000 });
  const ownAt = Date.now() - t0;
  const element = tab.locator('self-check');
  const first = element.locator('fieldset[data-question="danger"]');
  const questionShown = await first.isVisible();
  check(true, `${app.name}: the app's own content visible after ${ownAt} ms${questionShown ? '' : ', before the widget'}`);
  const defined = await tab.evaluate(() => !!customElements.get('self-check') && !!document.querySelector('self-check').shadowRoot);
  check(defined, `${app.name}: <self-check> is defined (synchronously, by the import) and has its shadow root`);
  await walkBoth({ page: tab, log, element, reopen: () => tab.reload(), crisisLink: 'tel:911' });
  const paths = log.all.map((r) => new URL(r.url).pathname);
  check(paths.some((p) => p.endsWith('.wasm')) && paths.some((p) => /loved-one-rejects-help\.en[.-][^/]*\.pack$/.test(p)), `${app.name}: the wasm and the pack came from the app's build`, paths.join('\n'));
  check(log.offOrigin.length === 0, `${app.name}: no off-origin request`, log.offOrigin.join('\n'));
  // The first screen beside the pack (shown before the wasm has arrived) has to be found
  // in the build too: under the name the bundler gave it, not the pack's name + .screen.json.
  soft(screens.length > 0 && screens.every((r) => r.startsWith('200 ')), `${app.name}: the first screen (packs/<flow>.<lang>.screen.json) loads from the build`, `responses: ${screens.join(', ') || 'none'}`);
  const rest = problems.filter((p) => !/screen\.json$/.test(p));
  soft(rest.length === 0, `${app.name}: no console error, page error or CSP violation`, rest.join('\n'));
  await context.close();
}

/** The app's own content does not wait for the widget: with the widget's files answered
 * 1.5 s late, the app has rendered before any of them has arrived, its static contacts
 * showing in the element. */
async function ownContentFirst(browser, app) {
  serve.slow = true;
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const tab = await context.newPage();
  const arrived = [];
  tab.on('requestfinished', (r) => WIDGET_FILE.test(new URL(r.url()).pathname) && arrived.push(new URL(r.url()).pathname));
  const t0 = Date.now();
  // Not waiting for the load event: the widget's stylesheet (in its shadow root) holds it.
  await tab.goto(`${origin}/index.html`, { waitUntil: 'commit' });
  await tab.locator('#app-title').waitFor({ state: 'visible', timeout: 10_000 });
  const at = Date.now() - t0;
  // The element's own child (light DOM, slotted), not the widget's strip.
  const contacts = await tab.evaluate(() => (document.querySelector('self-check > .contacts a[href="tel:911"]')?.getBoundingClientRect().width ?? 0) > 0);
  const before = arrived.length;
  await tab.locator('self-check fieldset[data-question="danger"]').waitFor({ state: 'visible', timeout: 20_000 });
  const load = await tab.evaluate(() => performance.getEntriesByType('navigation')[0]?.loadEventStart.toFixed(0));
  check(before === 0 && contacts, `${app.name}: with the widget's files 1.5 s late, the app's own content shows after ${at} ms, its static contacts in the element, before any widget file has arrived; then the first question (after ${Date.now() - t0} ms; the page's load event at ${load} ms)`, JSON.stringify({ arrived, contacts }));
  serve.slow = false;
  await context.close();
}

/** A practice's own flow from the folder given to setBase (own.html calls setBase). */
async function ownPacks(browser, app, dist) {
  const pkgDir = join(APPS_DIR, app.name, 'node_modules/selfcheck-widget/');
  serve.own = { '/practice-packs/practice-flow.en.pack': readFileSync(join(pkgDir, 'packs/loved-one-rejects-help.en.pack')) };
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const log = await recordRequests(context, origin);
  const tab = await context.newPage();
  const problems = await recordProblems(tab);
  await tab.goto(`${origin}/own.html`);
  await tab.locator('#app-title').waitFor({ state: 'visible', timeout: 10_000 });
  const question = tab.locator('self-check fieldset[data-question]').first();
  await question.waitFor({ state: 'visible', timeout: 20_000 }).catch(() => {});
  const paths = log.all.map((r) => new URL(r.url).pathname);
  check(paths.includes('/practice-packs/practice-flow.en.pack'), `${app.name}: setBase("/practice-packs/"): flow="practice-flow" asks /practice-packs/practice-flow.en.pack`, paths.join('\n'));
  // Its first screen is optional (a practice's pack may have none): that 404 is not a problem.
  const rest = problems.filter((p) => !/practice-packs\/practice-flow\.en\.screen\.json/.test(p));
  check(await question.isVisible(), `${app.name}: the practice's own pack shows its first question`, rest.join('\n'));
  soft(rest.length === 0, `${app.name}: no console error or page error with an own pack`, rest.join('\n'));
  serve.own = {};
  void dist;
  await context.close();
}

/** The widget imported after the app's first paint (lazy.html) starts all the same. */
async function lazyImport(browser, app) {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const tab = await context.newPage();
  const problems = await recordProblems(tab);
  await tab.goto(`${origin}/lazy.html`);
  const first = tab.locator('self-check fieldset[data-question="danger"]');
  await first.waitFor({ state: 'visible', timeout: 20_000 });
  const rest = problems.filter((p) => !/screen\.json$/.test(p));
  check(rest.length === 0, `${app.name}: import("selfcheck-widget") after the first paint: the first question shows`, rest.join('\n'));
  await context.close();
}

/** The build without the widget's files: the app and the static contacts still show. */
async function filesMissing(browser, app, dist, pinned) {
  const broken = `${dist}-missing`;
  rmSync(broken, { recursive: true, force: true });
  cpSync(dist, broken, { recursive: true });
  const pkgDir = join(APPS_DIR, app.name, 'node_modules/selfcheck-widget/');
  const widget = new Set(pinned.map((f) => sha(readFileSync(join(pkgDir, f)))));
  let deleted = 0;
  for (const f of filesUnder(broken)) {
    if (widget.has(sha(readFileSync(f)))) rmSync(f), deleted++;
  }
  serve.root = broken;
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const tab = await context.newPage();
  const errors = [];
  const pageErrors = [];
  tab.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  tab.on('pageerror', (e) => pageErrors.push(e.message));
  await tab.goto(`${origin}/index.html`);
  await tab.locator('#app-title').waitFor({ state: 'visible', timeout: 10_000 });
  await tab.waitForTimeout(2000);
  const shown = await tab.evaluate(() => {
    const el = document.querySelector('self-check');
    const a = el?.querySelector('a[href="tel:911"]');
    const box = a?.getBoundingClientRect();
    return {
      title: document.querySelector('#app-title')?.textContent,
      text: !!document.querySelector('#app-text'),
      contacts: !!a && box.width > 0 && box.height > 0,
      widget: !!el?.shadowRoot?.querySelector('.sc form, section.sc-result'),
    };
  });
  check(deleted === pinned.length, `${app.name} without the widget's files: ${deleted} files deleted from the build output`);
  check(!!shown.title && shown.text, `${app.name} without the widget's files: the app's own content renders`, JSON.stringify(shown));
  check(shown.contacts && !shown.widget, `${app.name} without the widget's files: the element's static contacts (tel:911) show`, JSON.stringify(shown));
  check(pageErrors.length === 0 && errors.some((e) => /^selfcheck: /.test(e)), `${app.name} without the widget's files: no page error, and a console line says what is missing`, JSON.stringify({ pageErrors, errors }));
  await context.close();
  serve.root = dist;
  rmSync(broken, { recursive: true, force: true });
}

/** First contentful paint of each page (the app's own content: nothing else paints
 * first), the pages taken in turn in each run so that a slow moment hits them alike. */
async function firstPaint(browser, pages) {
  const times = Object.fromEntries(pages.map((p) => [p, []]));
  for (let i = 0; i < runs; i++) {
    for (const page of pages) {
      const context = await browser.newContext({ serviceWorkers: 'block' });
      const tab = await context.newPage();
      const cdp = await context.newCDPSession(tab);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8) | 0, uploadThroughput: (750e3 / 8) | 0 });
      await tab.goto(`${origin}/${page}`);
      await tab.locator('#app-title').waitFor({ state: 'visible', timeout: 30_000 });
      const fcp = await tab.evaluate(
        () =>
          new Promise((r) => {
            const got = () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
            if (got()) return r(got());
            new PerformanceObserver(() => got() && r(got())).observe({ type: 'paint', buffered: true });
          }),
      );
      times[page].push(fcp);
      await context.close();
    }
  }
  return Object.fromEntries(pages.map((p) => [p, { median: median(times[p]), times: times[p] }]));
}

const browser = await launch();
let failed = false;
const paints = [];
try {
  for (const app of APPS.filter((a) => !only || a.name === only)) {
    const t = Date.now();
    const dir = join(APPS_DIR, app.name);
    console.log(`\n${app.name}: ${app.what}`);
    install(app, dir);

    const tb = Date.now();
    const build = spawnSync('npm', ['run', 'build'], { cwd: dir, encoding: 'utf8' });
    check(build.status === 0, `${app.name}: npm run build (type-check, then production build) (${seconds(tb)})`, `${build.stdout}\n${build.stderr}`);
    const dist = join(dir, 'dist');
    const warnings = `${build.stdout}\n${build.stderr}`.split('\n').filter((l) => /warn/i.test(l) && !/EBADENGINE/.test(l));
    check(warnings.length === 0, `${app.name}: the build printed no warning`, warnings.join('\n'));

    const typo = spawnSync('npx', ['--no-install', ...app.typo.args], { cwd: dir, encoding: 'utf8' });
    const out = `${typo.stdout}${typo.stderr}`;
    const lines = out.split('\n').filter((l) => /error TS/.test(l));
    check(
      typo.status !== 0 && app.typo.expect.every((re) => re.test(out)) && lines.length > 0 && lines.every((l) => l.startsWith(app.typo.file)),
      `${app.name}: ${app.typo.file} does not type-check, as expected: ${lines.map((l) => l.replace(/^.*error (TS\d+).*$/, '$1')).join(', ')}`,
      out,
    );

    const pinned = pinnedFilesCopied(app, dist);
    serve.root = dist;
    await inBrowser(browser, app);
    await ownContentFirst(browser, app);
    if (app.ownPacks) await ownPacks(browser, app, dist);
    if (app.lazy) await lazyImport(browser, app);
    await filesMissing(browser, app, dist, pinned);

    const paint = await firstPaint(browser, ['index.html', 'plain.html', ...(app.lazy ? ['lazy.html'] : [])]);
    const [withWidget, without, lazy] = [paint['index.html'], paint['plain.html'], paint['lazy.html']];
    paints.push({ app: app.name, withWidget, without, lazy });
    const ms = (p) => `${p.median.toFixed(0)} ms (${p.times.map((x) => x.toFixed(0)).join('/')})`;
    check(true, `${app.name}: first contentful paint, median of ${runs} at 1.6 Mbit/s, 150 ms RTT: with the widget ${ms(withWidget)}, without ${ms(without)}${lazy ? `, widget imported after the first paint ${ms(lazy)}` : ''}`);
    console.log(`  ${app.name}: ${seconds(t)}`);
  }
} catch (e) {
  failed = true;
  console.error(e.message);
} finally {
  await browser.close();
  server.close();
}
if (paints.length) {
  console.log('\nfirst contentful paint of the app (median, ms)   with widget   without');
  for (const p of paints) console.log(`  ${p.app.padEnd(46)} ${p.withWidget.median.toFixed(0).padStart(11)} ${p.without.median.toFixed(0).padStart(9)}${p.lazy ? `   (imported after the first paint: ${p.lazy.median.toFixed(0)})` : ''}`);
}
if (softFailures.length) {
  failed = true;
  console.error(`\n${softFailures.length} failed:\n  ${softFailures.join('\n  ')}`);
}
console.log(`${failed ? 'FAILED' : 'passed'}: ${checked()} checks in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
