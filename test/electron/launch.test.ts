// Launches the real app in Electron with Playwright and checks the window's preferences and
// the guards from inside. Needs the Electron runtime, which the build machines cannot
// download: there the whole suite is skipped with the reason as its name.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, electronBinary } from '../../scripts/electron-binary.ts';

const SKIP_REASON =
  'Electron runtime not installed on this machine (ELECTRON_SKIP_BINARY_DOWNLOAD): launch tests need a developer machine with the electron binary';
const binary = electronBinary();
if (binary === null) console.warn(`test/electron/launch.test.ts: ${SKIP_REASON}`);

function buildIfMissing(): void {
  const vite = join(REPO_ROOT, 'node_modules/vite/bin/vite.js');
  if (!existsSync(join(REPO_ROOT, 'dist/renderer/index.html'))) spawnSync(process.execPath, [vite, 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
  if (!existsSync(join(REPO_ROOT, 'dist-electron/preload/index.cjs'))) {
    spawnSync(process.execPath, [vite, 'build', '-c', 'vite.electron.config.ts'], { cwd: REPO_ROOT, stdio: 'inherit' });
  }
}

describe.skipIf(binary === null)(binary === null ? SKIP_REASON : 'the Electron app', () => {
  const profile = mkdtempSync(join(tmpdir(), 'assay-electron-'));
  let app: ElectronApplication;
  let page: Page;

  beforeAll(async () => {
    buildIfMissing();
    app = await _electron.launch({
      executablePath: binary!,
      args: ['.', '--demo', `--user-data=${profile}`, '--accept-basic-text-keystore'],
      cwd: REPO_ROOT,
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  // Electron 45 has no public getter for a window's webPreferences: their effects are checked.
  it('opens one window on the app origin whose page has no Node, no webview and an isolated bridge', async () => {
    expect(page.url()).toMatch(/^assay:\/\/app\//);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    const effects = await page.evaluate(async () => {
      const api = (window as unknown as { assay: { call(m: string, i: unknown): Promise<{ ok: boolean }> } }).assay;
      // With context isolation, breaking the page's built-ins cannot reach the preload's
      // world (the preload checks method names with Object.hasOwn).
      const hasOwn = Object.hasOwn;
      Object.hasOwn = () => false;
      const answer = await api.call('settings.get', {});
      Object.hasOwn = hasOwn;
      return {
        webview: document.createElement('webview').constructor.name,
        isolated: answer.ok,
      };
    });
    expect(effects).toEqual({ webview: 'HTMLUnknownElement', isolated: true });
  });

  it('gives the page window.assay and nothing of Node or ipcRenderer', async () => {
    const seen = await page.evaluate(() => ({
      assay: Object.keys((window as unknown as { assay: object }).assay).sort(),
      require: typeof (globalThis as { require?: unknown }).require,
      process: typeof (globalThis as { process?: unknown }).process,
    }));
    expect(seen).toEqual({ assay: ['call', 'subscribe'], require: 'undefined', process: 'undefined' });
  });

  it('answers API calls and rejects malformed input with invalid', async () => {
    const results = await page.evaluate(async () => {
      const api = (window as unknown as { assay: { call(m: string, i: unknown): Promise<unknown> } }).assay;
      return [await api.call('session.status', {}), await api.call('draft.get', { assignmentId: '../x' })];
    });
    expect(results[0]).toMatchObject({ ok: true });
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'invalid' } });
  });

  it('sends the CSP header with the UI', async () => {
    const csp = await page.evaluate(async () => (await fetch('assay://app/index.html')).headers.get('content-security-policy'));
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
  });

  it('blocks window.open and navigation away from the app, and denies permissions', async () => {
    const opened = await page.evaluate(() => window.open('https://evil.test/') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => {
      window.location.href = 'https://evil.test/';
    });
    await page.waitForTimeout(500);
    expect(page.url()).toMatch(/^assay:\/\/app\//);
    expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
    expect(await page.evaluate(() => Notification.requestPermission())).toBe('denied');
  });
});
