// One web host per data folder: a second one is refused with a clear message, in this process
// or another, and a lock left by a process that died is taken over.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from '../../electron/web/data-dir-lock.ts';
import { startWebHost } from '../../electron/web/host.ts';
import { REPO_ROOT } from '../support/hub.ts';

const base = mkdtempSync(join(tmpdir(), 'assay-web-lock-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const lockFile = (dir: string) => join(dir, 'host.lock');

describe('data folder lock', () => {
  it('refuses a second host on the same folder until the first closes, and leaves other folders alone', async () => {
    const dir = join(base, 'shared');
    const first = await startWebHost({ dataDir: dir });
    try {
      const second = await startWebHost({ dataDir: dir }).catch((e: unknown) => e);
      expect(second).toBeInstanceOf(DataDirInUseError);
      expect((second as Error).message).toBe(`Another Assay web host (pid ${process.pid}) is using ${dir}: stop it, or start this one with another --data folder.`);
      const elsewhere = await startWebHost({ dataDir: join(base, 'other') });
      await elsewhere.close();
      expect((await fetch(`${first.origin}/api/session.status`, { method: 'POST', headers: { authorization: `Bearer ${first.token}`, 'content-type': 'application/json' }, body: '{}' })).status).toBe(200);
    } finally {
      await first.close();
    }
    const again = await startWebHost({ dataDir: dir });
    await again.close();
  });

  it('refuses a folder held by another live process, and takes it over once that process has died', async () => {
    const dir = join(base, 'foreign');
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    const exited = new Promise((done) => sleeper.once('exit', done));
    try {
      const held = await lockDataDir(dir);
      await held.release();
      writeFileSync(lockFile(dir), `${sleeper.pid}\n`);
      await expect(lockDataDir(dir)).rejects.toThrow(`Another Assay web host (pid ${sleeper.pid}) is using ${dir}`);
    } finally {
      sleeper.kill('SIGKILL');
    }
    await exited;
    const taken = await lockDataDir(dir);
    expect(readFileSync(lockFile(dir), 'utf8').trim()).toBe(String(process.pid));
    await taken.release();
    expect(() => readFileSync(lockFile(dir))).toThrow(/ENOENT/);
  });

  it('the command line says so and starts no demo hub when the folder is taken', async () => {
    const dir = join(base, 'cli');
    const held = await lockDataDir(dir);
    try {
      const r = spawnSync(process.execPath, ['electron/web/main.ts', '--demo', '--port', '0', '--data', dir], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`Assay web host could not start: Another Assay web host (pid ${process.pid}) is using ${dir}`);
      expect(r.stdout).not.toContain('Assay demo hub on');
    } finally {
      await held.release();
    }
  }, 90_000);
});
