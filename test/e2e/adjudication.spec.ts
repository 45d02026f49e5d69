// Double scoring end to end in Chromium, on a hub of its own (the shared demo hub's data is
// left alone): two readers disagree on a submission through the hub's API, and the master
// rater who gets the adjudication signs in to a web host of their own and adjudicates it by
// keyboard alone: a reader's note seeks the clip, B and A take a read, a digit sets their own
// level, Ctrl+Enter confirms.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Loose } from '../support/hub.ts';
import { pressTo, tabTo } from './support/keyboard.ts';
import { expectAccessibleInBothSchemes, videoTime } from './support/page-checks.ts';
import { startWebHost, stopProcess, type RunningProcess } from './support/processes.ts';
import { MASTERS, startScoringHub, type ScoringHub } from './support/scoring-hub.ts';

test.describe.configure({ mode: 'serial' });

let hub: ScoringHub;
let web: RunningProcess;
let page: Page;
let master = '';
let submissionId = '';

test.beforeAll(async ({ browser }) => {
  hub = await startScoringHub();
  // A clip with both readers' notes on it: a moment from Read A, a stretch (a clip) from Read B.
  const intake = await hub.intake('mc-questioning', 'cand-adjudicate', { video: true });
  const clip = (intake.submission.artifacts as Loose[]).find((a) => a.kind === 'video').id;
  const reads: Record<string, Loose> = {
    primary: { scores: { 'c-plan': 2, 'c-engage': 2, 'c-assess': 2 }, criterionFeedback: { 'c-plan': 'A: thin plan.', 'c-engage': 'A: few take part.', 'c-assess': 'A: no check.' }, notes: [{ artifactId: clip, atSec: 0.6, text: 'One pupil answers.' }] },
    second: { scores: { 'c-plan': 5, 'c-engage': 5, 'c-assess': 4 }, criterionFeedback: { 'c-plan': 'B: strong plan.', 'c-engage': 'B: all take part.', 'c-assess': 'B: exit ticket.' }, notes: [{ artifactId: clip, atSec: 0.3, endSec: 0.9, text: 'Pairs talk throughout.' }] },
  };
  for (const a of intake.assignments as Loose[]) await hub.read(a, reads[a.role as string] as Loose);
  submissionId = intake.submission.id;
  for (const m of MASTERS) {
    const tasks = (await hub.call('GET', '/sync', await hub.tokenOf(m))).assignments as { role: string }[];
    if (tasks.some((t) => t.role === 'adjudication')) master = m;
  }
  web = await startWebHost(join(hub.root, 'web'));
  page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
});

test.afterAll(async () => {
  await page?.context().close();
  if (web) await stopProcess(web.pid);
  await hub?.stop();
});

test('the master rater adjudicates a disagreement by keyboard alone', async () => {
  expect(master).not.toBe('');
  await page.goto(web.url);
  await page.getByLabel('Hub address').fill(hub.url);
  await page.getByLabel('Username').fill(master);
  await page.getByLabel('Password').fill('demo');
  await page.keyboard.press('Enter');
  const row = page.getByRole('row').filter({ hasText: 'Adjudication' });
  await expect(row).toHaveCount(1);
  await tabTo(page, row.getByRole('button', { name: 'cand-adjudicate' }), { max: 12 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Adjudication: / })).toBeVisible();
  await expect(page.getByTestId('reads-c-plan')).toContainText('3 levels apart, beyond the tolerance of 1.');

  // The evidence on the left, with each read's notes; a note's time seeks the clip, as in a review.
  const notes = page.getByRole('region', { name: 'Evidence' }).getByRole('list', { name: 'All notes' }).getByRole('button');
  await expect(notes).toHaveText(['0:00 Read A: One pupil answers. clip.webm', '0:00–0:00 Read B: Pairs talk throughout. clip.webm']);
  await tabTo(page, notes.nth(1), { max: 20 });
  await page.keyboard.press('Enter');
  await expect.poll(() => videoTime(page)).toBeCloseTo(0.3, 1);
  await pressTo(page, notes.nth(0), 'Shift+Tab', 1);
  await page.keyboard.press('Enter');
  await expect.poll(() => videoTime(page)).toBeCloseTo(0.6, 1);

  // Into the first criterion's levels, then B, ↓ A, ↓ 3 (the adjudicator's own level).
  await tabTo(page, page.getByRole('group', { name: 'Planning' }).getByRole('radio').first(), { max: 12 });
  await page.keyboard.press('b');
  await expect(page.getByTestId('basis-c-plan')).toHaveText('Final: Taken from Read B');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('a');
  await expect(page.getByTestId('basis-c-engage')).toHaveText('Final: Taken from Read A');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('b');
  await page.keyboard.press('3');
  await expect(page.getByTestId('basis-c-assess')).toHaveText('Final: Your own');
  await expect(page.getByRole('group', { name: 'Checking' }).getByRole('radio', { name: /^3 / })).toHaveAttribute('aria-checked', 'true');
  await expectAccessibleInBothSchemes(page, 'adjudication workspace');

  await tabTo(page, page.getByLabel('Rationale for the adjudication'), { max: 10 });
  await page.keyboard.type('Planning is strong; engagement is thin in the clip.');
  await page.keyboard.press('Control+Enter');
  const dialog = page.getByRole('dialog', { name: 'Submit adjudication' });
  await expect(dialog.getByRole('button', { name: 'Confirm and submit' })).toBeEnabled();
  await tabTo(page, dialog.getByRole('button', { name: 'Confirm and submit' }), { max: 5 });
  await page.keyboard.press('Enter');
  await expect(page.getByText('Submitted and received by the hub')).toBeVisible({ timeout: 30_000 });

  const staff = await hub.tokenOf('sam');
  const reads = await hub.call('GET', `/submissions/${submissionId}/reads`, staff);
  expect(reads.resolution).toMatchObject({ state: 'final', basis: 'adjudicated' });
  expect(reads.resolution.adjudication.criteria).toEqual({
    'c-plan': { level: 5, feedback: 'B: strong plan.', basis: 'second' },
    'c-engage': { level: 2, feedback: 'A: few take part.', basis: 'first' },
    'c-assess': { level: 3, feedback: 'B: exit ticket.', basis: 'own' },
  });
});
