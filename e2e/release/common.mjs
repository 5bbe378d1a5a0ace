// Shared by the release tests: the release's version and files, a Chromium launcher with
// the suite's flags, a request recorder, and the two walks (danger, ordinary) through a
// <self-check> element's shadow root.
import { readFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const RELEASE = `${ROOT}release/`;

/** `version = "…"` under [workspace.package] in the root Cargo.toml, as `cargo xtask release` reads it. */
export function version() {
  let inPackage = false;
  for (const raw of readFileSync(`${ROOT}Cargo.toml`, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line.startsWith('[')) {
      inPackage = line === '[workspace.package]';
      continue;
    }
    const m = inPackage && line.match(/^version\s*=\s*"([^"]+)"/);
    if (m) return m[1];
  }
  throw new Error('no [workspace.package] version in Cargo.toml');
}

export function requireRelease(file) {
  const path = `${RELEASE}${file}`;
  if (!existsSync(path)) throw new Error(`${path} is missing: run \`cargo xtask release\` first`);
  return path;
}

/** A snippet from release/snippets.html (`<code id="…">`), unescaped. */
export function snippet(id) {
  const html = readFileSync(requireRelease('snippets.html'), 'utf8');
  const m = html.match(new RegExp(`<code id="${id}">([\\s\\S]*?)</code>`));
  if (!m) throw new Error(`snippets.html has no <code id="${id}">`);
  return m[1].replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
}

export const CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; require-trusted-types-for 'script'";

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Records every request of the context; anything off `origin` is aborted and recorded. */
export async function recordRequests(context, origin) {
  const log = { all: [], offOrigin: [], mark: 0 };
  log.setMark = () => (log.mark = log.all.length);
  log.since = () =>
    log.all
      .slice(log.mark)
      .filter((r) => !(r.type === 'other' && /\/favicon[^/]*\.(svg|ico|png)$/.test(new URL(r.url).pathname)))
      .map((r) => `${r.method} ${r.url} (${r.type})`);
  context.on('request', (r) => log.all.push({ url: r.url(), type: r.resourceType(), method: r.method() }));
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin)) return route.continue();
    log.offOrigin.push(url);
    return route.abort('blockedbyclient');
  });
  return log;
}

/** Console errors, page errors and CSP violations. */
export async function recordProblems(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  // A failed load is reported with its URL (the console message has none).
  page.on('response', (r) => r.status() >= 400 && problems.push(`HTTP ${r.status()}: ${r.url()}`));
  page.on('console', (m) => m.type() === 'error' && !/^Failed to load resource/.test(m.text()) && problems.push(`console: ${m.text()}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
  });
  return problems;
}

let checks = 0;
export function check(ok, what, detail = '') {
  checks++;
  if (!ok) throw new Error(`FAILED: ${what}${detail ? `\n${detail}` : ''}`);
  console.log(`  ok  ${what}`);
}
export const checked = () => checks;

const ORDINARY = [
  ['danger', ['no']],
  ['adult', ['yes']],
  ['check-danger', ['none']],
  ['home-safety', ['no']],
  ['emergency', ['no']],
  ['illness', ['no']],
  ['feelings', ['none']],
  ['coping', ['well']],
  ['offers', ['stopped']],
  ['personal', ['no']],
  ['reaction', ['declined']],
];

/**
 * Walks one <self-check> (a Locator; Playwright's CSS pierces its open shadow root) to the
 * danger result, then, after a reload by `reopen`, to the ordinary result. Asserts the
 * outcome, focus on the result heading and no request after the first question.
 */
export async function walkBoth({ page, log, element, reopen, crisisLink }) {
  const t0 = Date.now();
  const first = element.locator('fieldset[data-question="danger"]');
  await first.waitFor({ state: 'visible', timeout: 20_000 });
  check(true, `first question visible (${Date.now() - t0} ms)`);
  check((await element.locator(`.sc-crisis a[href="${crisisLink}"]`).count()) > 0, `crisis strip shows ${crisisLink}`);
  log.setMark();
  await element.locator('input[value="harm-self"]').check();
  await element.getByRole('button', { name: 'Continue' }).click();
  const result = element.locator('section.sc-result');
  await result.waitFor({ state: 'visible' });
  check((await result.getAttribute('data-outcome')) === 'get-help-now', 'danger answer → outcome get-help-now');
  await expectFocusOnHeading(page);
  check((await element.locator(`.sc-crisis a[href="${crisisLink}"]`).count()) > 0, `crisis strip still shows ${crisisLink} on the result`);
  await page.waitForTimeout(500);
  check(log.since().length === 0, 'no request after the first question (danger walk)', log.since().join('\n'));

  await reopen();
  await first.waitFor({ state: 'visible', timeout: 20_000 });
  log.setMark();
  for (const [qid, ids] of ORDINARY) {
    const fs = element.locator(`fieldset[data-question="${qid}"]`);
    await fs.waitFor({ state: 'visible' });
    for (const id of ids) await fs.locator(`input[value="${id}"]`).check();
    await element.getByRole('button', { name: 'Continue' }).click();
  }
  await result.waitFor({ state: 'visible' });
  check((await result.getAttribute('data-outcome')) === 'ordinary', `${ORDINARY.length} answers → outcome ordinary`);
  await expectFocusOnHeading(page);
  await page.waitForTimeout(500);
  check(log.since().length === 0, 'no request after the first question (ordinary walk)', log.since().join('\n'));
}

async function expectFocusOnHeading(page) {
  let focused = '';
  for (let i = 0; i < 50; i++) {
    focused = await page.evaluate(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el ? `${el.tagName.toLowerCase()}.${el.className}` : 'none';
    });
    if (/^h2\..*sc-result-heading/.test(focused)) break;
    await page.waitForTimeout(50);
  }
  check(/^h2\..*sc-result-heading/.test(focused), 'keyboard focus on the result heading', `focused: ${focused}`);
}

/** The styles inside the widget that a host's stylesheet would change if it leaked in. */
export function widgetStyle(page, selector) {
  return page.evaluate((sel) => {
    const root = document.querySelector(sel).shadowRoot.querySelector('.sc');
    const r = root.getBoundingClientRect();
    return [root, ...root.querySelectorAll('legend, label, button, a, p')].slice(0, 40).map((el) => {
      const cs = getComputedStyle(el);
      const b = el.getBoundingClientRect();
      return [el.tagName, Math.round(b.left - r.left), Math.round(b.top - r.top), Math.round(b.width), Math.round(b.height), cs.fontFamily, cs.fontSize, cs.color, cs.backgroundColor, cs.textTransform, cs.letterSpacing].join(' ');
    });
  }, selector);
}
