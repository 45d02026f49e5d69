import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson, GENESIS_HASH } from '../../shared/index.ts';
import { api, copyHubData, hubSql, makeDataDir, removeHubData, startHub, type Loose } from '../support/hub.ts';
import { FIXTURE, verifyOverHttp } from './fixture-helpers.ts';

/** Copies the (stopped) hub's data, tampers with the copy's database, and asks a hub on it to verify. */
async function verifyAfter(source: string, tamper: readonly string[]): Promise<Loose> {
  const copy = await copyHubData(source);
  await hubSql(copy, tamper);
  try {
    return await verifyOverHttp(copy);
  } finally {
    await removeHubData(copy);
  }
}

describe('audit log', () => {
  const dataDir = makeDataDir();
  let events: Loose[];
  beforeAll(async () => {
    const hub = await startHub({ seed: FIXTURE, dataDir });
    const sam = api(hub.url, await hub.signIn('sam'));
    const verified = await sam.get('/v1/audit/verify');
    expect(verified.body).toEqual({ ok: true, checked: expect.any(Number), checkpoints: 1, latestCheckpoint: expect.objectContaining({ seq: 1 }) });
    events = (await sam.get('/v1/audit?limit=1000')).body.events;
    expect(verified.body.checked).toBe(events.length);
    const bad = await sam.get('/v1/audit?after=minus');
    expect(bad.status).toBe(422);
    expect(bad.body.error.details[0].path).toBe('after');
    const page = await sam.get('/v1/audit?after=10&limit=5');
    expect(page.body.events.map((e: Loose) => e.seq)).toEqual([11, 12, 13, 14, 15]);
    expect(page.body.next).toBe(15);
    const last = await sam.get(`/v1/audit?after=${events.length - 2}&limit=5`);
    expect(last.body.events).toHaveLength(2);
    expect(last.body).not.toHaveProperty('next');
    await hub.stop();
  });
  afterAll(() => removeHubData(dataDir));

  it('chains every event to the previous one with SHA-256 over the previous hash and the canonical entry', () => {
    expect(events.length).toBeGreaterThan(20);
    let prev = GENESIS_HASH;
    events.forEach((e, i) => {
      expect(e.seq).toBe(i + 1);
      expect(e.prevHash).toBe(prev);
      const { seq, at, actor, action, subject, payload } = e;
      const expected = createHash('sha256').update(prev).update(canonicalJson({ seq, at, actor, action, subject, payload })).digest('hex');
      expect(e.hash).toBe(expected);
      prev = e.hash;
    });
    expect(events.map((e) => e.action)).toContain('review.submitted');
  });

  it('finds an edited payload', async () => {
    const r = await verifyAfter(dataDir, [`UPDATE audit_events SET payload = '{"forged":true}' WHERE seq = 5`]);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 5 });
  });

  it('finds a deleted entry in the middle', async () => {
    const r = await verifyAfter(dataDir, ['DELETE FROM audit_events WHERE seq = 7']);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 7 });
  });

  it('finds two swapped entries', async () => {
    const r = await verifyAfter(dataDir, [
      'UPDATE audit_events SET seq = -1 WHERE seq = 3',
      'UPDATE audit_events SET seq = 3 WHERE seq = 4',
      'UPDATE audit_events SET seq = 4 WHERE seq = -1',
    ]);
    expect(r).toMatchObject({ ok: false, firstBadSeq: 3 });
  });

  it('finds the newest entry deleted, through the chain head', async () => {
    const last = events.length;
    const r = await verifyAfter(dataDir, [`DELETE FROM audit_events WHERE seq = ${last}`]);
    expect(r).toMatchObject({ ok: false, firstBadSeq: last });
  });
});
