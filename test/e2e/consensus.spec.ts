// A consensus round trip between two browser sessions, each the web host of one reader's own
// device, on a hub of its own: the primary reader proposes by keyboard, the second reader
// returns it with a comment, the primary proposes again, the second agrees; each screen says
// whose turn it is, and the hub's result is final with basis "consensus".
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { Loose } from '../support/hub.ts';
import { pressTo, rowTo, tabTo } from './support/keyboard.ts';
import { expectAccessibleInBothSchemes } from './support/page-checks.ts';
import { startWebHost, stopProcess, type RunningProcess } from './support/processes.ts';
import { startScoringHub, type ScoringHub } from './support/scoring-hub.ts';

test.describe.configure({ mode: 'serial' });

let hub: ScoringHub;
let browser: Browser;
const hosts: RunningProcess[] = [];
/** Each reader's own device (a web host) and browser session, by username. */
const devices = new Map<string, Page>();
const pages: Record<'primary' | 'second', Page> = {} as Record<'primary' | 'second', Page>;
let submissionId = '';

const readerOf = (intake: Loose, role: string) => String((intake.assignments as Loose[]).find((a) => a.role === role).assessorId).replace(/^u-/, '');

/** The reader's device, signed in: started on first use. */
async function device(reader: string): Promise<Page> {
  const known = devices.get(reader);
  if (known) return known;
  const web = await startWebHost(join(hub.root, `web-${reader}`));
  hosts.push(web);
  const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
  await page.goto(web.url);
  await page.getByLabel('Hub address').fill(hub.url);
  await page.getByLabel('Username').fill(reader);
  await page.getByLabel('Password').fill('demo');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Assignments' })).toBeVisible();
  devices.set(reader, page);
  return page;
}

test.beforeAll(async ({ browser: shared }) => {
  browser = shared;
  hub = await startScoringHub();
  const intake = await hub.disagreement('mc-feedback', 'cand-consensus',
    { scores: { 'c-plan': 2, 'c-engage': 2, 'c-assess': 2 }, criterionFeedback: { 'c-plan': 'A: thin plan.', 'c-engage': 'A: few take part.' } },
    { scores: { 'c-plan': 5, 'c-engage': 5, 'c-assess': 4 }, criterionFeedback: { 'c-plan': 'B: strong plan.', 'c-engage': 'B: all take part.' } });
  submissionId = intake.submission.id;
  for (const role of ['primary', 'second'] as const) pages[role] = await device(readerOf(intake, role));
});

test.afterAll(async () => {
  for (const page of devices.values()) await page.context().close();
  for (const web of hosts) await stopProcess(web.pid);
  await hub?.stop();
});

/** Back to the queue, sync, and open the consensus task again: the device shows the hub's latest round. */
async function openTask(page: Page) {
  if (await page.getByRole('button', { name: 'Back to assignments' }).isVisible()) await page.getByRole('button', { name: 'Back to assignments' }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  const row = page.getByRole('row').filter({ has: page.getByText('Consensus', { exact: true }) });
  await rowTo(page, row.getByRole('button', { name: 'cand-consensus' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Consensus: / })).toBeVisible();
}
const turn = (page: Page) => page.getByTestId('consensus-turn');

test('a second read, before both reads are in, is marked "Second read" and shows nothing of the first', async () => {
  const intake = await hub.intake('mc-feedback', 'cand-blind');
  const primary = (intake.assignments as Loose[]).find((a) => a.role === 'primary');
  const first = { 'c-plan': 'FIRST-READ: the plan names no questions.', 'c-engage': 'FIRST-READ: two pupils answer.', 'c-assess': 'FIRST-READ: no exit check.' };
  await hub.read(primary, { scores: { 'c-plan': 1, 'c-engage': 1, 'c-assess': 1 }, criterionFeedback: first, overallFeedback: 'FIRST-READ overall.' });
  const firstReader = readerOf(intake, 'primary');
  const page = await device(readerOf(intake, 'second'));
  if (await page.getByRole('button', { name: 'Back to assignments' }).isVisible()) await page.getByRole('button', { name: 'Back to assignments' }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  const row = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'cand-blind' }) });
  await expect(row).toContainText('Second read');
  await rowTo(page, row.getByRole('button', { name: 'cand-blind' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Rubric' })).toBeVisible();
  await expect(page.locator('.review-head')).toContainText('Second read');

  // Every byte of the page, text, attributes and ARIA alike, and the accessibility tree.
  const html = await page.evaluate(() => document.documentElement.outerHTML);
  const tree = JSON.stringify(await page.locator('body').ariaSnapshot());
  const firstName = `${firstReader[0]!.toUpperCase()}${firstReader.slice(1)} Assessor`;
  for (const hint of [...Object.values(first), 'FIRST-READ', firstName, `u-${firstReader}`, 'Read A', 'Read B', 'first read']) {
    expect(html, `the page holds "${hint}"`).not.toContain(hint);
    expect(tree, `the accessibility tree holds "${hint}"`).not.toContain(hint);
  }
  // None of the first read's levels: no level is chosen on a second read not yet started.
  await expect(page.locator('[role="radio"][aria-checked="true"]')).toHaveCount(0);
  await expectAccessibleInBothSchemes(page, 'second read review workspace');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Assignments' }).click();
  await expect(page.getByRole('heading', { name: 'Assignments' })).toBeVisible();
});

test('the readers reach consensus: propose, return with a comment, propose again, agree', async () => {
  const { primary, second } = pages;
  await openTask(primary);
  await expect(turn(primary)).toHaveText('Your turn: propose final levels and feedback (round 1).');
  await tabTo(primary, primary.getByRole('group', { name: 'Planning' }).getByRole('radio').first());
  await primary.keyboard.press('4');
  await primary.keyboard.press('ArrowDown');
  await primary.keyboard.press('3');
  await primary.keyboard.press('ArrowDown');
  await primary.keyboard.press('3');
  await expect(primary.getByRole('group', { name: 'Checking' }).getByRole('radio', { name: /^3 / })).toHaveAttribute('aria-checked', 'true');
  await primary.keyboard.press('Control+Enter');
  const dialog = primary.getByRole('dialog', { name: 'Propose round 1' });
  await tabTo(primary, dialog.getByRole('button', { name: 'Confirm and submit' }), { max: 5 });
  await primary.keyboard.press('Enter');
  await expect(turn(primary)).toHaveText('Waiting for the second reader to agree with round 1 or return it.', { timeout: 30_000 });

  await openTask(second);
  await expect(turn(second)).toHaveText('Your turn: agree with round 1 or return it with a comment.');
  await expect(second.getByRole('group', { name: 'Planning' }).getByRole('radio', { name: /^4 / })).toHaveAttribute('aria-checked', 'true');
  await expectAccessibleInBothSchemes(second, 'consensus task (second reader)');
  await tabTo(second, second.getByLabel('Comment for the primary reader'), { max: 30 });
  await second.keyboard.type('Engagement is higher: most pairs talk.');
  await tabTo(second, second.getByRole('button', { name: 'Return with comment' }), { max: 2 });
  await second.keyboard.press('Enter');
  await expect(turn(second)).toHaveText("You returned round 1. Waiting for the primary reader's next proposal.", { timeout: 30_000 });

  await openTask(primary);
  await expect(turn(primary)).toHaveText('The second reader returned round 1. Your turn: propose round 2.');
  await expect(primary.getByLabel("The second reader's comment")).toContainText('Engagement is higher: most pairs talk.');
  // The draft keeps round 1's levels: into Planning's checked level, ↓ to Engagement's.
  await tabTo(primary, primary.getByRole('group', { name: 'Planning' }).getByRole('radio', { name: /^4 / }));
  await pressTo(primary, primary.getByRole('group', { name: 'Engagement' }).getByRole('radio', { name: /^3 / }), 'ArrowDown', 1);
  await primary.keyboard.press('4');
  await primary.keyboard.press('Control+Enter');
  await tabTo(primary, primary.getByRole('dialog', { name: 'Propose round 2' }).getByRole('button', { name: 'Confirm and submit' }), { max: 5 });
  await primary.keyboard.press('Enter');
  await expect(turn(primary)).toHaveText('Waiting for the second reader to agree with round 2 or return it.', { timeout: 30_000 });

  await openTask(second);
  await tabTo(second, second.getByRole('button', { name: 'Agree with round 2' }), { max: 30 });
  await second.keyboard.press('Enter');
  await expect(turn(second)).toHaveText('Both readers agreed: the proposal is the final result.', { timeout: 30_000 });

  const result = await hub.call('GET', `/submissions/${submissionId}/result`, await hub.tokenOf('sam'));
  expect(result).toMatchObject({ status: 'final', basis: 'consensus' });
});
