// `npm run web -- --demo` end to end: the web host with its own demo hub, signed in with a
// one-click demo account; then the queue's filters, sort and keyboard, and the PDF viewer; then
// master1 adjudicates the demo's one disagreement by keyboard alone (this spec's own demo hub).
// Demo Assessor 1's queue (resources/demo/README.md): 10 assignments, 3 reads submitted ("Submitted,
// synced": the two decided first attempts and the primary read of the consensus task) and 7 not
// started (the two resubmissions, three second reads, the consensus task, a validity item); 4 on
// Questioning, 6 on Formative Assessment; the Questioning resubmission (cand-7F3K2, attempt 2) is overdue.
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startDemoHost, stopDemoHost, type DemoHost } from './support/demo-host.ts';
import { expectAccessibleInBothSchemes, inkedShare, saveScreensInBothSchemes } from './support/page-checks.ts';
import { pressTo, tabTo } from './support/keyboard.ts';
import { DEMO_HOST_START_MS, isAlive, readState } from './support/processes.ts';

test.describe.configure({ mode: 'serial' });

let page: Page;
let host: DemoHost;

const queueCount = () => page.getByTestId('queue-count');
const queueRows = () => page.getByRole('table', { name: 'Assignments' }).getByRole('rowgroup').nth(1).getByRole('row');
const candidates = () => queueRows().getByRole('button').allTextContents();
const statusBar = () => page.getByRole('status', { name: 'Workstation status' });
const PDF_CANVAS = '.pdf-page canvas';

test.beforeAll(async ({ browser }) => {
  test.setTimeout(DEMO_HOST_START_MS + 60_000);
  // With past work, as `npm run web -- --demo` has it: the live queues depend on it (the
  // history holds Questioning's first 50 submissions, so first_n double-scores no live one).
  host = await startDemoHost(join(readState().root, 'demo-web'));
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
});

test.afterAll(async () => {
  await page?.context().close();
  if (host) await stopDemoHost(host);
});

test('under --demo, the sign-in screen prefills the demo hub and signs in with one click', async () => {
  await page.goto(host.url);
  await expect(page.getByRole('heading', { name: 'Sign in to Assay' })).toBeVisible();
  await expect(page.getByLabel('Hub address')).toHaveValue(host.hubUrl);
  const accounts = page.getByRole('region', { name: 'Demo accounts' }).getByRole('button');
  await expect(accounts).toHaveText(['Sign in as Demo Assessor 1', 'Sign in as Demo Assessor 2', 'Sign in as Demo Assessor 3 (calibration lapsed)', 'Sign in as Demo Assessor 4 (new)', 'Sign in as Demo Master Rater', 'Sign in as Demo Issuer Staff']);
  await expectAccessibleInBothSchemes(page, 'demo sign in');
  await saveScreensInBothSchemes(page, 'sign-in-demo');

  await accounts.first().click();
  await expect(page.getByRole('heading', { name: 'Assignments' })).toBeVisible();
  await expect(page.getByRole('banner')).toContainText('Demo Assessor 1');
  await expect(queueCount()).toHaveText('10 of 10 assignments');
  await expect(statusBar()).toContainText(/100% \(\d+ of \d+ files\)/, { timeout: 60_000 });
});

test('the queue filters by state, micro-credential and overdue, and sorts by another column', async () => {
  const state = page.getByLabel('State');
  const mc = page.getByLabel('Micro-credential');
  await state.selectOption({ label: 'Not started' });
  await expect(queueCount()).toHaveText('7 of 10 assignments');
  await expect(queueRows().filter({ hasNotText: 'Not started' })).toHaveCount(0);
  await state.selectOption({ label: 'Submitted, synced' });
  await expect(queueCount()).toHaveText('3 of 10 assignments');
  await expect(queueRows().filter({ hasText: 'Submitted, synced' })).toHaveCount(3);

  await state.selectOption({ label: 'All' });
  await mc.selectOption({ label: 'Questioning to Deepen Student Thinking' });
  await expect(queueCount()).toHaveText('4 of 10 assignments');
  await expect(queueRows().filter({ hasNotText: 'Questioning to Deepen Student Thinking' })).toHaveCount(0);
  await state.selectOption({ label: 'Not started' });
  await expect(queueCount()).toHaveText('3 of 10 assignments');
  // By due date: the overdue resubmission, then the second reads of assessor4's probation work.
  await expect(queueRows()).toHaveText([/cand-7F3K2.*2 \(resubmission\)/, /cand-H6W2R.*Second read/, /cand-M1Y5F.*Second read/]);
  await saveScreensInBothSchemes(page, 'queue-filtered');

  await state.selectOption({ label: 'All' });
  await mc.selectOption({ label: 'All' });
  await page.getByLabel('Overdue only').check();
  await expect(queueCount()).toHaveText('1 of 10 assignments');
  await expect(queueRows()).toHaveText([/cand-7F3K2.*2 \(resubmission\).*[Oo]verdue/]);
  await mc.selectOption({ label: 'Using Formative Assessment Data to Adjust Instruction' });
  await expect(queueCount()).toHaveText('0 of 10 assignments');
  await expect(page.getByText('No assignments match these filters.')).toBeVisible();
  await expectAccessibleInBothSchemes(page, 'empty queue');
  await saveScreensInBothSchemes(page, 'queue-empty');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(queueCount()).toHaveText('10 of 10 assignments');
  await expect(page.getByLabel('Overdue only')).not.toBeChecked();

  const byDue = await candidates();
  await page.getByLabel('Sort by').selectOption({ label: 'Candidate' });
  await page.getByLabel('Order').selectOption({ label: 'Descending' });
  await expect.poll(candidates).not.toEqual(byDue);
  const descending = await candidates();
  // Ten rows: the validity item's made-up ref sorts anywhere among the eight candidates (the
  // consensus task's candidate has two rows: its primary read and the consensus task).
  expect(descending).toHaveLength(10);
  expect(descending).toEqual([...descending].sort().reverse());
  expect(descending).toContain('cand-R2H8W');
  await page.getByLabel('Order').selectOption({ label: 'Ascending' });
  await expect.poll(async () => (await candidates())[0]).toBe(descending.at(-1));
  expect(await candidates()).toEqual([...descending].reverse().sort());
});

test('from the filters, the keyboard alone reaches a row, moves along the rows and opens one with Enter', async () => {
  await page.getByLabel('Order').selectOption({ label: 'Descending' });
  await expect.poll(async () => (await candidates()).length).toBe(10);
  // The PDF test below needs cand-R2H8W open (assessor1's second read of it); the validity item may sort above it.
  const target = (await candidates()).indexOf('cand-R2H8W');
  expect(target).toBeGreaterThanOrEqual(0);
  await page.getByLabel('Order').focus();
  await page.keyboard.press('Tab');
  const first = queueRows().nth(0).getByRole('button');
  await expect(first).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(queueRows().nth(1).getByRole('button')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(first).toBeFocused();
  for (let n = 0; n < target; n += 1) await page.keyboard.press('ArrowDown');
  const row = queueRows().nth(target).getByRole('button');
  await expect(row).toBeFocused();
  const assignmentId = await row.getAttribute('data-assignment');
  expect(assignmentId).toBeTruthy();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('region', { name: 'Rubric' })).toBeVisible();
  expect(decodeURIComponent(new URL(page.url()).hash)).toBe(`#/review/${assignmentId}`);
  await expect(page.getByText(/^Candidate cand-R2H8W/)).toBeVisible();
});

test('a PDF document renders in the app and its pages turn by button, keyboard and shortcut', async () => {
  await page.getByRole('navigation', { name: 'Evidence items' }).getByRole('button', { name: /Document/ }).click();
  const pageNumber = page.locator('.pdf-toolbar [aria-live]');
  await expect(pageNumber).toHaveText('Page 1 of 3');
  const canvas = page.locator(PDF_CANVAS);
  await expect(canvas).toHaveAccessibleName(/student-work\.pdf, page 1 of 3$/);
  await expect.poll(() => inkedShare(page, PDF_CANVAS)).toBeGreaterThan(0.005);
  const firstPage = await canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL());
  const previous = page.getByRole('button', { name: 'Previous page' });
  const next = page.getByRole('button', { name: 'Next page' });
  await expect(previous).toBeDisabled();
  await expectAccessibleInBothSchemes(page, 'pdf viewer');

  await next.focus();
  await page.keyboard.press('Enter');
  await expect(pageNumber).toHaveText('Page 2 of 3');
  await expect(canvas).toHaveAccessibleName(/page 2 of 3$/);
  await expect(previous).toBeEnabled();
  await expect.poll(() => canvas.evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(firstPage);
  await expect.poll(() => inkedShare(page, PDF_CANVAS)).toBeGreaterThan(0.005);
  await saveScreensInBothSchemes(page, 'pdf-viewer');
  // A page is taller than the pane: the page controls stay in view while it scrolls.
  await page.locator('.pane-evidence').evaluate((pane) => pane.scrollTo(0, pane.scrollHeight));
  await expect(page.locator('.pdf-page')).not.toBeInViewport({ ratio: 1 });
  await expect(next).toBeInViewport({ ratio: 1 });
  await saveScreensInBothSchemes(page, 'pdf-viewer-scrolled');

  // The review's seek shortcuts turn pages while a document is shown.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('ArrowRight');
  await expect(pageNumber).toHaveText('Page 3 of 3');
  await expect(next).toBeDisabled();
  await page.keyboard.press('ArrowLeft');
  await expect(pageNumber).toHaveText('Page 2 of 3');
  await previous.focus();
  await page.keyboard.press('Space');
  await expect(pageNumber).toHaveText('Page 1 of 3');
});

test('master1 signs in and adjudicates the demo disagreement (sub-06) by keyboard alone; the hub holds it final, adjudicated', async () => {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to Assay' })).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Sign in as Demo Master Rater' }), { max: 15 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('banner')).toContainText('Demo Master Rater');
  // One adjudication among master1's work (the master and calibration assignments).
  await expect(queueRows().filter({ hasText: 'Adjudication' })).toHaveCount(1);
  const adjudication = queueRows().filter({ hasText: 'Adjudication' }).getByRole('button');
  await expect(adjudication).toHaveText('cand-L5V1N');
  await tabTo(page, queueRows().first().getByRole('button'));
  await pressTo(page, adjudication, 'ArrowDown', 10);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Adjudication: Questioning to Deepen Student Thinking' })).toBeVisible();
  await expect(page.getByTestId('reads-q-probing')).toContainText('2 levels apart, beyond the tolerance of 1.');

  // Past the header and the evidence (the clip's player controls among it) into the first criterion.
  const criteria = ['q-higher-order', 'q-wait-time', 'q-probing', 'q-reflection'];
  await tabTo(page, page.locator(`#criterion-${criteria[0]}`).getByRole('radio').first(), { max: 30 });
  for (const [i, id] of criteria.entries()) {
    if (i > 0) await page.keyboard.press('ArrowDown');
    await page.keyboard.press(id === 'q-probing' ? 'b' : 'a');
    await expect(page.getByTestId(`basis-${id}`)).toHaveText(id === 'q-probing' ? 'Final: Taken from Read B' : 'Final: Taken from Read A');
  }
  await tabTo(page, page.getByLabel('Rationale for the adjudication'), { max: 10 });
  await page.keyboard.type('Probing: the second student is not asked for a clue from the text.');
  await page.keyboard.press('Control+Enter');
  const confirm = page.getByRole('dialog', { name: 'Submit adjudication' }).getByRole('button', { name: 'Confirm and submit' });
  await expect(confirm).toBeEnabled();
  await tabTo(page, confirm, { max: 5 });
  await page.keyboard.press('Enter');
  await expect(page.getByText('Submitted and received by the hub')).toBeVisible({ timeout: 30_000 });

  const hub = async (path: string, token?: string, body?: unknown) => {
    const res = await fetch(`${host.hubUrl}/v1${path}`, {
      method: body ? 'POST' : 'GET', body: body ? JSON.stringify(body) : undefined,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    expect(res.ok, `${path} answers ${res.status}`).toBe(true);
    return (await res.json()) as Record<string, unknown>;
  };
  const { token } = await hub('/sessions', undefined, { username: 'staff1', password: 'demo', deviceName: 'e2e' });
  const result = await hub('/submissions/sub-06/result', String(token));
  expect(result).toMatchObject({ status: 'final', basis: 'adjudicated' });
  expect((result.criteria as { criterionId: string; level: number }[]).find((c) => c.criterionId === 'q-probing')).toMatchObject({ level: 2 });
});

test('stopping the demo web host also stops its demo hub', async () => {
  expect(isAlive(host.hubPid)).toBe(true);
  await stopDemoHost(host);
  expect(isAlive(host.pid)).toBe(false);
  await expect.poll(() => isAlive(host.hubPid), { timeout: 10_000 }).toBe(false);
});
