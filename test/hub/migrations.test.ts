import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_MIGRATIONS } from '../../server/db/migrations/index.ts';
import { makeDataDir, REPO_ROOT, runHubToExit, startHub } from '../support/hub.ts';

describe('hub database migrations', () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = makeDataDir();
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it('builds the schema from an empty folder, in WAL mode, and reopens it', async () => {
    const dataDir = dir();
    for (let run = 0; run < 2; run++) {
      const hub = await startHub({ dataDir });
      expect((await fetch(`${hub.url}/v1/health`)).status).toBe(200);
      await hub.stop();
    }
    const db = new Database(join(dataDir, 'hub.db'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(HUB_MIGRATIONS.length);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all().map((t) => t.name);
    expect(tables).toEqual(expect.arrayContaining(['assignments', 'audit_events', 'meta', 'reviews', 'submissions', 'tokens', 'users']));
    db.close();
  });

  it('refuses a database written by a newer version, exits non-zero and leaves it untouched', async () => {
    const dataDir = dir();
    const db = new Database(join(dataDir, 'hub.db'));
    db.pragma(`user_version = ${HUB_MIGRATIONS.length + 5}`);
    db.close();
    const run = await runHubToExit({ dataDir });
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/newer version of Assay/);
    expect(run.stdout).not.toMatch(/listening/);
    const after = new Database(join(dataDir, 'hub.db'), { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(HUB_MIGRATIONS.length + 5);
    after.close();
  });

  it('exits with usage when --data is missing', () => {
    const run = spawnSync(process.execPath, ['server/main.ts', '--port', '0'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--data is required/);
  });
});
