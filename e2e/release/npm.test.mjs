// The npm package as a site would use it: `npm install` the release's tarball into a fresh
// project, serve node_modules/selfcheck-widget/ under /selfcheck-widget@<version>/ (the
// path a CDN would use) on 127.0.0.1:4191, and open a page made from release/snippets.html's
// element snippet, integrity hash included, under the strict CSP. Then walk it in Chromium
// to the danger result and to an ordinary result, with no request after the first question.
//
//   node e2e/release/npm.test.mjs      (after `cargo xtask release`; PORT overrides 4191)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { CSP, check, checked, launch, recordProblems, recordRequests, requireRelease, snippet, version, walkBoth, widgetStyle } from './common.mjs';

const started = Date.now();
const port = Number(process.env.PORT || 4191);
const origin = `http://127.0.0.1:${port}`;
const v = version();
const tgz = requireRelease(`selfcheck-widget-${v}.tgz`);
console.log(`npm release test: selfcheck-widget ${v} (${tgz})`);

// 1. A fresh project installs the tarball, offline.
const dir = mkdtempSync(join(tmpdir(), 'selfcheck-npm-'));
const npm = (...args) => execFileSync('npm', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
npm('init', '-y');
npm('install', '--offline', '--no-audit', '--no-fund', tgz);
const pkgDir = join(dir, 'node_modules/selfcheck-widget/');
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
check(pkg.name === 'selfcheck-widget' && pkg.version === v, `npm install ${tgz.split('/').pop()} → selfcheck-widget@${pkg.version}`);
check(pkg.type === 'module' && pkg.exports['.'].default === './selfcheck.js' && pkg.exports['./packs/*'] === './packs/*', 'package.json: type module, exports . and ./packs/*');
check(pkg.license === 'MIT OR Apache-2.0' && existsSync(join(pkgDir, 'LICENSE-MIT')) && existsSync(join(pkgDir, 'LICENSE-APACHE')), 'licence field and both licence texts');
check(existsSync(join(pkgDir, pkg.types)), `types file ${pkg.types}`);
const loader = readFileSync(join(pkgDir, 'selfcheck.js'), 'utf8');
check(loader.startsWith(`// selfcheck ${v}\n`), `selfcheck.js starts with "// selfcheck ${v}"`);
// Resolution through "exports" works as a bundler or Node would see it.
const resolved = execFileSync('node', ['--input-type=module', '-e', 'console.log(import.meta.resolve("selfcheck-widget"), import.meta.resolve("selfcheck-widget/packs/x.en.pack"))'], { cwd: dir, encoding: 'utf8' }).trim();
check(/selfcheck-widget\/selfcheck\.js /.test(resolved) && /selfcheck-widget\/packs\/x\.en\.pack$/.test(resolved), 'exports resolve: selfcheck-widget → selfcheck.js, selfcheck-widget/packs/* → packs/*', resolved);

// 2. The page: the element snippet from snippets.html, pointed at the installed package.
const base = `/selfcheck-widget@${v}/`;
const element = snippet('element').replaceAll('/selfcheck/', base);
const integrity = snippet('integrity');
check(element.includes(`integrity="${integrity}"`) && element.includes('crossorigin="anonymous"'), `snippet carries integrity ${integrity.slice(0, 20)}… and crossorigin="anonymous"`);
const page = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>npm release test</title></head><body><main><h1>Practice page</h1>${body}</main></body></html>`;
const PAGES = {
  '/': page(element),
  // The same snippet with a wrong hash: the browser must refuse the loader.
  '/tampered.html': page(element.replace(integrity, 'sha384-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')),
};

const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json', '.pack': 'application/octet-stream' };
const server = createServer((req, res) => {
  const headers = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': CSP };
  const path = decodeURIComponent(new URL(req.url, origin).pathname);
  if (PAGES[path]) {
    res.writeHead(200, { ...headers, 'Content-Type': types['.html'] });
    return res.end(PAGES[path]);
  }
  if (path.startsWith(base)) {
    const file = normalize(join(pkgDir, path.slice(base.length)));
    const type = types[extname(file)];
    if (file.startsWith(pkgDir) && type && existsSync(file)) {
      res.writeHead(200, { ...headers, 'Content-Type': type });
      return res.end(readFileSync(file));
    }
  }
  res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
  res.end('Not found\n');
});
await new Promise((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', ok));

const browser = await launch();
let failed = false;
try {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const log = await recordRequests(context, origin);
  const tab = await context.newPage();
  const problems = await recordProblems(tab);
  const response = await tab.goto(`${origin}/`);
  check(response.status() === 200 && response.headers()['content-security-policy'] === CSP, 'page served under the strict CSP');
  const el = tab.locator('self-check');
  await walkBoth({ page: tab, log, element: el, reopen: () => tab.reload(), crisisLink: 'tel:911' });
  const paths = log.all.map((r) => new URL(r.url).pathname);
  check(paths.some((p) => p === `${base}selfcheck.js`) && paths.some((p) => p.endsWith('_bg.wasm')) && paths.some((p) => p === `${base}packs/loved-one-rejects-help.en.pack`), `loader, wasm and pack came from ${base}`);
  check(log.offOrigin.length === 0, 'no off-origin request', log.offOrigin.join('\n'));
  check(problems.length === 0, 'no console error, page error or CSP violation', problems.join('\n'));
  const stored = await tab.evaluate(async () => localStorage.length + sessionStorage.length + (await indexedDB.databases()).length + document.cookie.length);
  check(stored === 0 && (await context.cookies()).length === 0, 'nothing stored');

  // SRI really applies: a wrong hash keeps the static contacts and no widget.
  const tampered = await context.newPage();
  const errors = [];
  tampered.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await tampered.goto(`${origin}/tampered.html`);
  await tampered.waitForTimeout(1500);
  const shown = await tampered.evaluate(() => ({ shadow: !!document.querySelector('self-check').shadowRoot, link: !!document.querySelector('self-check a[href="tel:911"]') }));
  check(!shown.shadow && shown.link && errors.some((e) => /integrity/i.test(e)), 'a wrong integrity hash: the browser refuses selfcheck.js; the static contacts stay', JSON.stringify({ shown, errors }));
  void widgetStyle;
} catch (e) {
  failed = true;
  console.error(e.message);
} finally {
  await browser.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${failed ? 'FAILED' : 'passed'}: ${checked()} checks in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed ? 1 : 0);
