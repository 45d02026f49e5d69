// Passwords with control characters are refused at sign-in and when seeding: scrypt's HMAC step
// pads short keys with zero bytes, so "demo\u0000" would otherwise open the account "demo" opens.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, ENGINE, hubSql, makeDataDir, removeHubData, runHubToExit, startHub, type RunningHub } from '../support/hub.ts';
import { FIXTURE } from './fixture-helpers.ts';

const UNICODE_PASSWORD = 'Pässwörd-日本語-🔑-ﬁ';
const REFUSED = ['demo\u0000', 'demo\u0000\u0000', '\u0000demo', 'de\u001fmo', 'demo\u007f', 'demo\u0085', 'demo\n', 'demo\t'];

/** The fixture's accounts (no seeded submissions) plus `extra`, written to a temporary manifest. */
function manifestWith(dir: string, extra: Record<string, unknown>): string {
  const manifest = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { users: unknown[]; submissions: unknown[] };
  manifest.users.push(extra);
  manifest.submissions = [];
  const file = join(dir, 'manifest.json');
  writeFileSync(file, JSON.stringify(manifest));
  return file;
}

const signIn = (url: string, username: string, password: string) => api(url).post('/v1/sessions', { username, password, deviceName: 'laptop' });

describe('passwords with control characters', () => {
  let dir: string;
  let hub: RunningHub;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'assay-pw-'));
    hub = await startHub({ seed: manifestWith(dir, { id: 'u-uma', username: 'uma', displayName: 'Uma Unicode', roles: ['assessor'], password: UNICODE_PASSWORD }) });
  });
  afterAll(async () => {
    await hub?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(REFUSED.map((p) => [JSON.stringify(p), p]))('refuses %s at sign-in with 422 invalid naming the password', async (_label, password) => {
    const res = await signIn(hub.url, 'bob', password);
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('invalid');
    expect(res.body.error.details).toEqual([{ path: 'password', message: 'must not contain control characters' }]);
  });

  it('refuses the same for an account with a password of its own, and for an unknown user', async () => {
    for (const [username, password] of [['ivan', 'ivan-secret-pw\u0000'], ['nobody', 'x\u0000']] as const) {
      const res = await signIn(hub.url, username, password);
      expect(res.status).toBe(422);
      expect(res.body.error.details[0].path).toBe('password');
    }
  });

  it('still signs in with the plain password, and with a unicode one', async () => {
    expect((await signIn(hub.url, 'bob', 'demo')).status).toBe(201);
    expect((await signIn(hub.url, 'uma', UNICODE_PASSWORD)).status).toBe(201);
    // NFKC: the ligature "ﬁ" and the letters "fi" are the same password.
    expect((await signIn(hub.url, 'uma', UNICODE_PASSWORD.replace('ﬁ', 'fi'))).status).toBe(201);
    expect((await signIn(hub.url, 'uma', UNICODE_PASSWORD.slice(0, -1))).status).toBe(401);
  });

  it('refuses to seed an account whose password holds a control character, and starts nothing', async () => {
    const dataDir = makeDataDir();
    try {
      const manifest = manifestWith(dir, { id: 'u-nul', username: 'nul', displayName: 'Nul', roles: ['assessor'], password: 'secret\u0000' });
      const run = await runHubToExit({ seed: manifest, dataDir });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/password: must not contain control characters/);
      // Nothing is left behind: the failed first start dropped every table the migrations made
      // (a table missing from the drop list stays, or on PostgreSQL blocks the drop of its parent).
      const tables = await hubSql(dataDir, [ENGINE === 'postgres'
        ? 'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()'
        : "SELECT name FROM sqlite_master WHERE type = 'table'"]);
      expect(tables).toEqual([]);
    } finally {
      await removeHubData(dataDir);
    }
  });
});
