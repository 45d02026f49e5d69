// Issuer staff end to end: `npm run web -- --demo`, staff1 signs in from the demo buttons,
// finds a decision, downloads the CSV of what is shown, verifies the audit chain, opens the
// decision's history and downloads its credential, all against the real demo hub.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { expect, test, type Download, type Page } from '@playwright/test';
import { startDemoHost, stopDemoHost, type DemoHost } from './support/demo-host.ts';
import { expectAccessibleInBothSchemes } from './support/page-checks.ts';
import { DEMO_HOST_START_MS, readState } from './support/processes.ts';

test.describe.configure({ mode: 'serial' });

let page: Page;
let host: DemoHost;
let candidate = '';

const count = () => page.getByTestId('decisions-count');
const rowButtons = () => page.getByTestId('decisions-scroller').getByRole('row').getByRole('button');
const downloaded = async (download: Download) => readFile((await download.path()) as string, 'utf8');

test.beforeAll(async ({ browser }) => {
  test.setTimeout(DEMO_HOST_START_MS + 60_000);
  host = await startDemoHost(join(readState().root, 'staff-web'));
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
});

test.afterAll(async () => {
  await page?.context().close();
  if (host) await stopDemoHost(host);
});

test('staff1 signs in from the demo buttons, finds a decision and downloads the CSV of what is shown', async () => {
  await page.goto(host.url);
  await page.getByRole('region', { name: 'Demo accounts' }).getByRole('button', { name: 'Sign in as Demo Issuer Staff' }).click();
  await expect(page.getByRole('heading', { name: 'Decisions' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('button')).toHaveText(['Decisions', 'Audit log', 'Policy', 'Reliability', 'Turnaround', 'Settings']);
  await expect(count()).toHaveText(/^\d+ decisions? loaded/);
  candidate = (await rowButtons().first().textContent()) ?? '';
  expect(candidate).toMatch(/^cand-/);

  await page.getByLabel('Candidate ref').fill(candidate);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(count()).toHaveText(/^\d+ decisions? loaded$/);
  const shown = await rowButtons().allTextContents();
  expect(shown.length).toBeGreaterThan(0);
  expect(shown.every((c) => c === candidate)).toBe(true);
  await expectAccessibleInBothSchemes(page, 'staff decisions (demo)');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^decisions-\d{4}-\d{2}-\d{2}\.csv$/);
  const records = parse(await downloaded(download), { columns: true }) as Record<string, string>[];
  expect(records.map((r) => r.candidateRef)).toEqual(shown);
});

test('the audit log verifies the chain now and shows the latest signed checkpoint', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Audit log' }).click();
  await page.getByRole('button', { name: 'Verify now' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'events verify' })).toHaveText(/^All \d+ events verify/);
  await expect(page.getByTestId('chain-badge')).toHaveText(/^Chain verified \(\d+ events\)$/);
  await expect(page.getByTestId('latest-checkpoint')).toHaveText(/^Latest signed checkpoint: seq \d+, signed /);
  await expect(page.getByTestId('audit-count')).toHaveText(/^\d+ events shown/);
  await expectAccessibleInBothSchemes(page, 'staff audit log (demo)');
});

test('the decision opens from the keyboard with its history, reads and a verified chain', async () => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Decisions' }).click();
  await page.getByLabel('Candidate ref').fill(candidate);
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await rowButtons().first().focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: new RegExp(`^Decision on ${candidate}, attempt \\d+$`) })).toBeVisible();
  const timeline = page.getByRole('list', { name: 'History' }).getByRole('listitem');
  await expect(timeline.first()).toContainText('Submission received');
  await expect(timeline.filter({ hasText: 'Read submitted' })).not.toHaveCount(0);
  const reads = page.getByRole('region', { name: 'Reads by criterion' });
  await expect(reads).toBeVisible();
  // Criteria by their titles and each read's level with its label, from the rubric version the read used.
  for (const title of await reads.getByRole('rowheader').allTextContents()) expect(title).not.toMatch(/^[a-z0-9-]+$/);
  const levels = await reads.locator('.read-level').allTextContents();
  expect(levels.length).toBeGreaterThan(0);
  for (const level of levels) expect(level).toMatch(/^Level \d: [A-Z][a-z]+( [A-Z][a-z]+)?$/);
  await expect(page.getByTestId('chain-badge')).toHaveText(/^Chain verified/);
  await expectAccessibleInBothSchemes(page, 'staff decision (demo)');
});

test('an earned decision’s credential downloads as JSON and as its JWT', async () => {
  await page.getByRole('button', { name: 'Back to decisions' }).click();
  await page.getByRole('button', { name: 'Clear' }).click();
  await page.getByLabel('Decision', { exact: true }).selectOption({ label: 'Earned' });
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(count()).toHaveText(/^\d+ decisions? loaded/);
  await rowButtons().first().click();
  const json = page.getByRole('button', { name: 'Download JSON' });
  await expect(json).toBeVisible();
  const [jsonFile] = await Promise.all([page.waitForEvent('download'), json.click()]);
  const credential = JSON.parse(await downloaded(jsonFile)) as { type: string[]; credentialSubject: unknown };
  expect(credential.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
  const [jwtFile] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download JWT' }).click()]);
  const jwt = await downloaded(jwtFile);
  expect(jwt.split('.')).toHaveLength(3);
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
  expect(payload.credentialSubject).toEqual(credential.credentialSubject);
});
