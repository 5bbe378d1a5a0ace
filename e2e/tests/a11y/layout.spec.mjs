// Accessibility, layout: reflow at 320 px and 400% zoom, target size, text spacing, and
// detectors proven to catch what they claim.
import { test, expect } from '@playwright/test';
import { continueButton, fieldset, ROUTE_PER_OUTCOME } from '../helpers.mjs';
import { AFTER_NO, expectFocusNotObscured, expectFocusOn, expectOutcome, FULL_ROUTE, LANGS, open, ROUTES, startAgain, walk } from './common.mjs';

// ---------------------------------------------------------------------------------------
// Reflow, zoom and target size

/**
 * 2.5.8: every target in the widget is at least 24×24, or its 24 px circle touches no other
 * target (nor another small target's circle). Inline links inside a sentence of rich text
 * are exempt. Returns the failures.
 */
function targetSizeFailures(page) {
  return page.evaluate(() => {
    const root = document.querySelector('[data-self-check]');
    const sel = 'a[href], button, input, select, textarea, label[for], summary, [tabindex]:not([tabindex="-1"])';
    const targets = [...root.querySelectorAll(sel)]
      .filter((el) => {
        const s = getComputedStyle(el);
        const b = el.getBoundingClientRect();
        return s.visibility !== 'hidden' && b.width > 1 && b.height > 1;
      })
      .filter((el) => !(el.tagName === 'A' && el.closest('.sc-help, .sc-summary, .sc-advice, .sc-practice') && getComputedStyle(el).display === 'inline'))
      .map((el) => {
        const b = el.getBoundingClientRect();
        const name = `${el.tagName.toLowerCase()}.${el.className || ''} "${(el.textContent || el.value || '').trim().slice(0, 30)}"`;
        return { el, name, b, cx: b.left + b.width / 2, cy: b.top + b.height / 2, small: b.width < 24 - 0.01 || b.height < 24 - 0.01 };
      });
    const distToRect = (x, y, b) => Math.hypot(Math.max(b.left - x, 0, x - b.right), Math.max(b.top - y, 0, y - b.bottom));
    const fails = [];
    for (const t of targets.filter((x) => x.small)) {
      // A label and its input are one target.
      const others = targets.filter((o) => o !== t && !(o.el.tagName === 'LABEL' && o.el.control === t.el) && !(t.el.tagName === 'LABEL' && t.el.control === o.el));
      const clash = others.find((o) => distToRect(t.cx, t.cy, o.b) < 12 - 0.01 || (o.small && Math.hypot(t.cx - o.cx, t.cy - o.cy) < 24 - 0.01));
      if (clash) fails.push(`${t.name} is ${t.b.width.toFixed(1)}×${t.b.height.toFixed(1)} and too close to ${clash.name}`);
    }
    return { count: targets.length, fails };
  });
}

async function expectNoHorizontalScroll(page, label) {
  const m = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
    // Anything in the widget wider than the viewport, even if something clips it.
    wide: [...document.querySelectorAll('[data-self-check] *')]
      .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .filter((el) => !el.closest('.sc-visually-hidden'))
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`)
      .slice(0, 5),
  }));
  expect(m.client, 'viewport width').toBe(320);
  expect(m.scroll, `${label}: no horizontal scrolling (scrollWidth ${m.scroll} > clientWidth ${m.client})`).toBeLessThanOrEqual(m.client);
  expect(m.wide, `${label}: nothing wider than the viewport`).toEqual([]);
}

async function checkLayout(page, label) {
  await expectNoHorizontalScroll(page, label);
  const t = await targetSizeFailures(page);
  expect(t.count, 'targets found').toBeGreaterThan(3);
  expect(t.fails, `${label}: target size (2.5.8)`).toEqual([]);
}

const LAYOUTS = [
  { name: '320 px wide viewport', use: { viewport: { width: 320, height: 640 }, deviceScaleFactor: 1 } },
  // 1280×1024 at 400% zoom is a 320×256 CSS px viewport at 4 device pixels per CSS pixel.
  { name: '1280 px at 400% zoom', use: { viewport: { width: 320, height: 256 }, deviceScaleFactor: 4 } },
];

for (const layout of LAYOUTS) {
  test.describe(`reflow at ${layout.name}`, () => {
    test.use(layout.use);

    test(`reflow (${layout.name}): every question and outcome, no horizontal scrolling, targets ≥ 24 px, focus not obscured`, async ({ page }) => {
      // Flow 3.0 has 14 outcomes and 11 questions, each walked and measured here: more
      // than the default 30 s on two cores at 4 device pixels per CSS pixel.
      test.setTimeout(150_000);
      await open(page);
      expect(await page.evaluate(() => window.devicePixelRatio)).toBe(layout.use.deviceScaleFactor);
      await walk(page, FULL_ROUTE.path, async (qid, i) => {
        if (i > 0) await expectFocusOn(page, qid);
        await checkLayout(page, `${qid}`);
        await continueButton(page).click();
        await expect(fieldset(page, qid).locator('p.sc-error')).toBeVisible();
        await checkLayout(page, `${qid} with error`);
      });
      await expectOutcome(page, FULL_ROUTE.outcome);
      await expectFocusNotObscured(page);
      await checkLayout(page, `result ${FULL_ROUTE.outcome}`);
      for (const route of ROUTE_PER_OUTCOME.filter((r) => r !== FULL_ROUTE)) {
        await startAgain(page);
        await walk(page, route.path);
        await expectOutcome(page, route.outcome);
        await expectFocusNotObscured(page);
        await checkLayout(page, `result ${route.outcome}`);
      }
    });
  });
}

test.describe('detectors', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('detectors: the reflow, target-size and obscured-focus checks catch what they claim', async ({ page }) => {
    await open(page);
    await walk(page, [['danger', ['no']]]);
    await expectFocusOn(page, AFTER_NO);
    await checkLayout(page, 'before');
    // Something wider than the viewport.
    const wide = await page.addStyleTag({ content: '.sc-options { width: 420px; }' });
    await expect(expectNoHorizontalScroll(page, 'wide')).rejects.toThrow(/no horizontal scrolling/);
    await wide.evaluate((el) => el.remove());
    // Crisis links shrunk to 5 px text with the separators squeezed out, so they nearly touch.
    const small = await page.addStyleTag({
      content: '.sc .sc-crisis-link { display: inline; min-height: 0; padding: 0; font-size: 5px; line-height: 1; } .sc .sc-crisis-line span[aria-hidden] { font-size: 1px; }',
    });
    expect((await targetSizeFailures(page)).fails.join('\n')).toMatch(/a\.sc-crisis-link "call 911" is .* too close to a\.sc-crisis-link/);
    await small.evaluate((el) => el.remove());
    expect((await targetSizeFailures(page)).fails).toEqual([]);
    // A fixed banner over the top half of the screen, where the focused legend is.
    await page.evaluate(() => {
      const d = document.createElement('div');
      d.style.cssText = 'position:fixed;left:0;top:0;width:100%;height:50vh;background:#333;z-index:9';
      document.body.append(d);
      document.querySelector('legend.sc-legend').scrollIntoView({ block: 'start' });
    });
    await expect(expectFocusNotObscured(page)).rejects.toThrow(/not obscured/);
  });
});

test.describe('text spacing', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('text spacing (1.4.12): the WCAG spacing overrides cause no overflow or clipping at 320 px', async ({ page }) => {
    await open(page);
    await page.addStyleTag({
      content: `[data-self-check] * { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
                [data-self-check] p { margin-bottom: 2em !important; }`,
    });
    const clipped = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('[data-self-check] *')]
          .filter((el) => !el.closest('.sc-visually-hidden') && el.tagName !== 'SELECT' && el.tagName !== 'OPTION')
          .filter((el) => {
            const s = getComputedStyle(el);
            const clips = /hidden|clip/.test(s.overflowX + s.overflowY);
            return clips && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1);
          })
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
      );
    await walk(page, ROUTES.find((r) => r.outcome === 'get-help-now').path, async () => {
      await expectNoHorizontalScroll(page, 'question with text spacing');
      expect(await clipped()).toEqual([]);
    });
    await expectOutcome(page, 'get-help-now');
    await expectNoHorizontalScroll(page, 'result with text spacing');
    expect(await clipped()).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------
// The call first (review point 6)

/**
 * On an emergency result the heading, one sentence, then the contacts. At 1280×1024 and
 * 400% zoom (320×256 CSS px), once the focus has moved to the result's heading, the first
 * number to call is wholly on screen without scrolling: every emergency outcome of the
 * default flow, in every language.
 */
test.describe('the call first at 400% zoom', () => {
  test.use({ viewport: { width: 320, height: 256 }, deviceScaleFactor: 4 });

  for (const lang of LANGS) {
    test(`the call first (${lang}): on every emergency result the first tel: link is in view once the heading has the focus`, async ({ page }) => {
      const emergencies = ROUTE_PER_OUTCOME.filter((r) => r.urgency === 'emergency');
      expect(emergencies.length, 'the default flow has emergency outcomes').toBeGreaterThan(0);
      await open(page, lang);
      for (const [i, route] of emergencies.entries()) {
        if (i > 0) await startAgain(page);
        await walk(page, route.path);
        await expectOutcome(page, route.outcome);
        await expectFocusNotObscured(page);
        const where = await page.evaluate(() => {
          const link = document.querySelector('section.sc-result a[href^="tel:"]');
          if (!link) return { ok: false, why: 'no tel: link in the result' };
          const b = link.getBoundingClientRect();
          const vw = document.documentElement.clientWidth;
          const vh = window.innerHeight;
          // Half a CSS pixel of slack: at 400% zoom, scrolling rounds to device pixels.
          const ok = b.width > 0 && b.height > 0 && b.top >= -0.5 && b.left >= -0.5 && b.bottom <= vh + 0.5 && b.right <= vw + 0.5;
          return { ok, why: JSON.stringify({ href: link.getAttribute('href'), box: [b.left, b.top, b.right, b.bottom], viewport: [vw, vh] }) };
        });
        expect(where.ok, `${lang}, ${route.outcome}: the first number to call is in view with the heading: ${where.why}`).toBe(true);
      }
    });
  }
});
