// A consensus round trip between two browser sessions, each the web host of one reader's own
// device, on a hub of its own: the primary reader proposes by keyboard, the second reader
// returns it with a comment, the primary proposes again, the second agrees; each screen says
// whose turn it is, and the hub's result is final with basis "consensus".
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Loose } from '../support/hub.ts';
import { expectAccessibleInBothSchemes } from './support/page-checks.ts';
import { startWebHost, stopProcess, type RunningProcess } from './support/processes.ts';
import { startScoringHub, type ScoringHub } from './support/scoring-hub.ts';

test.describe.configure({ mode: 'serial' });

let hub: ScoringHub;
const hosts: RunningProcess[] = [];
const pages: Record<'primary' | 'second', Page> = {} as Record<'primary' | 'second', Page>;
let submissionId = '';

test.beforeAll(async ({ browser }) => {
  hub = await startScoringHub();
  const intake = await hub.disagreement('mc-feedback', 'cand-consensus',
    { scores: { 'c-plan': 2, 'c-engage': 2, 'c-assess': 2 }, criterionFeedback: { 'c-plan': 'A: thin plan.', 'c-engage': 'A: few take part.' } },
    { scores: { 'c-plan': 5, 'c-engage': 5, 'c-assess': 4 }, criterionFeedback: { 'c-plan': 'B: strong plan.', 'c-engage': 'B: all take part.' } });
  submissionId = intake.submission.id;
  for (const role of ['primary', 'second'] as const) {
    const reader = String((intake.assignments as Loose[]).find((a) => a.role === role).assessorId).replace(/^u-/, '');
    const web = await startWebHost(join(hub.root, `web-${role}`));
    hosts.push(web);
    const page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.goto(web.url);
    await page.getByLabel('Hub address').fill(hub.url);
    await page.getByLabel('Username').fill(reader);
    await page.getByLabel('Password').fill('demo');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { name: 'Assignments' })).toBeVisible();
    pages[role] = page;
  }
});

test.afterAll(async () => {
  for (const page of Object.values(pages)) await page.context().close();
  for (const web of hosts) await stopProcess(web.pid);
  await hub?.stop();
});

/** Back to the queue, sync, and open the consensus task again: the device shows the hub's latest round. */
async function openTask(page: Page) {
  if (await page.getByRole('button', { name: 'Back to assignments' }).isVisible()) await page.getByRole('button', { name: 'Back to assignments' }).click();
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(page.getByRole('button', { name: 'Sync now' })).toBeEnabled();
  const row = page.getByRole('row').filter({ has: page.getByText('Consensus', { exact: true }) });
  await row.getByRole('button', { name: 'cand-consensus' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Consensus: / })).toBeVisible();
}
const turn = (page: Page) => page.getByTestId('consensus-turn');

test('the readers reach consensus: propose, return with a comment, propose again, agree', async () => {
  const { primary, second } = pages;
  await openTask(primary);
  await expect(turn(primary)).toHaveText('Your turn: propose final levels and feedback (round 1).');
  await primary.getByRole('group', { name: 'Planning' }).getByRole('radio').first().focus();
  await primary.keyboard.press('4');
  await primary.keyboard.press('ArrowDown');
  await primary.keyboard.press('3');
  await primary.keyboard.press('ArrowDown');
  await primary.keyboard.press('3');
  await expect(primary.getByRole('group', { name: 'Checking' }).getByRole('radio', { name: /^3 / })).toHaveAttribute('aria-checked', 'true');
  await primary.keyboard.press('Control+Enter');
  const dialog = primary.getByRole('dialog', { name: 'Propose round 1' });
  await dialog.getByRole('button', { name: 'Confirm and submit' }).focus();
  await primary.keyboard.press('Enter');
  await expect(turn(primary)).toHaveText('Waiting for the second reader to agree with round 1 or return it.', { timeout: 30_000 });

  await openTask(second);
  await expect(turn(second)).toHaveText('Your turn: agree with round 1 or return it with a comment.');
  await expect(second.getByRole('group', { name: 'Planning' }).getByRole('radio', { name: /^4 / })).toHaveAttribute('aria-checked', 'true');
  await expectAccessibleInBothSchemes(second, 'consensus task (second reader)');
  await second.getByLabel('Comment for the primary reader').fill('Engagement is higher: most pairs talk.');
  await second.getByRole('button', { name: 'Return with comment' }).click();
  await expect(turn(second)).toHaveText("You returned round 1. Waiting for the primary reader's next proposal.", { timeout: 30_000 });

  await openTask(primary);
  await expect(turn(primary)).toHaveText('The second reader returned round 1. Your turn: propose round 2.');
  await expect(primary.getByLabel("The second reader's comment")).toContainText('Engagement is higher: most pairs talk.');
  await primary.getByRole('group', { name: 'Engagement' }).getByRole('radio', { name: /^3 / }).focus();
  await primary.keyboard.press('4');
  await primary.keyboard.press('Control+Enter');
  await primary.getByRole('dialog', { name: 'Propose round 2' }).getByRole('button', { name: 'Confirm and submit' }).click();
  await expect(turn(primary)).toHaveText('Waiting for the second reader to agree with round 2 or return it.', { timeout: 30_000 });

  await openTask(second);
  await second.getByRole('button', { name: 'Agree with round 2' }).click();
  await expect(turn(second)).toHaveText('Both readers agreed: the proposal is the final result.', { timeout: 30_000 });

  const result = await hub.call('GET', `/submissions/${submissionId}/result`, await hub.tokenOf('sam'));
  expect(result).toMatchObject({ status: 'final', basis: 'consensus' });
});
