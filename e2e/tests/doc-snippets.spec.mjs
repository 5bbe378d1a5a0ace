// Issue 28: the snippets of docs/embedding.md, as a new user pastes them. Each marked block
// (`<!-- snippet:NAME -->` … `<!-- /snippet -->`, written by the engine's `snippets` and
// checked by a test in xtask/src/release.rs) runs on a page of its own, served from where the
// build lives (/ instead of /selfcheck/), with no console error; the iframe's frame grows to
// fit the widget, so nothing scrolls inside it. iframe-host.js also fits a frame without the
// id, beats an inline height, and only warns on a page with no frame.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';

const DOCS = readFileSync(new URL('../../docs/embedding.md', import.meta.url), 'utf8');
/** The docs' snippets by name, from their markers' html blocks. */
const SNIPPETS = Object.fromEntries(
  [...DOCS.matchAll(/<!-- snippet:([a-z-]+) -->\n```html\n([\s\S]*?)```\n<!-- \/snippet -->/g)].map((m) => [m[1], m[2]]),
);

/** Serves `body` as /pasted.html, records console errors and page errors, and opens it. */
async function paste(page, context, baseURL, body) {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Pasted</title></head><body><main><h1>Our practice</h1>${body.replaceAll('/selfcheck/', '/')}</main></body></html>`;
  await context.route(`${baseURL}/pasted.html`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
  const errors = [];
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
    if (m.type() === 'warning') warnings.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto('/pasted.html');
  return { errors, warnings };
}

/** The frame's inner height and its content's height (as embed.js measures it). */
const fit = (page, selector = 'iframe') =>
  page.locator(selector).first().evaluate((f) => {
    const doc = f.contentDocument.documentElement;
    return { frame: f.clientHeight, content: Math.ceil(doc.getBoundingClientRect().height), scroll: doc.scrollHeight };
  });
/** Polls until the frame fits its content within a few px (no inner scrollbar, no fixed height). */
async function expectFits(page, selector) {
  await expect
    .poll(async () => {
      const { frame, content, scroll } = await fit(page, selector);
      return frame >= content - 2 && frame <= content + 4 && scroll <= frame + 2;
    })
    .toBe(true);
}

test('docs/embedding.md has the element, auto-mount and iframe snippets', () => {
  expect(Object.keys(SNIPPETS).sort()).toEqual(['automount', 'element', 'iframe']);
  expect(SNIPPETS.iframe).toContain('id="self-check-frame"');
  expect(SNIPPETS.iframe).not.toMatch(/height:/);
});

for (const name of ['element', 'automount']) {
  test(`the docs' ${name} snippet runs as pasted, with no console error`, async ({ page, context, baseURL }) => {
    const { errors } = await paste(page, context, baseURL, SNIPPETS[name]);
    // Playwright's CSS pierces the element's open shadow root.
    await expect(page.locator('fieldset[data-question]').first()).toBeVisible();
    await expect(page.locator('.sc-mounted, [part="widget"].sc-mounted').first()).toBeAttached();
    expect(errors).toEqual([]);
  });
}

test("the docs' iframe snippet grows its frame to fit the widget, question and result", async ({ page, context, baseURL }) => {
  const { errors } = await paste(page, context, baseURL, SNIPPETS.iframe);
  const frame = page.frameLocator('#self-check-frame');
  await expect(frame.locator('fieldset[data-question]').first()).toBeVisible();
  await expect(frame.locator('.sc-mounted').first()).toBeAttached();
  await expectFits(page, '#self-check-frame');
  const first = (await fit(page, '#self-check-frame')).frame;
  // The emergency result is taller than the first question: the frame follows.
  await frame.locator('input[value="harm-self"]').check();
  await frame.getByRole('button', { name: 'Continue' }).click();
  await expect(frame.locator('section.sc-result')).toBeVisible();
  await expect.poll(async () => (await fit(page, '#self-check-frame')).frame).not.toBe(first);
  await expectFits(page, '#self-check-frame');
  expect(errors).toEqual([]);
});

test('iframe-host.js fits a frame without the id and with an inline height, and only warns with no frame', async ({ page, context, baseURL }) => {
  // The old snippet: no id, an inline height, the script as a module. The frame is found as
  // an iframe of embed.html, and its style height is replaced.
  const old = `<iframe src="/selfcheck/embed.html?region=us&amp;lang=en" title="Self-check" style="width:100%;border:0;height:640px"
    sandbox="allow-scripts allow-same-origin allow-forms allow-top-navigation-by-user-activation"></iframe>
<script type="module" src="/selfcheck/iframe-host.js"></script>`;
  const first = await paste(page, context, baseURL, old);
  const frame = page.frameLocator('iframe');
  await expect(frame.locator('.sc-mounted').first()).toBeAttached();
  await expectFits(page, 'iframe');
  expect(first.errors).toEqual([]);

  await context.unroute(`${baseURL}/pasted.html`);
  const page2 = await context.newPage();
  const none = await paste(page2, context, baseURL, '<p>No frame here.</p><script src="/selfcheck/iframe-host.js"></script>');
  await expect.poll(() => none.warnings.some((w) => w.includes('iframe-host.js found no frame'))).toBe(true);
  expect(none.errors).toEqual([]);
});
