// The assessor's day, end to end: the built UI in Chromium, the web host, a real hub with the
// demo data. One page walks through the steps in order (they depend on each other).
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible, expectAccessibleInBothSchemes, saveScreen, saveScreensInBothSchemes, videoTime } from './support/page-checks.ts';
import { hubCounts } from './support/hub-db.ts';
import { readState, startHub, stopProcess, writeState } from './support/processes.ts';

test.describe.configure({ mode: 'serial' });

let page: Page;
const state = readState();
let reviewed = '';

const nav = (name: string) => page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name });
const statusBar = () => page.getByRole('status', { name: 'Workstation status' });
const saveStatus = () => page.getByRole('status', { name: 'Save status' });
const rubric = () => page.getByRole('region', { name: 'Rubric' });
const criteria = () => rubric().getByRole('group');
const assignmentIdInUrl = () => decodeURIComponent(new URL(page.url()).hash.replace('#/review/', ''));

async function openRow(rows: Locator): Promise<string> {
  await rows.first().getByRole('button').click();
  await expect(rubric()).toBeVisible();
  return assignmentIdInUrl();
}

async function blur() {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
}

const queueRows = () => page.getByRole('table', { name: 'Assignments' }).getByRole('row');
// Reads to review (a second read is one too); the consensus task opens a screen of its own.
const downloadedFirstAttempts = () => queueRows().filter({ hasText: 'Downloaded' }).filter({ hasText: 'Not started' }).filter({ hasNotText: 'resubmission' })
  .filter({ hasNotText: 'Consensus' });

test.beforeAll(async ({ browser }) => {
  // axe needs a page from an explicit context.
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
});

test.afterAll(async () => {
  await page.context().close();
});

test('sign in: clear messages for a wrong password and an unreachable hub, then the batch downloads', async () => {
  await page.goto(state.webUrl);
  await expect(page.getByRole('heading', { name: 'Sign in to Assay' })).toBeVisible();
  expect(page.url()).not.toContain('token=');
  await expect(statusBar()).toContainText('Signed out');
  await expectAccessibleInBothSchemes(page, 'sign in');
  await saveScreensInBothSchemes(page, 'sign-in');

  await page.getByLabel('Hub address').fill(state.hubUrl);
  await page.getByLabel('Username').fill('assessor1');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password.');

  await page.getByLabel('Hub address').fill('http://127.0.0.1:9');
  await page.getByLabel('Password').fill('demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toContainText('Cannot reach the hub at http://127.0.0.1:9');
  await saveScreen(page, 'sign-in-error');

  await page.getByLabel('Hub address').fill(state.hubUrl);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Assignments' })).toBeVisible();
  await expect(statusBar()).toContainText('Online');
  const overall = page.getByRole('progressbar', { name: 'Downloads' });
  await expect(overall).toBeVisible();
  await expect(statusBar()).toContainText(/100% \(\d+ of \d+ files\)/, { timeout: 60_000 });
  await expect(overall).toHaveAttribute('value', '100');
  await expect(queueRows().filter({ hasText: 'Downloaded' }).first()).toBeVisible();
  await expectAccessibleInBothSchemes(page, 'queue');
  await saveScreensInBothSchemes(page, 'queue');
});

test('the video plays, seeks and changes speed', async () => {
  reviewed = await openRow(downloadedFirstAttempts());
  await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
  await blur();
  await page.keyboard.press('Space');
  await expect.poll(() => videoTime(page)).toBeGreaterThan(0.5);
  await page.keyboard.press('k');
  const paused = await videoTime(page);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => videoTime(page)).toBeGreaterThan(paused + 2);
  await page.keyboard.press('j');
  await expect.poll(() => videoTime(page)).toBeLessThan(0.5);
  await page.keyboard.press('Period');
  await expect.poll(() => videoTime(page)).toBeCloseTo(1 / 30, 2);

  await page.getByTestId('video-host').hover();
  await page.locator('.vjs-playback-rate button').click();
  await page.locator('.vjs-playback-rate .vjs-menu-item', { hasText: /^1\.5x/ }).click();
  expect(await page.evaluate(() => document.querySelector('video')?.playbackRate)).toBe(1.5);
  await expectAccessibleInBothSchemes(page, 'review');
  await saveScreensInBothSchemes(page, 'review');
});

test('every criterion is scored by keyboard alone, with feedback typed', async () => {
  await blur();
  await page.keyboard.press('ArrowUp');
  const count = await criteria().count();
  expect(count).toBeGreaterThan(1);
  for (let i = 0; i < count; i += 1) {
    const group = criteria().nth(i);
    const points = await group.getByRole('radio').count();
    const level = points - 1;
    await page.keyboard.press(String(level));
    await expect(group.getByRole('radio', { name: new RegExp(`^${level} `) })).toHaveAttribute('aria-checked', 'true');
    await page.keyboard.press('Tab');
    await expect(group.getByRole('textbox')).toBeFocused();
    await page.keyboard.type(`Evidence for criterion ${i + 1} is clear.`);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowDown');
  }
  await expect(saveStatus()).toHaveText('Saved');
  await expect(page.getByTestId('decision')).not.toHaveText('Incomplete');

  await blur();
  await page.keyboard.press('Shift+Slash');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expectAccessible(page, 'cheat sheet');
  await saveScreensInBothSchemes(page, 'cheat-sheet');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  // "?" as German (Shift+ß, code Minus) and French (Shift+, on the M key) keyboards send it,
  // through Chromium's own input pipeline (CDP), not a key position.
  const cdp = await page.context().newCDPSession(page);
  const shift = 8;
  for (const [code, virtualKey] of [['Minus', 219], ['KeyM', 188]] as const) {
    await blur();
    const keyEvent = { key: '?', code, modifiers: shift, windowsVirtualKeyCode: virtualKey };
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: '?', ...keyEvent });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...keyEvent });
    await expect(sheet).toBeVisible();
    await expect(sheet.getByText('Show keyboard shortcuts').locator('xpath=preceding-sibling::dt')).toHaveText('?');
    await page.keyboard.press('Escape');
    await expect(sheet).toBeHidden();
  }
  // Esc and "?" at once: input outruns the dialog's queued close event, which must not then
  // shut the sheet that "?" opened again (seen on a loaded machine).
  const question = { key: '?', code: 'Slash', modifiers: shift, windowsVirtualKeyCode: 191 };
  const escape = { key: 'Escape', code: 'Escape', windowsVirtualKeyCode: 27 };
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: '?', ...question });
  await expect(sheet).toBeVisible();
  await Promise.all([
    cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', ...escape }),
    cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...escape }),
    cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: '?', ...question }),
    cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...question }),
  ]);
  await page.waitForTimeout(300); // time for the stale close event to arrive
  await expect(sheet).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
  await cdp.detach();
});

test('a note is added at the current time and clicking it seeks back', async () => {
  await blur();
  await page.keyboard.press('j');
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => videoTime(page)).toBeGreaterThan(2);
  const at = await videoTime(page);
  await page.keyboard.press('n');
  await expect(page.getByLabel('Note text')).toBeFocused();
  await page.keyboard.type('Teacher waits before taking answers');
  await page.getByLabel('Criterion', { exact: true }).selectOption({ index: 1 });
  await page.getByRole('button', { name: 'Save note' }).click();
  const note = page.getByRole('list', { name: 'All notes' }).getByRole('button', { name: /^\d+:\d+ Teacher waits/ });
  await expect(note).toBeVisible();
  await expect(saveStatus()).toHaveText('Saved');
  await expect(page.locator('.note-marker')).toHaveCount(1);

  await blur();
  await page.keyboard.press('j');
  await expect.poll(() => videoTime(page)).toBeLessThan(0.5);
  await note.click();
  await expect.poll(() => videoTime(page)).toBeCloseTo(Math.round(at * 10) / 10, 0);
});

test('a reload mid-review keeps the draft', async () => {
  const before = await criteria().evaluateAll((groups) => groups.map((g) => g.querySelector('[aria-checked="true"]')?.textContent));
  await page.reload();
  await expect(rubric()).toBeVisible();
  expect(assignmentIdInUrl()).toBe(reviewed);
  const after = await criteria().evaluateAll((groups) => groups.map((g) => g.querySelector('[aria-checked="true"]')?.textContent));
  expect(after).toEqual(before);
  expect(after.every((label) => typeof label === 'string')).toBe(true);
  await expect(criteria().first().getByRole('textbox')).toHaveValue('Evidence for criterion 1 is clear.');
  await expect(page.getByRole('list', { name: 'All notes' })).toContainText('Teacher waits before taking answers');
});

test('submitted while the hub is down, the review waits in the outbox and arrives exactly once', async () => {
  await stopProcess(state.hubPid);
  await page.keyboard.press('Control+Enter');
  const dialog = page.getByRole('dialog', { name: 'Submit review' });
  await expect(dialog).toBeVisible();
  await expectAccessible(page, 'submit dialog');
  await saveScreensInBothSchemes(page, 'submit-dialog');
  await dialog.getByRole('button', { name: 'Confirm and submit' }).click();
  await expect(dialog).toBeHidden();
  await expect(saveStatus()).toHaveText('Submitted: waiting to reach the hub');
  await expect(statusBar()).toContainText('1 pending in outbox');
  await expect(statusBar()).toContainText('Offline', { timeout: 30_000 });
  await expect(criteria().first().getByRole('radio').first()).toHaveAttribute('aria-disabled', 'true');
  await saveScreen(page, 'review-pending');
  expect(hubCounts(state.hubDataDir, reviewed).reviews).toBe(0);

  const hub = await startHub(state.hubPort, state.hubDataDir);
  state.hubPid = hub.pid;
  writeState(state);
  await expect(statusBar()).toContainText('0 pending in outbox', { timeout: 60_000 });
  await expect(saveStatus()).toHaveText('Submitted and received by the hub', { timeout: 30_000 });
  expect(hubCounts(state.hubDataDir, reviewed)).toMatchObject({ reviews: 1, submittedEvents: 1 });
});

test('a resubmission shows the previous attempt with its met criteria locked', async () => {
  await nav('Assignments').click();
  // The demo's second Formative Assessment attempt carries a captions file with its video.
  await openRow(queueRows().filter({ hasText: 'resubmission' }).filter({ hasText: 'Downloaded' }).filter({ hasText: 'Formative' }));
  await expect(page.getByText(/^Resubmission: attempt 2/)).toBeVisible();
  const locked = criteria().filter({ hasText: 'Met on attempt 1' });
  expect(await locked.count()).toBeGreaterThan(0);
  await expect(locked.first().getByRole('radio', { checked: true })).toHaveAttribute('aria-disabled', 'true');
  await expect(locked.first().getByRole('textbox')).toHaveAttribute('readonly', '');
  await expect(criteria().filter({ hasText: 'Attempt 1:' })).toHaveCount(await criteria().count());
  await expect(page.getByRole('navigation', { name: 'Evidence items' }).getByText('New').first()).toBeVisible();
  const captions = () => page.evaluate(() => {
    const player = (document.querySelector('.video-host > .video-js') as (Element & { player?: { textTracks(): ArrayLike<{ kind: string; mode: string; cues: ArrayLike<unknown> | null }> } }) | null)?.player;
    const track = player?.textTracks()[0];
    return track ? `${track.kind} ${track.mode} ${track.cues?.length ?? 0}` : 'none';
  });
  await expect.poll(captions).toMatch(/^captions showing [1-9]/);
  await expectAccessibleInBothSchemes(page, 'resubmission');
  await saveScreensInBothSchemes(page, 'resubmission');

  // Attempt 1's video, downloaded after the current files, plays beside the rubric for comparison.
  const earlier = page.getByRole('list', { name: 'Attempt 1 (for comparison)' });
  const oldVideo = earlier.getByRole('button', { name: /^Video/ });
  await expect(oldVideo).not.toContainText('downloading', { timeout: 30_000 });
  const src = () => page.evaluate(() => document.querySelector('video')?.currentSrc ?? '');
  const currentSrc = await src();
  await oldVideo.click();
  await expect(page.getByText(/is from attempt 1, shown for comparison/)).toBeVisible();
  await expect.poll(src).not.toBe(currentSrc);
  await page.waitForFunction(() => (document.querySelector('video')?.readyState ?? 0) >= 2);
  await expect(page.getByRole('button', { name: 'Add note at current time' })).toBeDisabled();
  await expectAccessibleInBothSchemes(page, 'resubmission-previous-attempt');
  await saveScreensInBothSchemes(page, 'resubmission-previous-attempt');
});

test('a conflict of interest recuses the assignment', async () => {
  await nav('Assignments').click();
  const recused = await openRow(downloadedFirstAttempts());
  await page.getByRole('button', { name: 'I have a conflict of interest' }).click();
  const dialog = page.getByRole('dialog', { name: 'Conflict of interest' });
  await dialog.getByLabel('Reason').fill('The candidate teaches at my school.');
  await expectAccessible(page, 'recuse dialog');
  await saveScreen(page, 'recuse-dialog');
  await dialog.getByRole('button', { name: 'Recuse me' }).click();
  await expect(page.getByRole('heading', { name: 'Assignments' })).toBeVisible();
  await expect.poll(() => hubCounts(state.hubDataDir, recused).recusals, { timeout: 60_000 }).toBe(1);
});

test('settings: speed, shortcuts, cache and hub address', async () => {
  await nav('Settings').click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByLabel('Hub address')).toHaveValue(state.hubUrl.replace(/\/$/, '') + (state.hubUrl.endsWith('/') ? '/' : ''));
  await page.getByLabel('Default playback speed').selectOption('1.25');
  await page.getByLabel('Next criterion').fill('shift+j');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status', { name: 'Settings status' })).toHaveText('Settings saved');
  await expectAccessibleInBothSchemes(page, 'settings');
  await saveScreensInBothSchemes(page, 'settings');
});
