// Accessibility, keyboard and screen reader: a keyboard walk per outcome with focus on each
// legend or heading and never obscured, focus order, the quick exit's shortcut, and what a
// screen reader is given (fieldset and legend, descriptions, live region, no auto-advance).
import { test, expect } from '@playwright/test';
import { active, answerWithKeyboard, backButton, continueButton, fieldset, legend, result, ROUTE_PER_OUTCOME, settled, status } from '../helpers.mjs';
import { AFTER_NO, backAndForth, choose, expectFocusOn, expectOutcome, expectQuestion, FIRST_ANSWER_AFTER_NO, FULL_ROUTE, open, QUESTIONS, recordLeaving, walk } from './common.mjs';

for (const route of ROUTE_PER_OUTCOME) {
  test(`keyboard only: ${route.outcome} path, focus on each legend/heading and not obscured, Back restores`, async ({ page, context }) => {
    const left = await recordLeaving(context);
    await open(page);
    try {
      for (const [i, [qid, ids]] of route.path.entries()) {
        await expectQuestion(page, qid);
        if (i > 0) {
          await expectFocusOn(page, qid);
          const [prev, prevIds] = route.path[i - 1];
          await backAndForth(page, qid, prev, prevIds);
        }
        // Tab into the group, arrows (radios) or Tab/Shift+Tab (checkboxes), Space, Tab to Continue, Enter.
        await answerWithKeyboard(page, qid, ids);
      }
      await expect(result(page)).toHaveAttribute('data-outcome', route.outcome);
      await expectFocusOn(page, null);
    } catch (e) {
      if (left.length) throw new Error(`the keyboard walk was thrown off the page to ${left.join(', ')} (the quick exit fired)\n${e.message}`);
      throw e;
    }
    expect(left, 'navigations away from the page').toEqual([]);

    // No keyboard trap: Tab moves on through the result and out of the widget.
    const leftWidget = await (async () => {
      for (let i = 0; i < 80; i++) {
        await page.keyboard.press('Tab');
        const inside = await page.evaluate(() => !!document.activeElement?.closest('[data-self-check]'));
        if (!inside) return true;
      }
      return false;
    })();
    expect(leftWidget, 'Tab leaves the widget after its last control').toBe(true);
  });
}

test('keyboard only: focus order on a question follows the screen, top to bottom', async ({ page }) => {
  await open(page);
  await answerWithKeyboard(page, 'danger', ['no']);
  await expectFocusOn(page, AFTER_NO);
  // Shift+Tab from the legend goes up the screen, Tab goes down it.
  const seen = [];
  await page.locator('aside.sc-crisis a').first().focus();
  for (let i = 0; i < 12; i++) {
    seen.push(
      await page.evaluate(() => {
        const el = document.activeElement;
        if (!el.closest('[data-self-check]')) return 'outside';
        const tag = el.tagName.toLowerCase();
        if (tag === 'input') return `input:${el.value}`;
        if (tag === 'select') return `select:${el.id.replace(/^sc\d+-/, '')}`;
        return `${tag}:${el.textContent.trim()}`;
      }),
    );
    await page.keyboard.press('Tab');
  }
  // The language picker is shown only when the flow has more than one language.
  expect(seen.filter((s) => s !== 'select:lang').slice(0, 8)).toEqual([
    'a:call 911',
    'a:call 988',
    'a:text 988',
    'select:region',
    'button:Leave this page quickly',
    `input:${FIRST_ANSWER_AFTER_NO}`,
    'button:Continue',
    'button:Back',
  ]);
  // Shift+Tab walks the same order backwards (two presses: three are the quick exit's
  // shortcut, tested below).
  await backButton(page).focus();
  const back = [];
  for (let i = 0; i < 2; i++) {
    await page.keyboard.press('Shift+Tab');
    back.push(await page.evaluate(() => document.activeElement.textContent.trim() || document.activeElement.value));
  }
  expect(back).toEqual(['Continue', FIRST_ANSWER_AFTER_NO]);
});

test('keyboard only: three Shift+Tab presses do not trigger "leave this page quickly"', async ({ page, context }) => {
  // The quick exit listens for Shift pressed three times; moving backwards with Shift+Tab
  // must not throw a keyboard user out of the self-check (and lose their answers).
  const left = await recordLeaving(context);
  await open(page);
  await walk(page, [['danger', ['no']]]);
  await expectFocusOn(page, AFTER_NO);
  await backButton(page).focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+Tab');
  await settled(page);
  expect(left, 'navigations away from the page').toEqual([]);
  await expect(fieldset(page, AFTER_NO)).toBeVisible();
  // The shortcut itself still works: Shift alone, three times.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift');
  await expect.poll(() => left.length).toBe(1);
});

// ---------------------------------------------------------------------------------------
// Screen reader semantics

test('screen reader: fieldset+legend, described help and error, live region, result heading, no preselection, no auto-advance', async ({ page }) => {
  await open(page);
  const live = status(page);
  await expect(live).toHaveCount(1);
  await expect(live).toHaveText(/^Question 1 of about \d+$/);
  // The same node must persist: a live region added or replaced with its text is not announced.
  await live.evaluate((el) => {
    el.dataset.a11yProbe = 'original';
  });
  const said = [await live.textContent()];

  for (const [i, [qid, ids]] of FULL_ROUTE.path.entries()) {
    await expectQuestion(page, qid);
    const fs = fieldset(page, qid);
    const q = QUESTIONS[qid];
    // fieldset + legend: the group is named by its legend, the legend is its first child.
    const first = await fs.evaluate((f) => f.firstElementChild?.tagName.toLowerCase());
    expect(first).toBe('legend');
    const legendText = (await legend(page, qid).innerText()).trim();
    expect(legendText.length).toBeGreaterThan(0);
    await expect(page.getByRole('group', { name: legendText, exact: true })).toHaveCount(1);
    // Each answer is a native, labelled input; none is preselected.
    for (const input of await fs.locator('input.sc-input').all()) {
      const label = (await page.locator(`label[for="${await input.getAttribute('id')}"]`).innerText()).trim();
      await expect(input).toHaveAccessibleName(label);
      await expect(input).toHaveAttribute('type', q.type);
    }
    await expect(fs.locator('input:checked'), `${qid}: no preselected answer`).toHaveCount(0);
    // Help text (and the "select all" hint) is the group's description.
    const describedBy = async () =>
      fs.evaluate((f) => (f.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean).map((id) => document.getElementById(id)?.className ?? `missing #${id}`));
    const expected = [...(q.help ? ['sc-help'] : []), ...(q.type === 'checkbox' ? ['sc-hint'] : [])];
    expect(await describedBy(), `${qid}: aria-describedby`).toEqual(expected);
    if (q.help) {
      const help = (await fs.locator('.sc-help').innerText()).replace(/\s+/g, ' ').trim();
      await expect(fs).toHaveAccessibleDescription(new RegExp(help.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    }
    // The live region already says where we are.
    await expect(live).toHaveText(new RegExp(`^Question ${i + 1} of about \\d+$`));

    // Continue with nothing chosen: an alert, linked to the group, focus not lost.
    await continueButton(page).click();
    const error = fs.locator('p.sc-error');
    await expect(error).toHaveAttribute('role', 'alert');
    await expect(page.getByRole('alert')).toHaveText(/\S/);
    const errorId = await error.getAttribute('id');
    expect(await describedBy()).toContain('sc-error');
    expect((await fs.getAttribute('aria-describedby')).split(/\s+/)).toContain(errorId);
    const errorText = (await error.textContent()).replace(/\s+/g, ' ').trim();
    expect(errorText).toMatch(/^Error: \S/);
    await expect(fs).toHaveAccessibleDescription(new RegExp(`${errorText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
    expect((await active(page)).tag, 'focus after the error').not.toBe('body');
    await expect(fieldset(page, qid)).toBeVisible();

    // No auto-advance: choosing (pointer, then keyboard) leaves the screen as it is.
    const before = await live.textContent();
    await choose(page, qid, ids);
    await page.keyboard.press('Space'); // toggles/keeps the focused input
    if (q.type === 'checkbox') await page.keyboard.press('Space');
    if (q.type === 'radio' && q.answers.length > 1) {
      await page.keyboard.press(q.answers.indexOf(ids[0]) === 0 ? 'ArrowDown' : 'ArrowUp');
      await page.keyboard.press(q.answers.indexOf(ids[0]) === 0 ? 'ArrowUp' : 'ArrowDown');
    }
    await settled(page);
    await expect(fieldset(page, qid)).toBeVisible();
    await expect(live).toHaveText(before);
    await expect(page.locator('fieldset.sc-fieldset')).toHaveCount(1);
    await choose(page, qid, ids);

    await continueButton(page).click();
    if (i + 1 < FULL_ROUTE.path.length) {
      await expect(legend(page, FULL_ROUTE.path[i + 1][0])).toBeFocused();
    }
    // The live region is the same node, with new words.
    await expect(live).not.toHaveText(said[said.length - 1]);
    expect(await live.evaluate((el) => el.dataset.a11yProbe)).toBe('original');
    said.push(await live.textContent());
  }

  // The result: its heading takes focus and is announced through the live region.
  await expectOutcome(page, FULL_ROUTE.outcome);
  const heading = (await page.locator('h2.sc-result-heading').innerText()).trim();
  // The live region names the result; the heading says how soon (each said once).
  const title = (await page.locator('h3.sc-outcome-title').innerText()).trim();
  await expect(live).toHaveText(`Result: ${title}`);
  await expect(page.getByRole('heading', { level: 2, name: heading })).toBeFocused();
  expect(new Set(said).size, 'each screen said something new').toBe(said.length);
});
