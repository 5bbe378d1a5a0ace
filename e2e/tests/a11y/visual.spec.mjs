// Accessibility, visual: state styles, non-text contrast and visible focus in light and
// dark, reduced motion and forced colours.
import { test, expect } from '@playwright/test';
import { answerWithKeyboard, continueButton, fieldset, isContinue, result, tabUntil, widget } from '../helpers.mjs';
import { AFTER_NO, AFTER_NO_ON, expectFocusOn, expectOutcome, open, SCHEMES, THEN, walk, WIDGET_BG } from './common.mjs';

// ---------------------------------------------------------------------------------------
// Non-text contrast and focus visibility (axe checks text contrast only)

/** WCAG contrast ratio of two computed CSS colours ("rgb(…)"/"rgba(…)", alpha ignored). */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// State is not shown by text alone: the unanswered question's bar and the emergency
// contact's border come from data attributes (data-invalid, data-emergency, data-urgency),
// since the widget's class names are all literals. Fails if the CSS and the markup drift.
for (const scheme of SCHEMES) {
  test(`state styles follow the data attributes (1.4.1, 1.4.11), ${scheme}: error bar, urgency colour, emergency contact`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await open(page);
    const css = (sel, prop) => page.locator(sel).first().evaluate((el, p) => getComputedStyle(el)[p], prop);
    const bg = await css('[data-self-check] .sc', 'backgroundColor');
    const text = await css('[data-self-check] .sc', 'color');

    await expect(fieldset(page, 'danger')).not.toHaveAttribute('data-invalid');
    expect(parseFloat(await css('fieldset[data-question="danger"]', 'borderLeftWidth'))).toBe(0);
    await continueButton(page).click();
    await expect(fieldset(page, 'danger')).toHaveAttribute('data-invalid', 'true');
    expect(parseFloat(await css('fieldset[data-question="danger"]', 'borderLeftWidth'))).toBeGreaterThanOrEqual(3);
    expect(contrast(await css('fieldset[data-question="danger"]', 'borderLeftColor'), bg)).toBeGreaterThanOrEqual(3);

    await walk(page, [['danger', ['harm-self']]]);
    await expect(result(page)).toHaveAttribute('data-urgency', 'emergency');
    const heading = await css('h2.sc-result-heading', 'color');
    expect(heading, 'the emergency heading has the danger colour, not the text colour').not.toBe(text);
    expect(contrast(heading, bg)).toBeGreaterThanOrEqual(4.5);
    const emergency = page.locator('li.sc-contact[data-emergency]');
    await expect(emergency).toHaveCount(1);
    const ordinaryBorder = await css('li.sc-contact:not([data-emergency])', 'borderTopColor');
    const emergencyBorder = await css('li.sc-contact[data-emergency]', 'borderTopColor');
    expect(emergencyBorder).not.toBe(ordinaryBorder);
    expect(contrast(emergencyBorder, bg)).toBeGreaterThanOrEqual(3);
    expect(await css('li.sc-contact[data-emergency] .sc-button-contact', 'backgroundColor')).toBe('rgb(163, 22, 27)');
  });
}

for (const scheme of SCHEMES) {
  test(`non-text contrast and visible focus (1.4.11, 2.4.7), ${scheme}: borders, selected answer and focus ring ≥ 3:1`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await open(page);
    await expect(widget(page)).toHaveCSS('background-color', WIDGET_BG[scheme]);
    const css = (sel, prop) => page.locator(sel).first().evaluate((el, p) => getComputedStyle(el)[p], prop);
    const bg = await css('[data-self-check] .sc', 'backgroundColor');
    const stripBg = await css('aside.sc-crisis', 'backgroundColor');
    const checks = [
      ['answer option border', await css('.sc-option', 'borderTopColor'), bg],
      ['region select border', await css('aside.sc-crisis select', 'borderTopColor'), stripBg],
      ['"leave" button border', await css('.sc-button-leave', 'borderTopColor'), bg],
      ['Continue button fill', await css('form.sc-question button[type="submit"]', 'backgroundColor'), bg],
    ];
    await walk(page, [['danger', ['no']]]);
    checks.push(['Back button border', await css('form.sc-question button.sc-button-secondary', 'borderTopColor'), bg]);
    await fieldset(page, AFTER_NO).locator(`input[value="${AFTER_NO_ON}"]`).check();
    checks.push(['selected answer border', await css('.sc-option:has(.sc-input:checked)', 'borderTopColor'), bg]);
    const low = checks.map(([what, fg, back]) => [what, fg, back, contrast(fg, back)]).filter(([, , , r]) => r < 3);
    expect(low.map(([w, f, b, r]) => `${w}: ${f} on ${b} = ${r.toFixed(2)}:1`)).toEqual([]);

    // The focus ring: a 3 px outline and a ring outside it; one of them must be ≥ 3:1
    // against the background, on a control and on a legend focused after a keyboard Continue.
    const ring = () =>
      page.evaluate(() => {
        const el = document.activeElement;
        const c = getComputedStyle(el);
        return { focusVisible: el.matches(':focus-visible'), style: c.outlineStyle, width: parseFloat(c.outlineWidth), outline: c.outlineColor, shadow: c.boxShadow };
      });
    const expectRing = async (what) => {
      const r = await ring();
      expect(r.focusVisible, `${what}: :focus-visible`).toBe(true);
      expect(r.style, `${what}: outline`).not.toBe('none');
      expect(r.width).toBeGreaterThanOrEqual(2);
      const shadow = /rgba?\([^)]*\)/.exec(r.shadow)?.[0];
      const best = Math.max(contrast(r.outline, bg), shadow ? contrast(shadow, bg) : 0);
      expect(best, `${what}: focus ring ${JSON.stringify(r)} on ${bg}`).toBeGreaterThanOrEqual(3);
    };
    await page.locator('form.sc-question button.sc-button-secondary').focus();
    await page.keyboard.press('Shift+Tab');
    await expectRing('Continue button');
    await page.keyboard.press('Shift+Tab');
    await expectRing('answer radio');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expectFocusOn(page, THEN);
    await expectRing('legend after a keyboard Continue');
  });
}

// ---------------------------------------------------------------------------------------
// Motion and forced colours

/** Elements (and ::before/::after) in the widget with a non-zero transition or animation. */
function moving(page) {
  return page.evaluate(() => {
    const nonZero = (v) => v.split(',').some((d) => parseFloat(d) > 0);
    const out = [];
    for (const el of [document.querySelector('[data-self-check]'), ...document.querySelectorAll('[data-self-check] *')]) {
      for (const pseudo of [null, '::before', '::after']) {
        const s = getComputedStyle(el, pseudo);
        if (nonZero(s.transitionDuration) || (s.animationName !== 'none' && nonZero(s.animationDuration))) {
          out.push(`${el.tagName.toLowerCase()}.${el.className}${pseudo || ''}: transition ${s.transitionDuration}, animation ${s.animationName} ${s.animationDuration}`);
        }
      }
    }
    return out;
  });
}

test('prefers-reduced-motion: reduce stops every transition and animation in the widget, even ones a host page adds', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await open(page);
  expect(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches)).toBe(true);
  expect(await moving(page), 'question').toEqual([]);
  await continueButton(page).click();
  expect(await moving(page), 'error').toEqual([]);
  await walk(page, [['danger', ['harm-self']]]);
  await expectOutcome(page, 'get-help-now');
  expect(await moving(page), 'result').toEqual([]);

  // A host theme that adds motion (the detector sees it without the preference) ...
  await page.addStyleTag({
    content: `@keyframes a11y-pulse { from { opacity: 1 } to { opacity: 0.5 } }
      .sc-button { transition: background-color 0.3s ease; }
      .sc-result-heading { animation: a11y-pulse 1s infinite alternate; }`,
  });
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect((await moving(page)).length, 'the detector finds host motion').toBeGreaterThan(0);
  // ... is switched off by the widget's own reduced-motion rule.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  expect(await moving(page), 'result with host motion, reduced').toEqual([]);
});

test('forced colours: focus outline, option borders and the selected answer stay visible', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await open(page);
  expect(await page.evaluate(() => matchMedia('(forced-colors: active)').matches)).toBe(true);
  const style = (loc, ...props) => loc.evaluate((el, ps) => Object.fromEntries(ps.map((p) => [p, getComputedStyle(el)[p]])), props);
  const visibleLine = (width, styleName, color) => parseFloat(width) >= 1 && styleName !== 'none' && styleName !== 'hidden' && !/rgba\(.*, 0\)$|transparent/.test(color);

  // Option borders.
  for (const opt of await page.locator('.sc-option').all()) {
    const s = await style(opt, 'borderTopWidth', 'borderTopStyle', 'borderTopColor', 'borderLeftWidth', 'borderLeftStyle');
    expect(visibleLine(s.borderTopWidth, s.borderTopStyle, s.borderTopColor), `option border ${JSON.stringify(s)}`).toBe(true);
    expect(visibleLine(s.borderLeftWidth, s.borderLeftStyle, s.borderTopColor)).toBe(true);
  }
  // Buttons have a border too (their fill is gone in forced colours).
  for (const b of await page.locator('.sc-button').all()) {
    const s = await style(b, 'borderTopWidth', 'borderTopStyle', 'borderTopColor');
    expect(visibleLine(s.borderTopWidth, s.borderTopStyle, s.borderTopColor), `button border ${JSON.stringify(s)}`).toBe(true);
  }

  // Keyboard focus on each kind of control shows an outline.
  const expectOutline = async (what) => {
    const s = await page.evaluate(() => {
      const el = document.activeElement;
      const c = getComputedStyle(el);
      return { tag: el.tagName, focusVisible: el.matches(':focus-visible'), outlineStyle: c.outlineStyle, outlineWidth: c.outlineWidth, outlineColor: c.outlineColor };
    });
    expect(s.focusVisible, `${what}: :focus-visible`).toBe(true);
    expect(visibleLine(s.outlineWidth, s.outlineStyle, s.outlineColor), `${what}: outline ${JSON.stringify(s)}`).toBe(true);
  };
  await tabUntil(page, (a) => a.tag === 'a' && /\bsc-crisis-link\b/.test(a.cls), 'a crisis link');
  await expectOutline('crisis link');
  await tabUntil(page, (a) => a.tag === 'input' && a.question === 'danger', 'an answer');
  await expectOutline('radio');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Space');
  // The selected answer's option is marked beyond the radio itself, with a mark of its own
  // (a double border), not the focus ring's outline.
  const selected = page.locator('.sc-option:has(.sc-input:checked)');
  await expect(selected).toHaveCount(1);
  const sel = await style(selected, 'borderTopStyle', 'borderTopWidth', 'borderTopColor', 'outlineStyle');
  expect(visibleLine(sel.borderTopWidth, sel.borderTopStyle, sel.borderTopColor), `selected option ${JSON.stringify(sel)}`).toBe(true);
  expect(sel.borderTopStyle, 'the selected option has a double border').toBe('double');
  expect(sel.outlineStyle, 'the selected option has no outline of its own').toBe('none');
  const unselected = await style(page.locator('.sc-option:not(:has(.sc-input:checked))').first(), 'borderTopStyle');
  expect(unselected.borderTopStyle, 'only the selected option is double-bordered').not.toBe('double');
  // Change the answer to "no" and continue by keyboard: the legend takes focus with an outline.
  await answerWithKeyboard(page, 'danger', ['no']);
  await expectFocusOn(page, AFTER_NO);
  await expectOutline('legend after Continue');
  await tabUntil(page, isContinue, 'Continue');
  await expectOutline('Continue button');
});
