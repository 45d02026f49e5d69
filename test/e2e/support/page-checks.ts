import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { AXE_TAGS } from '../../support/axe-tags.ts';
import { REPO_ROOT } from './processes.ts';

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

/** `<name>.png` in the light scheme and `<name>-dark.png` in the dark one, to look at both. */
export async function saveScreensInBothSchemes(page: Page, name: string): Promise<void> {
  await saveScreen(page, name);
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreen(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Share of a canvas's pixels that are not (near) white: > 0 once pdf.js has drawn a page. */
export const inkedShare = (page: Page, selector: string) => page.evaluate((sel) => {
  const canvas = document.querySelector<HTMLCanvasElement>(sel);
  const context = canvas && canvas.width > 0 ? canvas.getContext('2d') : null;
  if (!canvas || !context) return 0;
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) if ((data[i] as number) + (data[i + 1] as number) + (data[i + 2] as number) < 600) inked += 1;
  return inked / (data.length / 4);
}, selector);
