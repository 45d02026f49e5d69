// Keyboard travel for the e2e specs: a control is reached by pressing keys as a person would
// (Tab, Shift+Tab, the queue's row keys), never by focusing it from the test, so a control the
// keyboard cannot reach in a sensible number of presses fails the test.
import { expect, type Locator, type Page } from '@playwright/test';

/** A short name of the focused element for the failure message: its role or tag, then its name. */
const focusedName = (page: Page) => page.evaluate(() => {
  const el = document.activeElement;
  if (!el || el === document.body) return '(body)';
  const name = el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 40);
  return `${el.getAttribute('role') ?? el.tagName.toLowerCase()} "${name}"`;
});

/**
 * Presses `key` until `target` has focus, at most `max` times, then checks that it has.
 * Fails naming the target and every element the keyboard passed through on the way.
 */
export async function pressTo(page: Page, target: Locator, key: string, max: number): Promise<void> {
  const path: string[] = [];
  for (let n = 0; n < max; n += 1) {
    if (await target.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press(key);
    path.push(await focusedName(page));
  }
  await expect(target, `${String(target)} not reached within ${max} presses of ${key}; focus went ${path.join(' → ') || 'nowhere'}`).toBeFocused();
}

/** Tab (Shift+Tab with `backwards`) until `target` has focus: at most `max` presses, 20 unless told. */
export const tabTo = (page: Page, target: Locator, { max = 20, backwards = false }: { max?: number; backwards?: boolean } = {}) =>
  pressTo(page, target, backwards ? 'Shift+Tab' : 'Tab', max);

/**
 * Into the queue by Tab (its rows are one tab stop) and down the rows with ↓ to `rowButton`,
 * the way the queue's row keys are meant to be used; `rows` caps the ↓ presses.
 */
export async function rowTo(page: Page, rowButton: Locator, { rows = 10 }: { rows?: number } = {}): Promise<void> {
  const first = page.getByRole('table', { name: 'Assignments' }).getByRole('rowgroup').nth(1).getByRole('row').first().getByRole('button').first();
  await tabTo(page, first);
  await pressTo(page, rowButton, 'ArrowDown', rows);
}
