// Builds the Electron main and preload bundles with the project's Vite config and boots the
// main bundle under Node with a fake 'electron' module: the composition root, the CommonJS
// interop of its externals and the demo hub are exercised without the Electron runtime.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { createBuilder } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secureWebPreferences } from '../../electron/main/security.ts';
import { REPO_ROOT } from '../support/hub.ts';

// Inside the repo (dist-electron/ is ignored) so the bundle resolves node_modules.
mkdirSync(join(REPO_ROOT, 'dist-electron'), { recursive: true });
const out = mkdtempSync(join(REPO_ROOT, 'dist-electron', 'test-'));
type Boot = Record<string, unknown> & { window: { options: Record<string, unknown>; url: string; sent: [string, string][] } };
let boot: Boot;

beforeAll(async () => {
  const builder = await createBuilder({
    configFile: join(REPO_ROOT, 'vite.electron.config.ts'),
    root: REPO_ROOT,
    logLevel: 'warn',
    environments: { electronMain: { build: { outDir: join(out, 'main') } }, electronPreload: { build: { outDir: join(out, 'preload') } } },
  });
  await builder.buildApp();
  const run = spawnSync(process.execPath, [join(REPO_ROOT, 'test/electron/fixtures/boot-main-bundle.ts'), join(out, 'main/index.cjs'), REPO_ROOT], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  if (run.status !== 0 || !line.startsWith('{')) throw new Error(`boot failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  boot = JSON.parse(line) as Boot;
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the bundled Electron main process', () => {
  it('bundles to CommonJS with only the allowed packages left external', () => {
    const main = readFileSync(join(out, 'main/index.cjs'), 'utf8');
    // Node's own modules (a dependency may name one without the node: prefix, as csv-stringify
    // does with 'stream') are part of Electron's runtime, not packages to ship.
    const packages = new Set([...main.matchAll(/require\("([^"]+)"\)|import\("([^"]+)"\)/g)].map((m) => m[1] ?? m[2]).filter((p) => !p!.startsWith('node:') && !builtinModules.includes(p!)));
    expect([...packages].sort()).toEqual(['better-sqlite3', 'electron', 'electron-store', 'pg']);
    const preload = readFileSync(join(out, 'preload/index.cjs'), 'utf8');
    expect([...preload.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1])).toEqual(['electron']);
  });

  it('takes the single-instance lock and registers the privileged assay scheme', () => {
    expect(boot.singleInstanceAsked).toBe(true);
    expect(boot.schemes).toEqual([{ scheme: 'assay', privileges: expect.objectContaining({ standard: true, secure: true, stream: true, supportFetchAPI: true }) }]);
  });

  it('opens a hidden window with the secure preferences and the preload, on the app origin', () => {
    expect(boot.window.options).toMatchObject({ show: false, webPreferences: secureWebPreferences(join(REPO_ROOT, 'dist-electron/preload/index.cjs')) });
    expect(boot.window.url).toBe('assay://app/index.html');
  });

  it('answers IPC from the app only, validates input, and reaches the embedded demo hub', () => {
    expect(boot.demoAccounts).toEqual(['assessor1', 'assessor2', 'assessor3', 'assessor4', 'master1', 'staff1']);
    expect(boot.foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(boot.invalid).toMatchObject({ ok: false, error: { code: 'invalid' } });
    expect(boot.signIn).toMatchObject({ ok: true, value: { user: { id: 'u-assessor1' } } });
    expect(boot.window.sent.length).toBeGreaterThan(0);
    expect(boot.window.sent.every(([channel]) => channel === 'assay:event')).toBe(true);
  });

  it('serves the protocol GET-only and guards every new webContents', () => {
    expect(boot.protocol).toEqual({ post: 405, allow: 'GET, HEAD', media: 404 });
    expect(boot.prevented).toEqual(['https://evil.test/']);
  });

  it('closes the workstation and the demo hub before quitting', () => {
    expect(boot.quitPrevented).toBe(true);
    expect(boot.exitCode).toBe(0);
    expect(boot.errors).toEqual([]);
  });
});
