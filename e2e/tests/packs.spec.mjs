// Content packs: the loader fetches the page's pack beside the wasm; after the first
// question the only request is the pack of a language the visitor switches to; a damaged,
// truncated, foreign or missing pack leaves the page's own crisis contacts, with a console
// message that says why.
import { test, expect } from '@playwright/test';
import { FACTS, expectOnlyOwnAssets, fieldset, legend, openWidget, ownSources, recordRequests, result } from './helpers.mjs';

/** Console messages of one type ('error', 'warning') of the page, as text. */
function consoleMessages(page, type) {
  const messages = [];
  page.on('console', (m) => m.type() === type && messages.push(m.text()));
  return messages;
}
const consoleErrors = (page) => consoleMessages(page, 'error');

test('the page’s pack loads with the code; a language switch fetches only that language’s pack and keeps the answers', async ({ page, context, baseURL }) => {
  const log = await recordRequests(context, page, baseURL);
  const response = await openWidget(page);
  const html = await ownSources(page, response);
  expectOnlyOwnAssets(log, html, baseURL);
  const packs = log.all.filter((r) => r.url.includes('/packs/')).map((r) => new URL(r.url).pathname);
  expect(packs).toEqual([`/packs/${FACTS.id}.en.pack`]);
  log.setMark();

  await page.locator('input[value="no"]').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(fieldset(page, 'adult')).toBeVisible();
  await page.locator('fieldset[data-question="adult"] input[value="yes"]').check();
  expect(log.since(), 'no request while answering').toEqual([]);

  await page.getByLabel('Language').selectOption('es');
  await expect(page.locator('[data-self-check] .sc')).toHaveAttribute('lang', 'es');
  const adult = FACTS.questions.find((q) => q.id === 'adult');
  await expect(legend(page, 'adult')).toHaveText(adult.text.es);
  await expect(page.locator('fieldset[data-question="adult"] input[value="yes"]')).toBeChecked();
  await expect(page.locator('fieldset[data-question="adult"] input:checked')).toHaveCount(1);
  expect(log.since()).toEqual([`GET ${baseURL}/packs/loved-one-rejects-help.es.pack (fetch)`]);
  // No answer is in the request: it is a plain GET of a fixed file name, without a body.
  expect(log.all.slice(log.mark).every((r) => !r.url.includes('?') && r.method === 'GET')).toBe(true);

  // Back to English: that pack is already loaded, so nothing more is fetched.
  await page.getByLabel('Idioma').selectOption('en');
  await expect(legend(page, 'adult')).toHaveText(adult.text.en);
  await page.getByRole('button', { name: 'Back' }).click();
  await expect(page.locator('fieldset[data-question="danger"] input[value="no"]')).toBeChecked();
  expect(log.since()).toHaveLength(1);
  expectOnlyOwnAssets(log, html, baseURL);
});

const damage = {
  'a flipped byte': (b) => {
    b[b.length - 1] ^= 0x20;
    return b;
  },
  'a truncated download': (b) => b.subarray(0, Math.floor(b.length / 2)),
  'another pack format': (b) => {
    b[4] = 99;
    return b;
  },
  'an HTML error page': () => Buffer.from('<!doctype html><title>Not found</title>'),
};

for (const [what, spoil] of Object.entries(damage)) {
  test(`a pack with ${what} is refused: the page’s crisis contacts stay and the console says why`, async ({ page }) => {
    const errors = consoleErrors(page);
    await page.route('**/packs/*.pack', async (route) => {
      const res = await route.fetch();
      route.fulfill({ response: res, body: spoil(Buffer.from(await res.body())) });
    });
    await page.goto('/embed.html?region=us');
    const fallback = page.locator('[data-self-check] .sc-fallback');
    await expect.poll(() => errors.join('\n')).toContain('selfcheck:');
    await expect(fallback).toBeVisible();
    await expect(fallback.locator('a[href="tel:911"]')).toBeVisible();
    await expect(page.locator('[data-self-check] fieldset')).toHaveCount(0);
    expect(errors.join('\n')).toMatch(/pack/);
  });
}

test('a missing pack (a flow the build does not have) leaves the crisis contacts and names the file', async ({ page }) => {
  const errors = consoleErrors(page);
  await page.goto('/embed.html?flow=no-such-flow');
  await expect.poll(() => errors.join('\n')).toContain('packs/no-such-flow.');
  await expect(page.locator('[data-self-check] .sc-fallback a[href="tel:911"]')).toBeVisible();
  await expect(page.locator('[data-self-check] fieldset')).toHaveCount(0);
});

test('the pre-rendered demo page with a damaged pack drops its question and keeps the numbers', async ({ page }) => {
  await page.route('**/packs/*.pack', (route) => route.fulfill({ contentType: 'application/octet-stream', body: Buffer.from('SCPK\u0001oops') }));
  await page.goto('/index.html');
  const mount = page.locator('[data-self-check]');
  await expect(mount).toHaveAttribute('data-failed', '');
  await expect(mount.locator('fieldset')).toBeHidden();
  await expect(mount.locator('a[href="tel:911"]').first()).toBeVisible();
});

test('an unknown region shows no country’s numbers as the visitor’s; an emergency result shows every region’s emergency number and the picker', async ({ page }) => {
  const warnings = consoleMessages(page, 'warning');
  await page.goto('/embed.html?region=zz');
  await expect(fieldset(page, 'danger')).toBeVisible();
  const strip = page.locator('.sc-crisis');
  await expect(strip).toContainText('call your local emergency number');
  await expect(strip.locator('a[href^="tel:"], a[href^="sms:"]')).toHaveCount(0);
  await page.locator('input[value="harm-self"]').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  const res = result(page);
  await expect(res).toHaveAttribute('data-outcome', 'get-help-now');
  // Never an emergency without a number (review M2): every region's emergency number, from
  // the directory, and the picker inside the result.
  await expect(page.locator('.sc-contacts a[href^="tel:"]')).toHaveCount(0);
  const numbers = res.locator('.sc-result-region .sc-emergency-numbers');
  for (const href of ['tel:911', 'tel:999', 'tel:112', 'tel:000', 'tel:111']) {
    await expect(numbers.locator(`a[href="${href}"]`)).toBeVisible();
  }
  await expect(res.locator('.sc-emergency-note')).toContainText('112 works from any phone');
  const picker = res.getByLabel('Choose your region to see who to call:');
  await picker.focus();
  await picker.selectOption('uk');
  // The region's contacts show; the picker stays, with the focus on it.
  await expect(page.locator('.sc-contacts a[href="tel:999"]')).toBeVisible();
  await expect(res.locator('.sc-emergency-numbers')).toHaveCount(0);
  await expect(picker).toBeFocused();
  await expect(page.locator('.sc-crisis a[href="tel:999"]')).toBeVisible();
  expect(warnings.join('\n')).toContain('region="zz"');
});

test.describe('the iframe page without script', () => {
  test.use({ javaScriptEnabled: false });

  test('the iframe page without script cannot tell the country: it shows every region’s emergency number', async ({ page }) => {
    await page.goto('/embed.html?region=uk');
    const shown = page.locator('[data-self-check] .sc-fallback:visible');
    await expect(shown).toHaveCount(1);
    await expect(shown).toContainText('call your local emergency number');
    await expect(shown).toContainText('112 works from any phone');
    for (const href of ['tel:911', 'tel:999', 'tel:112', 'tel:000', 'tel:111']) {
      await expect(shown.locator(`a[href="${href}"]`)).toBeVisible();
    }
  });
});

test('while the widget cannot start, the iframe page shows the URL’s region’s numbers, else every region’s emergency number', async ({ page }) => {
  await page.route('**/*.wasm', (route) => route.abort());
  // Matched as the engine matches a region: any case, aliases too (gb is the UK).
  for (const [query, want, not] of [
    ['region=gb', ['tel:999', 'tel:116123'], 'tel:911'],
    ['region=AU', ['tel:000', 'tel:131114'], 'tel:999'],
    ['region=zz', ['tel:911', 'tel:999', 'tel:112'], null],
    ['', ['tel:911', 'tel:999', 'tel:112'], null],
  ]) {
    await page.goto(`/embed.html?${query}`);
    const own = page.locator('[data-self-check] .sc-fallback');
    await expect(own).toHaveCount(1);
    await expect(own).toBeVisible();
    for (const href of want) await expect(own.locator(`a[href="${href}"]`)).toBeVisible();
    if (not) await expect(own.locator(`a[href="${not}"]`)).toHaveCount(0);
  }
});

test('region="gb", the ISO code, shows the UK numbers', async ({ page }) => {
  await page.goto('/embed.html?region=gb');
  await expect(fieldset(page, 'danger')).toBeVisible();
  await expect(page.locator('.sc-crisis a[href="tel:999"]')).toBeVisible();
  await expect(page.locator('.sc-crisis a[href="tel:116123"]')).toBeVisible();
  await expect(page.locator('.sc-crisis a[href="tel:911"]')).toHaveCount(0);
  // On a result: 999, NHS 111 and Samaritans (and Scotland's lines, marked as such).
  await page.locator('input[value="harm-self"]').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  for (const href of ['tel:999', 'tel:111', 'tel:116123']) {
    await expect(page.locator(`.sc-contacts a[href="${href}"]`).first()).toBeVisible();
  }
  await expect(page.locator('.sc-contacts a[href="tel:911"]')).toHaveCount(0);
});

// A test-only right-to-left language (crates/flow/tests/fixtures/rtl): its words, its flow
// texts and its contact names are data, packed by the CLI like any practice's own flow.
test('a right-to-left language from data alone renders mirrored, with axe clean', async ({ page, context, baseURL }) => {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, readFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { axeViolations } = await import('./helpers.mjs');
  const out = mkdtempSync(join(tmpdir(), 'selfcheck-rtl-'));
  const cli = process.env.SELFCHECK_CLI || '../target/debug/selfcheck';
  const fixture = '../crates/flow/tests/fixtures/rtl';
  execFileSync(cli, ['pack', `${fixture}/flow.toml`, '--data', fixture, '--out', out]);
  const pack = readFileSync(join(out, 'rtl-fixture.ar.pack'));
  await context.route(`${baseURL}/packs/rtl-fixture.ar.pack`, (route) => route.fulfill({ contentType: 'application/octet-stream', body: pack }));
  await page.goto('/embed.html?flow=rtl-fixture&lang=ar&region=us');
  const sc = page.locator('[data-self-check] .sc');
  await expect(sc).toHaveAttribute('dir', 'rtl');
  await expect(sc).toHaveAttribute('lang', 'ar');
  await expect(legend(page, 'danger')).toHaveText('هل أحد في خطر الآن؟');
  await expect(page.locator('.sc-crisis a[href="tel:911"]')).toHaveText('اتصل بالرقم 911');
  // Mirrored: each radio sits to the right of its label, and the question starts at the
  // right edge of the widget.
  const box = async (sel) => page.locator(sel).first().boundingBox();
  const radio = await box('fieldset[data-question="danger"] input');
  const label = await box('fieldset[data-question="danger"] label');
  expect(radio.x).toBeGreaterThan(label.x);
  const widgetBox = await sc.boundingBox();
  const legendBox = await box('legend .sc-legend-text');
  expect(widgetBox.x + widgetBox.width - (legendBox.x + legendBox.width)).toBeLessThan(legendBox.x - widgetBox.x);
  expect(await axeViolations(page)).toEqual([]);
});
