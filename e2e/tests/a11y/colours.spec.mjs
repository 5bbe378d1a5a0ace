// Issue 29, point 3: forced colours and dark mode. In forced colours the chosen answer and
// the focused control carry different marks (a double Highlight border, the outline); in
// dark mode the native controls follow (`color-scheme`).
import { test, expect } from '@playwright/test';
import { fieldset } from '../helpers.mjs';

test('in forced colours the chosen answer is marked apart from the focus ring', async ({ page }) => {
  await page.emulateMedia({ forcedColors: 'active' });
  await page.goto('/embed.html?region=us');
  const option = fieldset(page, 'danger').locator('.sc-option').filter({ has: page.locator('input[value="no"]') });
  await option.locator('label').click();
  await page.keyboard.press('Tab');
  const marks = await page.evaluate(() => {
    const chosen = document.querySelector('.sc-option:has(input:checked)');
    const focused = document.activeElement;
    const cs = (el) => getComputedStyle(el);
    return {
      chosenBorder: cs(chosen).borderTopStyle,
      chosenOutline: cs(chosen).outlineStyle,
      focusTag: focused.tagName,
      focusOutline: cs(focused).outlineStyle,
      focusBorder: cs(focused).borderTopStyle,
    };
  });
  expect(marks.focusTag).toBe('BUTTON');
  expect(marks.chosenBorder).toBe('double');
  expect(marks.chosenOutline).toBe('none');
  expect(marks.focusOutline).toBe('solid');
  expect(marks.focusBorder).not.toBe('double');
});

test('in dark mode the native controls are dark too', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/embed.html?region=us');
  await expect(fieldset(page, 'danger')).toBeVisible();
  const scheme = await page.evaluate(() => getComputedStyle(document.querySelector('fieldset input')).colorScheme);
  expect(scheme).toBe('light dark');
});
