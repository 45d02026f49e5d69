// The staff screens in Chromium over an in-page API (support/synthetic-staff-api.ts): the
// virtualised decisions table with 10,000 rows, its keyboard, and axe in the light and dark
// schemes for every screen, the failed-verification red state and the offline state.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessibleInBothSchemes, saveScreensInBothSchemes } from './support/page-checks.ts';
import { readState } from './support/processes.ts';
import { installSyntheticStaffApi, type SyntheticStaff } from './support/synthetic-staff-api.ts';

const open = async (page: Page, hash: string, opts: SyntheticStaff) => {
  await page.addInitScript(installSyntheticStaffApi, opts);
  await page.goto(`${readState().webUrl}/${hash}`);
};
const domRows = (page: Page) => page.getByTestId('decisions-scroller').getByRole('row');
const count = (page: Page) => page.getByTestId('decisions-count');

test('10,000 decisions page in as the list scrolls, with only a bounded number of rows in the DOM', async ({ page }) => {
  await open(page, '#/decisions', { decisions: 10_000, badSeq: null, offline: false });
  await expect(count(page)).toHaveText('200 decisions loaded, more on the hub');
  const scroller = page.getByTestId('decisions-scroller');
  let most = 0;
  for (let round = 0; round < 200; round++) {
    const text = (await count(page).textContent()) ?? '';
    if (text === '10000 decisions loaded') break;
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const loaded = Number(text.split(' ')[0]);
    await expect(count(page)).not.toHaveText(new RegExp(`^${loaded} decisions`), { timeout: 30_000 });
    most = Math.max(most, await domRows(page).count());
  }
  await expect(count(page)).toHaveText('10000 decisions loaded');
  await expect(page.getByRole('table', { name: 'Decisions' })).toHaveAttribute('aria-rowcount', '10001');
  await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(domRows(page).last()).toContainText('cand-09999');
  most = Math.max(most, await domRows(page).count());
  expect(most).toBeGreaterThan(5);
  expect(most).toBeLessThan(80);
});

test('the keyboard alone moves along the decisions and opens one with Enter', async ({ page }) => {
  await open(page, '#/decisions', { decisions: 300, badSeq: null, offline: false });
  await page.getByRole('button', { name: 'Clear' }).focus();
  await page.keyboard.press('Tab');
  const first = domRows(page).first().getByRole('button');
  await expect(first).toBeFocused();
  await expect(first).toHaveText('cand-00000');
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-index="1"] button')).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.locator('[data-index="199"] button')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(first).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Decision on cand-00001, attempt 1' })).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/decision/sub-1');
});

test('every staff screen is axe-clean in light and dark, verified, broken and offline', async ({ page }) => {
  await open(page, '#/decisions', { decisions: 50, badSeq: null, offline: false });
  await expect(count(page)).toHaveText('50 decisions loaded');
  await expectAccessibleInBothSchemes(page, 'decisions');
  await saveScreensInBothSchemes(page, 'staff-decisions');
  await page.goto(`${readState().webUrl}/#/decision/sub-3`);
  await expect(page.getByRole('button', { name: 'Download JWT' })).toBeVisible();
  await expect(page.getByTestId('chain-badge')).toHaveText('Chain verified (240 events)');
  await expectAccessibleInBothSchemes(page, 'decision');
  await saveScreensInBothSchemes(page, 'staff-decision');
  await page.getByRole('button', { name: 'Audit log' }).click();
  await expect(page.getByTestId('audit-count')).toHaveText('100 events shown, more on the hub');
  await expectAccessibleInBothSchemes(page, 'audit log');
  await saveScreensInBothSchemes(page, 'staff-audit');
});

test('a chain that fails verification is a red state naming the first bad seq, axe-clean in both schemes', async ({ page }) => {
  await open(page, '#/audit', { decisions: 10, badSeq: 57, offline: false });
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Verification failed at seq 57.');
  const colours = await alert.evaluate((el) => ({ border: getComputedStyle(el).borderTopColor, text: getComputedStyle(el).color }));
  expect(colours.border).toBe('rgb(179, 38, 30)');
  expect(colours.text).toBe('rgb(179, 38, 30)');
  await expect(page.getByRole('row', { name: 'seq 57: first bad entry' })).toBeVisible();
  await expectAccessibleInBothSchemes(page, 'audit log, verification failed');
  await saveScreensInBothSchemes(page, 'staff-audit-failed');
});

test('with the hub unreachable, each staff screen says so plainly, axe-clean in both schemes', async ({ page }) => {
  await open(page, '#/decisions', { decisions: 10, badSeq: null, offline: true });
  await expect(page.getByRole('alert')).toContainText('The hub cannot be reached. This screen works only online');
  await expectAccessibleInBothSchemes(page, 'decisions offline');
  await page.getByRole('button', { name: 'Audit log' }).click();
  await expect(page.getByRole('alert')).toHaveCount(3);
  await expect(page.getByTestId('chain-badge')).toHaveText('Chain not verified: hub unreachable');
  await expectAccessibleInBothSchemes(page, 'audit offline');
  await saveScreensInBothSchemes(page, 'staff-offline');
});
