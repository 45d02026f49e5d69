// One web host per data folder: a second one is refused with a clear message, in this process
// or another, and the lock goes with the process that held it, however it ended: a host
// killed outright (still a zombie) or a pid left in a file by an earlier version never block.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from '../../electron/web/data-dir-lock.ts';
import { startWebHost } from '../../electron/web/host.ts';
import { REPO_ROOT } from '../support/hub.ts';
import { buildRendererOnce, processState, startHost } from './host-process.ts';

const base = mkdtempSync(join(tmpdir(), 'assay-web-lock-'));
beforeAll(buildRendererOnce, 120_000);
afterAll(() => rmSync(base, { recursive: true, force: true }));

const inUse = (dir: string, pid: number) => `Another Assay web host (pid ${pid}) is using ${dir}: stop it, or start this one with another --data folder.`;

/** Waits for the /proc state of pid to satisfy check (a kill takes effect when the process next runs). */
async function untilState(pid: number, check: (state: string | null) => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (check(processState(pid))) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`pid ${pid} never became ${what} (state ${processState(pid)})`);
}

describe('data folder lock', () => {
  it('refuses a second host on the same folder until the first closes, and leaves other folders alone', async () => {
    const dir = join(base, 'shared');
    const first = await startWebHost({ dataDir: dir });
    try {
      const second = await startWebHost({ dataDir: dir }).catch((e: unknown) => e);
      expect(second).toBeInstanceOf(DataDirInUseError);
      expect((second as Error).message).toBe(inUse(dir, process.pid));
      const elsewhere = await startWebHost({ dataDir: join(base, 'other') });
      await elsewhere.close();
      expect((await fetch(`${first.origin}/api/session.status`, { method: 'POST', headers: { authorization: `Bearer ${first.token}`, 'content-type': 'application/json' }, body: '{}' })).status).toBe(200);
    } finally {
      await first.close();
    }
    const again = await startWebHost({ dataDir: dir });
    await again.close();
  });

  it('is not blocked by a pid file or a lock database naming a live, unrelated process', async () => {
    const dir = join(base, 'foreign');
    const sleeper = spawn('sleep', ['60'], { stdio: 'ignore' });
    try {
      const held = await lockDataDir(dir);
      await held.release();
      // What an earlier version left, and what a host that died leaves, both naming a pid that runs now.
      writeFileSync(join(dir, 'host.lock'), `${sleeper.pid}\n`);
      const db = new Database(join(dir, 'host.lock.db'));
      db.pragma(`user_version = ${sleeper.pid}`);
      db.close();
      const taken = await lockDataDir(dir);
      expect(existsSync(join(dir, 'host.lock'))).toBe(false);
      await expect(lockDataDir(dir)).rejects.toThrow(inUse(dir, process.pid));
      await taken.release();
    } finally {
      sleeper.kill('SIGKILL');
    }
  });

  it('names the holding process when another process holds the folder, and frees it the moment that process is killed', async () => {
    const dir = join(base, 'child');
    const holder = startHost(['--port', '0', '--data', dir]);
    await holder.ready;
    await expect(lockDataDir(dir)).rejects.toThrow(inUse(dir, holder.pid));
    holder.kill();
    await holder.exited;
    const taken = await lockDataDir(dir);
    await taken.release();
  }, 60_000);

  it('a host killed with SIGKILL is restarted at once, 20 times in a row, while each dead one is still a zombie', async () => {
    const dir = join(base, 'zombies');
    let dead: ReturnType<typeof startHost> | null = null;
    for (let round = 0; round < 20; round++) {
      const host = startHost(['--port', '0', '--data', dir], { unreaped: true });
      const ready = await host.ready.catch((err: unknown) => new Error(`round ${round}: ${(err as Error).message}`));
      expect(ready).not.toBeInstanceOf(Error);
      if (dead) {
        // The restart happened while the killed host was still there, unreaped.
        expect(processState(dead.pid)).toBe('Z');
        dead.kill();
      }
      process.kill(host.pid, 'SIGKILL');
      await untilState(host.pid, (s) => s === 'Z', 'a zombie');
      dead = host;
    }
    dead?.kill();
  }, 300_000);

  it('of two processes taking a fresh folder at the same instant, exactly one holds it, 40 folders in a row', async () => {
    // The lock alone, so rounds are cheap and many. Both takers wait for the same instants,
    // take that instant's folder, say what they got, and keep every folder they hold.
    const step = 400;
    const script = `
      import { lockDataDir } from ${JSON.stringify(join(REPO_ROOT, 'electron/web/data-dir-lock.ts'))};
      const [base, first] = process.argv.slice(-2);
      for (let k = 0; k < 40; k++) {
        while (Date.now() < Number(first) + k * ${step}) {}
        const got = await lockDataDir(base + '/' + k, { waitMs: 150 }).then(() => 'held', (err) => err.code ?? String(err));
        console.log(k + ' ' + got);
      }
      setInterval(() => {}, 60_000);`;
    const dir = join(base, 'instants');
    const first = String(Date.now() + 1_500);
    const takers = [0, 1].map(() => spawn(process.execPath, ['--input-type=module', '-e', script, dir, first], { stdio: ['ignore', 'pipe', 'inherit'] }));
    try {
      const said = await Promise.all(takers.map((p) => new Promise<string[]>((resolve, reject) => {
        let out = '';
        p.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          const lines = out.split('\n').filter(Boolean);
          if (lines.length === 40) resolve(lines);
        });
        p.once('exit', (code) => reject(new Error(`a taker exited (${code}) after saying ${JSON.stringify(out)}`)));
      })));
      for (let k = 0; k < 40; k++) {
        expect(said.map((lines) => lines[k]!.split(' ')[1]).sort(), `folder ${k}`).toEqual(['data_dir_in_use', 'held']);
      }
    } finally {
      for (const p of takers) p.kill('SIGKILL');
    }
  }, 120_000);

  it('of two hosts started at the same instant, exactly one runs and the other is refused with the clear message, every time', async () => {
    for (let round = 0; round < 6; round++) {
      const dir = join(base, `race-${round}`);
      const hosts = [startHost(['--port', '0', '--data', dir]), startHost(['--port', '0', '--data', dir])];
      const outcomes = await Promise.allSettled(hosts.map((h) => h.ready));
      const running = hosts.filter((_, i) => outcomes[i]!.status === 'fulfilled');
      const refused = hosts.filter((_, i) => outcomes[i]!.status === 'rejected');
      expect(running).toHaveLength(1);
      expect(refused).toHaveLength(1);
      expect(await refused[0]!.exited).toBe(1);
      // The loser may look in the instant before the winner wrote its pid: then no pid is named.
      expect(refused[0]!.stderr()).toMatch(
        new RegExp(`^Assay web host could not start: Another Assay web host (\\(pid ${running[0]!.pid}\\) )?is using ${dir}: stop it, or start this one with another --data folder\\.$`, 'm'),
      );
      process.kill(running[0]!.pid, 'SIGTERM');
      expect(await running[0]!.exited).toBe(0);
    }
  }, 300_000);

  it('the command line says so and starts no demo hub when the folder is taken', async () => {
    const dir = join(base, 'cli');
    const held = await lockDataDir(dir);
    try {
      const r = spawnSync(process.execPath, ['electron/web/main.ts', '--demo', '--port', '0', '--data', dir], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`Assay web host could not start: ${inUse(dir, process.pid)}`);
      expect(r.stdout).not.toContain('Assay demo hub on');
    } finally {
      await held.release();
    }
  }, 90_000);
});
