// Signed audit checkpoints through the real hub: signed every 100 events inside the append,
// served with the public key, checked by GET /v1/audit/verify, and by the offline
// `npm run hub -- verify` on a tampered copy, on either engine.
import { execFile } from 'node:child_process';
import { createPublicKey, generateKeyPairSync, verify } from 'node:crypto';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createHub } from '../../server/app.ts';
import { canonicalJson } from '../../shared/index.ts';
import { api, copyHubData, databaseUrlOf, hubSql, makeDataDir, REPO_ROOT, removeHubData, startHub, type Loose } from '../support/hub.ts';
import { FIXTURE, verifyOverHttp } from './fixture-helpers.ts';

const run = promisify(execFile);

type CliResult = { code: number; stdout: string; stderr: string };

/** `node server/main.ts verify` on a data folder (and its database on PostgreSQL), no hub running. */
async function offlineVerify(dataDir: string, publicKeyFile: string): Promise<CliResult> {
  const url = await databaseUrlOf(dataDir);
  const args = [join(REPO_ROOT, 'server/main.ts'), 'verify', '--data', dataDir, '--public-key', publicKeyFile, ...(url ? ['--db', url] : [])];
  try {
    const { stdout, stderr } = await run(process.execPath, args, { cwd: REPO_ROOT, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? '' };
  }
}

describe('signed audit checkpoints', () => {
  const dataDir = makeDataDir();
  const keyFile = join(makeDataDir(), 'audit-public-key.json');
  let checkpoints: Loose[];
  let publicKey: Loose;
  let verified: Loose;
  let headSeq: number;

  beforeAll(async () => {
    const hub = await startHub({ seed: FIXTURE, dataDir });
    const sam = api(hub.url, await hub.signIn('sam'));
    // Each change is one audit event: enough for a few checkpoints past the seeding's events.
    for (let i = 0; i < 230; i++) expect((await sam.patch('/v1/users/u-dave', { active: i % 2 === 0 })).status).toBe(200);
    checkpoints = (await sam.get('/v1/audit/checkpoints?after=0&limit=1000')).body.checkpoints;
    publicKey = (await sam.get('/v1/audit/public-key')).body;
    verified = (await sam.get('/v1/audit/verify')).body;
    const events = (await sam.get('/v1/audit?limit=1000')).body.events as Loose[];
    headSeq = events.at(-1).seq;
    const paged = await sam.get('/v1/audit/checkpoints?after=1&limit=1');
    expect(paged.body).toEqual({ checkpoints: [checkpoints[1]], next: checkpoints[1].seq });
    expect((await sam.get('/v1/audit/checkpoints?after=-3')).status).toBe(422);
    await hub.stop();
    writeFileSync(keyFile, JSON.stringify(publicKey));
  });
  afterAll(async () => {
    await removeHubData(dataDir);
  });

  it('signs the first event at once and every 100th event after it, with the key kept 0600 in the data folder', () => {
    expect(headSeq).toBeGreaterThan(230);
    const expected = [1];
    while (expected.at(-1)! + 100 <= headSeq) expected.push(expected.at(-1)! + 100);
    expect(checkpoints.map((c) => c.seq)).toEqual(expected);
    expect(statSync(join(dataDir, 'audit-signing-key.pem')).mode & 0o777).toBe(0o600);
    expect(publicKey).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig', kid: expect.any(String) });
    expect(JSON.stringify(publicKey)).not.toContain('"d"');
  });

  it('signatures verify with node:crypto over the documented bytes, and verify reports the checkpoints', () => {
    const key = createPublicKey({ key: publicKey, format: 'jwk' });
    for (const cp of checkpoints) {
      const message = Buffer.from(`assay-audit-checkpoint/1\n${canonicalJson({ seq: cp.seq, hash: cp.hash, at: cp.at })}`);
      expect(verify(null, message, key, Buffer.from(cp.signature, 'base64url'))).toBe(true);
      expect(verify(null, Buffer.concat([message, Buffer.from(' ')]), key, Buffer.from(cp.signature, 'base64url'))).toBe(false);
    }
    expect(verified).toEqual({ ok: true, checked: headSeq, checkpoints: checkpoints.length, latestCheckpoint: checkpoints.at(-1) });
  });

  it('the offline CLI accepts an untouched copy', async () => {
    const copy = await copyHubData(dataDir);
    try {
      const r = await offlineVerify(copy, keyFile);
      expect(r).toMatchObject({ code: 0, stdout: expect.stringMatching(/^ok: \d+ entries, \d+ signed checkpoints/) });
    } finally {
      await removeHubData(copy);
    }
  });

  it('detects a forged checkpoint signature, over HTTP and offline', async () => {
    const copy = await copyHubData(dataDir);
    try {
      const [a, b] = [checkpoints[1], checkpoints[2]];
      // A valid signature, but of another head: only a key holder could make a matching one.
      await hubSql(copy, [`UPDATE audit_checkpoints SET signature = '${b.signature}' WHERE seq = ${a.seq}`]);
      const cli = await offlineVerify(copy, keyFile);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain(`first bad seq ${a.seq}: bad_checkpoint_signature`);
      expect(await verifyOverHttp(copy)).toMatchObject({ ok: false, firstBadSeq: a.seq, reason: 'bad_checkpoint_signature' });
    } finally {
      await removeHubData(copy);
    }
  });

  it('detects a chain truncated past a checkpoint, even with the head row rolled back to match', async () => {
    const copy = await copyHubData(dataDir);
    const cut = checkpoints.at(-1).seq - 30;
    try {
      await hubSql(copy, [
        `DELETE FROM audit_events WHERE seq > ${cut}`,
        `UPDATE meta SET value = '${cut}' WHERE key = 'audit_head_seq'`,
        `UPDATE meta SET value = (SELECT hash FROM audit_events WHERE seq = ${cut}) WHERE key = 'audit_head_hash'`,
      ]);
      const cli = await offlineVerify(copy, keyFile);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain(`first bad seq ${cut + 1}: truncated`);
      // Signing in on the copy appends one event (session.created) to the cut chain, so the hub finds it one seq later.
      expect(await verifyOverHttp(copy)).toMatchObject({ ok: false, firstBadSeq: cut + 2, reason: 'truncated' });
    } finally {
      await removeHubData(copy);
    }
  });

  it('the offline CLI finds an edited entry, and refuses a copy checked with another key', async () => {
    const copy = await copyHubData(dataDir);
    try {
      await hubSql(copy, [`UPDATE audit_events SET payload = '{"active":true}' WHERE seq = 142`]);
      const cli = await offlineVerify(copy, keyFile);
      expect(cli.code).toBe(1);
      expect(cli.stderr).toContain('first bad seq 142: entry_mismatch');
      const otherKey = join(makeDataDir(), 'other.pem');
      writeFileSync(otherKey, generateKeyPairSync('ed25519').publicKey.export({ type: 'spki', format: 'pem' }));
      const wrong = await offlineVerify(copy, otherKey);
      expect(wrong.code).toBe(1);
      expect(wrong.stderr).toContain('bad_checkpoint_signature');
    } finally {
      await removeHubData(copy);
    }
  });

  it('the offline CLI explains its usage and a missing database', async () => {
    const empty = makeDataDir();
    const r = await offlineVerify(empty, keyFile);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/could not read the copy/);
    await removeHubData(empty);
  });
});

describe('signed audit checkpoints on the hub\'s clock', () => {
  it('signs a new event ten minutes after the last checkpoint, though fewer than 100 followed it', async () => {
    const dataDir = makeDataDir();
    let clock = Date.now();
    const hub = await createHub({ dataDir, databaseUrl: await databaseUrlOf(dataDir), seed: FIXTURE, now: () => new Date(clock) });
    try {
      const token = (await api(hub.url).post('/v1/sessions', { username: 'sam', password: 'demo', deviceName: 't' })).body.token;
      const sam = api(hub.url, token);
      const change = async (active: boolean) => expect((await sam.patch('/v1/users/u-dave', { active })).status).toBe(200);
      const latest = async (): Promise<Loose> => (await sam.get('/v1/audit/checkpoints?after=0&limit=1000')).body.checkpoints.at(-1);
      const head = async (): Promise<number> => (await sam.get('/v1/audit/verify')).body.checked;
      await change(false);
      const before = await latest();
      clock += 10 * 60_000 - 1;
      await change(true);
      expect(await latest()).toEqual(before);
      clock += 1;
      await change(false);
      const signed = await latest();
      expect(signed.seq).toBe(await head());
      expect(signed.seq - before.seq).toBeLessThan(100);
      expect(signed.at).toBe(new Date(clock).toISOString());
      expect((await sam.get('/v1/audit/verify')).body).toMatchObject({ ok: true, latestCheckpoint: signed });
    } finally {
      await hub.close();
      await removeHubData(dataDir);
    }
  });

  it('a quiet hub signs its newest event on its own timer once ten minutes have passed, with no request to prompt it', async () => {
    const dataDir = makeDataDir();
    let clock = Date.now();
    const hub = await createHub({ dataDir, databaseUrl: await databaseUrlOf(dataDir), seed: FIXTURE, now: () => new Date(clock), tickMs: 25 });
    try {
      const token = (await api(hub.url).post('/v1/sessions', { username: 'sam', password: 'demo', deviceName: 't' })).body.token;
      const sam = api(hub.url, token);
      // Reading the list and verifying append nothing, so only the timer can sign.
      const latest = async (): Promise<Loose> => (await sam.get('/v1/audit/checkpoints?after=0&limit=1000')).body.checkpoints.at(-1);
      expect((await sam.patch('/v1/users/u-dave', { active: false })).status).toBe(200);
      const before = await latest();
      expect((await sam.patch('/v1/users/u-dave', { active: true })).status).toBe(200);
      const head = (await sam.get('/v1/audit/verify')).body.checked as number;
      expect(head).toBeGreaterThan(before.seq);
      // Many ticks within the ten minutes sign nothing.
      await new Promise((r) => setTimeout(r, 300));
      expect(await latest()).toEqual(before);
      clock += 10 * 60_000;
      await vi.waitFor(async () => expect((await latest()).seq).toBe(head), { timeout: 20_000, interval: 50 });
      const signed = await latest();
      expect(signed.at).toBe(new Date(clock).toISOString());
      expect((await sam.get('/v1/audit/verify')).body).toMatchObject({ ok: true, checked: head, latestCheckpoint: signed });
    } finally {
      await hub.close();
      await removeHubData(dataDir);
    }
  });
});
