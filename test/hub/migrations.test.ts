import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { HUB_MIGRATIONS } from '../../server/db/migrations/index.ts';
import { api, ENGINE, hubSql, makeDataDir, removeHubData, REPO_ROOT, runHubToExit, startHub } from '../support/hub.ts';
import { FIXTURE, UNDO_AFTER_004 } from './fixture-helpers.ts';

const LATEST = HUB_MIGRATIONS.length;
const versionsOf = async (dataDir: string) =>
  (await hubSql(dataDir, ['SELECT version FROM schema_migrations ORDER BY version'])).map((r) => Number(r.version));

describe(`hub database migrations (${ENGINE})`, () => {
  const dirs: string[] = [];
  const dir = () => {
    const d = makeDataDir();
    dirs.push(d);
    return d;
  };
  afterEach(async () => {
    for (const d of dirs.splice(0)) await removeHubData(d);
  });

  it('builds the whole schema in an empty database, records each step once, and reopens it', async () => {
    const dataDir = dir();
    for (let run = 0; run < 2; run++) {
      const hub = await startHub({ dataDir });
      expect((await fetch(`${hub.url}/v1/health`)).status).toBe(200);
      await hub.stop();
    }
    expect(await versionsOf(dataDir)).toEqual(HUB_MIGRATIONS.map((m) => m.version));
    const tables = ENGINE === 'sqlite'
      ? await hubSql(dataDir, ["SELECT name FROM sqlite_master WHERE type = 'table'"])
      : await hubSql(dataDir, ["SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"]);
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['assignments', 'audit_events', 'meta', 'reviews', 'submissions', 'tokens', 'users']));
  });

  it('migration 005 rewrites stored micro-credential bodies to the policy with defaults, validityItemRate read as validity.rate', async () => {
    const dataDir = dir();
    const first = await startHub({ dataDir, seed: FIXTURE });
    await first.stop();
    const old = { id: 'mc-questioning', title: 'Effective questioning', competency: 'Asks open questions', issuer: 'Test Issuer', rubricId: 'rub-teach', rubricVersion: 1,
      policy: { doubleScoring: { mode: 'none' }, validityItemRate: 0.25, slaDays: 5 } };
    await hubSql(dataDir, [...UNDO_AFTER_004, `UPDATE micro_credentials SET body = '${JSON.stringify(old)}' WHERE id = 'mc-questioning'`,
      'DELETE FROM schema_migrations WHERE version >= 5', ...(ENGINE === 'sqlite' ? ['PRAGMA user_version = 4'] : [])]);
    const hub = await startHub({ dataDir, seed: FIXTURE });
    const list = (await api(hub.url, await hub.signIn('sam')).get('/v1/micro-credentials')).body.microCredentials;
    await hub.stop();
    expect(list.find((m: { id: string }) => m.id === 'mc-questioning').policy).toEqual({
      calibration: { passMark: 0.8, measure: 'exact', maxDiscrepancy: 2, itemsPerAttempt: 3, validityDays: 365, retakeAfterHours: 24 },
      validity: { rate: 0.25, window: 10 }, doubleScoring: expect.objectContaining({ mode: 'none' }), slaDays: 5,
    });
    const [row] = await hubSql(dataDir, ["SELECT body FROM micro_credentials WHERE id = 'mc-questioning'"]);
    expect(JSON.parse(String(row!.body)).policy).not.toHaveProperty('validityItemRate');
    expect(await versionsOf(dataDir)).toEqual(HUB_MIGRATIONS.map((m) => m.version));
  });

  it('refuses a database written by a newer version, exits non-zero and leaves it untouched', async () => {
    const dataDir = dir();
    await hubSql(dataDir, [
      'CREATE TABLE schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)',
      `INSERT INTO schema_migrations (version, name, applied_at) VALUES (${LATEST + 5}, 'from-the-future', '2030-01-01T00:00:00Z')`,
    ]);
    const run = await runHubToExit({ dataDir });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringContaining(`newer version of Assay (schema ${LATEST + 5}; this version knows up to ${LATEST})`)]);
    expect(run.stdout).not.toMatch(/listening/);
    expect(await versionsOf(dataDir)).toEqual([LATEST + 5]);
  });

  if (ENGINE === 'sqlite') {
    it('refuses a SQLite file whose user_version is newer (as the first hub versions wrote it)', async () => {
      const dataDir = dir();
      const db = new Database(join(dataDir, 'hub.db'));
      db.pragma(`user_version = ${LATEST + 5}`);
      db.close();
      const run = await runHubToExit({ dataDir });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/newer version of Assay/);
      const after = new Database(join(dataDir, 'hub.db'), { readonly: true });
      expect(after.pragma('user_version', { simple: true })).toBe(LATEST + 5);
      expect(after.prepare("SELECT name FROM sqlite_master WHERE name = 'schema_migrations'").all()).toEqual([]);
      after.close();
    });

    it('upgrades a file written by the first hub version (user_version 1) and keeps its rows', async () => {
      const dataDir = dir();
      const db = new Database(join(dataDir, 'hub.db'));
      db.exec(readFileSync(join(REPO_ROOT, 'test/support/fixtures/hub-schema-v1.sql'), 'utf8'));
      db.prepare("INSERT INTO candidates (ref, school, district) VALUES ('cand-old', 'North', NULL)").run();
      db.pragma('user_version = 1');
      db.close();
      const hub = await startHub({ dataDir });
      expect((await fetch(`${hub.url}/v1/health`)).status).toBe(200);
      await hub.stop();
      expect(await versionsOf(dataDir)).toEqual(HUB_MIGRATIONS.map((m) => m.version));
      expect(await hubSql(dataDir, ["SELECT ref, school FROM candidates"])).toEqual([{ ref: 'cand-old', school: 'North' }]);
      expect(await hubSql(dataDir, ["SELECT name FROM sqlite_master WHERE name = 'assignments_one_live_per_role'"])).toHaveLength(1);
      const after = new Database(join(dataDir, 'hub.db'), { readonly: true });
      expect(after.pragma('user_version', { simple: true })).toBe(LATEST);
      expect(after.pragma('journal_mode', { simple: true })).toBe('wal');
      after.close();
    });
  }

  it('exits with usage when --data is missing', () => {
    const run = spawnSync(process.execPath, ['server/main.ts', '--port', '0'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 20_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/--data is required/);
  });
});
