// Double scoring end to end in Chromium, on a hub of its own (the shared demo hub's data is
// left alone): two readers disagree on a submission through the hub's API, and the master
// rater who gets the adjudication signs in to a web host of their own and adjudicates it by
// keyboard alone: B and A take a read, a digit sets their own level, Ctrl+Enter confirms.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { Loose } from '../support/hub.ts';
import { expectAccessibleInBothSchemes } from './support/page-checks.ts';
import { REPO_ROOT, startProcess, startWebHost, stopProcess, HUB_READY, type RunningProcess } from './support/processes.ts';

test.describe.configure({ mode: 'serial' });

type Json = Loose;
const FIXTURE = join(REPO_ROOT, 'test/support/fixtures/hub-fixture.json');
const READERS = ['alice', 'bob', 'carol'];
const MASTERS = ['mona', 'nick'];

let root: string;
let hub: RunningProcess;
let web: RunningProcess;
let page: Page;
let master = '';
let submissionId = '';

/** The fixture manifest with double scoring of every submission and two master raters. */
function manifest(dir: string): string {
  const m = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Json;
  for (const f of ['clip.webm', 'reflection-notes.txt']) copyFileSync(join(FIXTURE, '..', f), join(dir, f));
  for (const mc of m.microCredentials) mc.policy.doubleScoring = mc.id === 'mc-questioning' ? { mode: 'all', tolerance: 1, resolution: 'adjudication' } : { mode: 'none' };
  for (const u of m.users) if (READERS.includes(u.username)) u.qualifications = [{ microCredentialId: 'mc-questioning', calibratedUntilDays: 365 }];
  m.users = m.users.filter((u: Json) => u.username !== 'ivan');
  for (const username of MASTERS) m.users.push({ id: `u-${username}`, username, displayName: `${username} Master`, roles: ['master_rater'] });
  m.submissions = [];
  const file = join(dir, 'manifest.json');
  writeFileSync(file, JSON.stringify(m));
  return file;
}

async function call(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<Json> {
  const res = await fetch(`${hub.url}/v1${path}`, {
    method, body: body instanceof Uint8Array ? (body as Uint8Array<ArrayBuffer>) : body === undefined ? undefined : JSON.stringify(body),
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body instanceof Uint8Array ? {} : { 'content-type': 'application/json' }), ...headers },
  });
  const json = (await res.json()) as Json;
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
  return json;
}
const tokenOf = async (username: string) => (await call('POST', '/sessions', null, { username, password: 'demo', deviceName: 'e2e' })).token as string;

test.beforeAll(async ({ browser }) => {
  root = mkdtempSync(join(tmpdir(), 'assay-e2e-adjudication-'));
  hub = await startProcess('server/main.ts', ['--port', '0', '--data', join(root, 'hub'), '--seed', manifest(root)], HUB_READY);
  const bot = await tokenOf('intake-bot');
  const pdf = new Uint8Array(2048).map((_, i) => (i * 7919 + 13) % 251);
  pdf.set(new TextEncoder().encode('%PDF-1.4\n'), 0);
  const artifact = (await call('POST', '/intake/artifacts', bot, pdf, { 'content-type': 'application/pdf', 'x-filename': 'evidence.pdf' })).artifact;
  const intake = await call('POST', '/intake/submissions', bot, { candidateRef: 'cand-adjudicate', microCredentialId: 'mc-questioning', reflection: 'What I tried.', artifactIds: [artifact.id] });
  submissionId = intake.submission.id;
  const reads: Record<string, Json> = {
    primary: { scores: { 'c-plan': 2, 'c-engage': 2, 'c-assess': 2 }, criterionFeedback: { 'c-plan': 'A: thin plan.', 'c-engage': 'A: few take part.', 'c-assess': 'A: no check.' } },
    second: { scores: { 'c-plan': 5, 'c-engage': 5, 'c-assess': 4 }, criterionFeedback: { 'c-plan': 'B: strong plan.', 'c-engage': 'B: all take part.', 'c-assess': 'B: exit ticket.' } },
  };
  for (const a of intake.assignments as Json[]) {
    const token = await tokenOf(String(a.assessorId).replace(/^u-/, ''));
    await call('PUT', `/reviews/${crypto.randomUUID()}`, token, {
      assignmentId: a.id, rubricId: 'rub-teach', rubricVersion: 1, overallFeedback: 'Read.', notes: [], timeSpentSec: 300, ...reads[a.role],
    });
  }
  for (const m of MASTERS) {
    const tasks = (await call('GET', '/sync', await tokenOf(m))).assignments as Json[];
    if (tasks.some((t) => t.role === 'adjudication')) master = m;
  }
  web = await startWebHost(join(root, 'web'));
  page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
});

test.afterAll(async () => {
  await page?.context().close();
  if (web) await stopProcess(web.pid);
  if (hub) await stopProcess(hub.pid);
  rmSync(root, { recursive: true, force: true });
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
  await row.getByRole('button', { name: 'cand-adjudicate' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Adjudication: / })).toBeVisible();
  await expect(page.getByTestId('reads-c-plan')).toContainText('3 levels apart, beyond the tolerance of 1.');

  // Into the first criterion's levels, then B, ↓ A, ↓ 3 (the adjudicator's own level).
  await page.getByRole('group', { name: 'Planning' }).getByRole('radio').first().focus();
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

  await page.getByLabel('Rationale for the adjudication').focus();
  await page.keyboard.type('Planning is strong; engagement is thin in the clip.');
  await page.keyboard.press('Control+Enter');
  const dialog = page.getByRole('dialog', { name: 'Submit adjudication' });
  await expect(dialog.getByRole('button', { name: 'Confirm and submit' })).toBeEnabled();
  await dialog.getByRole('button', { name: 'Confirm and submit' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Submitted and received by the hub')).toBeVisible({ timeout: 30_000 });

  const staff = await tokenOf('sam');
  const reads = await call('GET', `/submissions/${submissionId}/reads`, staff);
  expect(reads.resolution).toMatchObject({ state: 'final', basis: 'adjudicated' });
  expect(reads.resolution.adjudication.criteria).toEqual({
    'c-plan': { level: 5, feedback: 'B: strong plan.', basis: 'second' },
    'c-engage': { level: 2, feedback: 'A: few take part.', basis: 'first' },
    'c-assess': { level: 3, feedback: 'B: exit ticket.', basis: 'own' },
  });
});
