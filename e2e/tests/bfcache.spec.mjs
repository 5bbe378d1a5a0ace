// Issue 26: nothing left behind. A visitor on a shared computer who goes on to another page
// and comes Back must see the first question, not their answers or the result.
import { test, expect } from '@playwright/test';
import config from '../playwright.config.mjs';
import { fieldset, result } from './helpers.mjs';

// Playwright turns the back-forward cache off (--disable-back-forward-cache), and the test
// server's no-store keeps pages out of it: here both are as on a real host.
test.use({ launchOptions: { ...config.use.launchOptions, ignoreDefaultArgs: ['--disable-back-forward-cache'] } });

test('Back from another page shows the first question, not the answers', async ({ page }) => {
  await page.route('**/*', async (route) => {
    const res = await route.fetch();
    const headers = { ...res.headers() };
    delete headers['cache-control'];
    await route.fulfill({ response: res, headers });
  });
  await page.addInitScript(() => addEventListener('pageshow', (e) => (window.__restored = e.persisted)));
  await page.goto('/embed.html?region=us');
  await page.locator('input[value="harm-self"]').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(result(page)).toHaveAttribute('data-outcome', 'get-help-now');
  await page.goto('/iframe.html');
  // A page restored from the cache fires no load event.
  await page.goBack({ waitUntil: 'commit' });
  await expect.poll(() => page.evaluate(() => window.__restored)).toBe(true);
  await expect(fieldset(page, 'danger')).toBeVisible();
  await expect(result(page)).toHaveCount(0);
  await expect(page.locator('input:checked')).toHaveCount(0);
});
