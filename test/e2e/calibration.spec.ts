// Calibration end to end (issue #10): the built UI in Chromium, its own web host, the shared
// hub with the demo data. master1 scores with rationales and publishes; assessor3 (expired)
// starts an attempt, scores it offline, comes back online, reads the comparison with the
// master's rationales, is qualified again, and live work opens. The steps depend on each other.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessibleInBothSchemes } from './support/page-checks.ts';
import { masterLevelsFor } from './support/hub-db.ts';
import { readState, startHub, startWebHost, stopProcess, writeState, type RunningProcess } from './support/processes.ts';

test.describe.configure({ mode: 'serial' });

let page: Page;
let web: RunningProcess;
const state = readState();

const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name });
const statusBar = () => page.getByRole('status', { name: 'Workstation status' });
const saveStatus = () => page.getByRole('status', { name: 'Save status' });
const rubric = () => page.getByRole('region', { name: 'Rubric' });
const rows = () => page.getByRole('table', { name: 'Assignments' }).getByRole('row');

async function signIn(username: string) {
  await page.goto(web.url);
  await page.getByLabel('Hub address').fill(state.hubUrl);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(statusBar()).toContainText('Online');
}

async function signOut() {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Assay' })).toBeVisible();
}

/** Scores every criterion of the open review at the given levels (or its top level but one), by keyboard. */
async function scoreAll(levels: Record<string, number> | null, text: (title: string) => Record<string, string>) {
  const groups = rubric().getByRole('group');
  const count = await groups.count();
  for (let i = 0; i < count; i += 1) {
    const group = groups.nth(i);
    const title = (await group.getByRole('heading').textContent()) ?? '';
    const id = ((await group.getAttribute('id')) ?? '').replace(/^criterion-/, '');
    const level = levels?.[id] ?? (await group.getByRole('radio').count()) - 1;
    await group.getByRole('radio', { name: new RegExp(`^${level} `) }).click();
    for (const [label, value] of Object.entries(text(title))) await group.getByLabel(label).fill(value);
  }
  await expect(saveStatus()).toHaveText('Saved');
}

async function submit() {
  await page.getByRole('button', { name: 'Submit review' }).click();
  const dialog = page.getByRole('dialog', { name: 'Submit review' });
  await dialog.getByRole('button', { name: 'Confirm and submit' }).click();
  await expect(dialog).toBeHidden();
}

test.beforeAll(async ({ browser }) => {
  web = await startWebHost(join(state.root, 'web-calibration'));
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
});

test.afterAll(async () => {
  await page.context().close();
  await stopProcess(web.pid);
});

test('master1 scores both master assignments with a rationale per criterion, then publishes the set', async () => {
  await signIn('master1');
  await nav('Master scoring').click();
  await expect(page.getByRole('heading', { name: 'Master scoring' })).toBeVisible();
  // Two open master reads, one per draft set; the published sets' six are submitted.
  const master = rows().filter({ hasText: 'Master scoring' });
  await expect(master.filter({ hasText: 'Not started' })).toHaveCount(2, { timeout: 30_000 });
  await expect(master).toHaveCount(8);
  for (let n = 0; n < 2; n += 1) {
    await rows().filter({ hasText: 'Master scoring' }).filter({ hasText: 'Not started' }).first().getByRole('button').first().click();
    await expect(rubric()).toBeVisible();
    await scoreAll(null, (title) => ({ [`Rationale for ${title}`]: `Master rationale for ${title}: the evidence matches this level's descriptor.` }));
    if (n === 0) await expectAccessibleInBothSchemes(page, 'master review');
    await submit();
    await expect(saveStatus()).toHaveText('Submitted and received by the hub', { timeout: 30_000 });
    await page.getByRole('button', { name: 'Back to assignments' }).click();
  }

  await nav('Calibration sets').click();
  const publish = page.getByRole('listitem').filter({ has: page.getByRole('button', { name: 'Publish' }) }).first();
  await expect(publish).toContainText('1 of 1 item master-scored');
  await publish.getByRole('button', { name: 'Publish' }).click();
  await expect(page.getByRole('listitem').filter({ hasText: 'Published' }).first()).toBeVisible();
  await expectAccessibleInBothSchemes(page, 'calibration sets');
  await signOut();
});

let calibrationIds: string[] = [];

test('assessor3 (expired) sees live work locked, starts an attempt, and its items download', async () => {
  await signIn('assessor3');
  await expect(rows().filter({ hasText: 'Qualification expired' }).first()).toBeVisible({ timeout: 30_000 });
  await nav('Calibration').click();
  const row = page.getByRole('listitem').filter({ hasText: 'Questioning to Deepen Student Thinking' });
  await expect(row).toContainText('Expired on');
  await expectAccessibleInBothSchemes(page, 'calibration');
  await row.getByRole('button', { name: 'Start calibration' }).click();
  await expect(row.getByRole('status')).toContainText('marked “Calibration”');
  await nav('Assignments').click();
  const items = rows().filter({ hasText: 'Calibration' }).filter({ hasText: 'Questioning' });
  await expect(items.first()).toBeVisible();
  await expect(items.filter({ hasText: 'Downloaded' })).toHaveCount(await items.count(), { timeout: 60_000 });
  calibrationIds = await items.getByRole('button').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-assignment') ?? '').filter(Boolean));
  expect(calibrationIds.length).toBeGreaterThan(0);
});

test('offline, assessor3 scores every calibration item in the ordinary workspace', async () => {
  // The levels the master gave, so that this assessor agrees and requalifies.
  const levels = Object.fromEntries(calibrationIds.map((id) => [id, masterLevelsFor(state.hubDataDir, id)]));
  await stopProcess(state.hubPid);
  // The workstation learns the hub is gone from its next request; a sync asks at once.
  await page.getByRole('button', { name: 'Sync now' }).click();
  await expect(statusBar()).toContainText('Offline', { timeout: 30_000 });
  for (const id of calibrationIds) {
    await page.locator(`[data-assignment="${id}"]`).click();
    await expect(rubric()).toBeVisible();
    await scoreAll(levels[id] ?? null, (title) => ({ [`Feedback for ${title}`]: `Feedback on ${title}.` }));
    await submit();
    await expect(saveStatus()).toHaveText('Submitted: waiting to reach the hub');
    await page.getByRole('button', { name: 'Back to assignments' }).click();
  }
  await expect(statusBar()).toContainText(`${calibrationIds.length} pending in outbox`);
});

test('back online, the results compare levels with the master\'s rationales, and live work opens', async () => {
  const hub = await startHub(state.hubPort, state.hubDataDir);
  state.hubPid = hub.pid;
  writeState(state);
  await expect(statusBar()).toContainText('0 pending in outbox', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Sync now' }).click();
  await nav('Calibration').click();
  const results = page.getByRole('region', { name: /Calibration results/ });
  await expect(results).toContainText('Passed', { timeout: 30_000 });
  await expect(results.getByRole('columnheader', { name: "Master's rationale" }).first()).toBeVisible();
  // The attempt draws from the seeded anchors and the item master1 scored above, at random.
  await expect(results).toContainText(/Level \d \(|Master rationale for/);
  await expect(results).toContainText(/You are qualified until/);
  await expectAccessibleInBothSchemes(page, 'calibration results');
  await expect(page.getByRole('listitem').filter({ hasText: 'Questioning to Deepen Student Thinking' })).toContainText('Current until');

  await nav('Assignments').click();
  const live = rows().filter({ hasText: 'Questioning' }).filter({ hasNotText: 'Calibration' }).filter({ hasText: 'Not started' });
  await expect(live.first()).toBeVisible();
  await expect(live.filter({ hasText: 'Qualification expired' })).toHaveCount(0);
  await live.first().getByRole('button').first().click();
  await expect(rubric()).toBeVisible();
  await signOut();
});
