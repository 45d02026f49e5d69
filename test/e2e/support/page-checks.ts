import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { REPO_ROOT } from './processes.ts';

export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'];

/** axe-core on the whole page, in the current colour scheme: zero violations allowed. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  const found = result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(' ')).join('\n  ')}`);
  expect(found, `axe violations on ${screen}`).toEqual([]);
}

/** The same check in the light and the dark scheme (contrast differs between them). */
export async function expectAccessibleInBothSchemes(page: Page, screen: string): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expectAccessible(page, `${screen} (${colorScheme})`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

export async function saveScreen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(REPO_ROOT, 'test-results/screens', `${name}.png`) });
}

export const videoTime = (page: Page) => page.evaluate(() => document.querySelector('video')?.currentTime ?? -1);
