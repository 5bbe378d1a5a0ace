// Issue 21: the CDN path for site builders. The widget's files are served from a second
// loopback origin with CORS and `application/wasm`, as a public npm CDN serves a package;
// the host page on the test server's origin includes `selfcheck.js` from there (with its
// integrity, as the release's snippets do), under the strict CSP with that origin added.
// Both ways of embedding run to emergency help by keyboard, and nothing is asked for after
// the first question but from those two origins.
import { test, expect } from '@playwright/test';
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import config from '../playwright.config.mjs';
import { FACTS } from './helpers.mjs';

// The strict policy of server.mjs (importing it would start a second server).
const STRICT_CSP = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; require-trusted-types-for 'script'";
const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json', '.pack': 'application/octet-stream' };

// One CDN per worker, on 127.0.0.2 (another origin than the test server's 127.0.0.1). The
// browser is told that address is public, as a CDN's is: Chromium's local-network checks
// would otherwise refuse a loopback page's requests to another loopback address.
const cdnPort = (worker) => Number(process.env.E2E_PORT || 4173) + 200 + worker;
const overrides = [0, 1, 2, 3, 4, 5, 6, 7].map((w) => `127.0.0.2:${cdnPort(w)}=public`).join(',');
test.use({ launchOptions: { ...config.use.launchOptions, args: [...config.use.launchOptions.args, `--ip-address-space-overrides=${overrides}`] } });

let cdn;
let cdnOrigin;
test.beforeAll(async ({}, info) => {
  const port = cdnPort(info.workerIndex);
  cdnOrigin = `http://127.0.0.2:${port}`;
  cdn = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/^\/npm\/selfcheck-widget@[^/]+\//, '/');
    const file = normalize(join(DIST, path));
    const headers = { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=31536000, immutable', 'X-Content-Type-Options': 'nosniff' };
    const type = TYPES[extname(file)];
    try {
      if (!type || !file.startsWith(DIST)) throw new Error('not served');
      const body = await readFile(file);
      res.writeHead(200, { ...headers, 'Content-Type': type });
      res.end(body);
    } catch {
      res.writeHead(404, headers);
      res.end();
    }
  });
  await new Promise((r) => cdn.listen(port, '127.0.0.2', r));
});
test.afterAll(() => new Promise((r) => cdn.close(r)));

const integrity = () => `sha384-${createHash('sha384').update(readFileSync(join(DIST, 'selfcheck.js'))).digest('base64')}`;
const loaderUrl = () => `${cdnOrigin}/npm/selfcheck-widget@0.0.0/selfcheck.js`;
const CONTACTS = '<p>If someone is in danger now: <a href="tel:911">call 911</a> or <a href="tel:988">988</a>.</p>';
const EMBEDS = {
  'the <self-check> element': () => `<self-check region="us" lang="en">${CONTACTS}</self-check>`,
  'an auto-mount <div data-self-check>': () => `<div data-self-check data-region="us" data-lang="en">${CONTACTS}</div>`,
};

/** The focused element, inside shadow roots too. */
const focused = (page) =>
  page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return { tag: a?.tagName, value: a?.value, text: a?.textContent?.trim() };
  });
async function tabTo(page, want) {
  for (let i = 0; i < 30; i++) {
    if (want(await focused(page))) return;
    await page.keyboard.press('Tab');
  }
  throw new Error('keyboard: never reached the control');
}

for (const [name, embed] of Object.entries(EMBEDS)) {
  test(`${name} runs from a CDN origin under the strict CSP with that origin added`, async ({ page, context, baseURL }) => {
    const csp = STRICT_CSP.replace("script-src 'self'", `script-src 'self' ${cdnOrigin}`)
      .replace("style-src 'self'", `style-src 'self' ${cdnOrigin}`)
      .replace("connect-src 'self'", `connect-src 'self' ${cdnOrigin}`);
    const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A site builder's page</title><script type="module" src="${loaderUrl()}" integrity="${integrity()}" crossorigin="anonymous"></script></head><body><h1>Our practice</h1>${embed()}</body></html>`;
    await context.route(`${baseURL}/builder.html`, (route) => route.fulfill({ contentType: 'text/html', headers: { 'Content-Security-Policy': csp }, body: html }));
    const requests = [];
    context.on('request', (r) => requests.push(r.url()));
    const violations = [];
    page.on('console', (m) => /Content Security Policy|Refused/.test(m.text()) && violations.push(m.text()));
    const errors = [];
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto('/builder.html');
    const scope = page.locator('.sc');
    await expect(scope.locator(`fieldset[data-question="${FACTS.questions[0].id}"]`)).toBeVisible();
    await expect(page.locator('.sc-mounted, self-check [part="widget"].sc-mounted').first()).toBeAttached();
    const before = requests.length;
    // Everything came from the two origins; the widget's files from the CDN.
    for (const url of requests) expect([new URL(baseURL).origin, cdnOrigin]).toContain(new URL(url).origin);
    expect(requests.some((u) => u.startsWith(cdnOrigin) && u.endsWith('_bg.wasm'))).toBe(true);
    expect(requests.some((u) => u.startsWith(cdnOrigin) && u.endsWith('.pack'))).toBe(true);
    // A danger path by keyboard, to emergency help with the US numbers: Tab to the first
    // answer ("They may hurt themselves…"), Space, Tab to Continue, Enter.
    await tabTo(page, (a) => a.tag === 'INPUT');
    expect((await focused(page)).value).toBe('harm-self');
    await page.keyboard.press('Space');
    await tabTo(page, (a) => a.tag === 'BUTTON' && a.text === 'Continue');
    await page.keyboard.press('Enter');
    const resultSection = page.locator('section.sc-result');
    await expect(resultSection).toHaveAttribute('data-outcome', 'get-help-now');
    await expect(resultSection.locator('a[href="tel:911"]').first()).toBeVisible();
    await expect(resultSection.locator('a[href="tel:988"]').first()).toBeVisible();
    expect(requests.slice(before), 'requests after the first question').toEqual([]);
    expect(violations).toEqual([]);
    expect(errors).toEqual([]);
  });
}
