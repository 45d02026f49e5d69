// Exactly once: 500 reviews go to the hub through a proxy that drops, delays, cuts answers
// after the hub committed and duplicates requests. Every review must end on the hub once,
// under the id the workstation chose, and the outbox must empty.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../../support/fault-proxy.ts';
import { makeDataDir, startHub, type RunningHub } from '../../support/hub.ts';
import { startWorkstation, type TestWorkstation } from '../../support/workstation.ts';
import { ASSESSOR, CRITERIA, writeBulkManifest } from './support/seed-manifest.ts';

const REVIEWS = 500;
const SEED = 20261122;

let seedDir: string;
let hubDir: string;
let hub: RunningHub;
let proxy: FaultProxy;
let ws: TestWorkstation;

beforeAll(async () => {
  seedDir = mkdtempSync(join(tmpdir(), 'assay-eo-seed-'));
  hubDir = makeDataDir();
  hub = await startHub({ seed: writeBulkManifest(seedDir, REVIEWS), dataDir: hubDir });
  proxy = await startFaultProxy(hub.url, { seed: SEED, rates: { drop: 0.1, delay: 0.15, cut: 0.15, duplicate: 0.15 }, maxDelayMs: 300 });
  ws = await startWorkstation({ tuning: { outboxBaseDelayMs: 20, outboxMaxDelayMs: 400, probeMinMs: 50, probeMaxMs: 400, hubTimeoutMs: 10_000 } });
}, 120_000);

afterAll(async () => {
  await ws?.stop();
  await proxy?.close();
  await hub?.stop();
  rmSync(hubDir, { recursive: true, force: true });
  rmSync(seedDir, { recursive: true, force: true });
});

/** Repeats a call the proxy may break until it succeeds (what a user pressing "retry" does). */
async function persist<T>(attempt: () => Promise<{ ok: boolean; value?: T }>): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const r = await attempt();
    if (r.ok) return r.value as T;
  }
  throw new Error('gave up after 100 attempts');
}

describe('exactly-once delivery through a faulty network', () => {
  it('delivers 500 reviews exactly once each and empties the outbox', async () => {
    await persist(() => ws.call('session.signIn', { hubUrl: proxy.url, username: ASSESSOR.username, password: ASSESSOR.password }));
    let items = (await ws.value('queue.list', {})).items;
    for (let i = 0; i < 200 && items.length < REVIEWS; i++) {
      await ws.call('sync.now', {});
      items = (await ws.value('queue.list', {})).items;
    }
    expect(items.length).toBe(REVIEWS);

    const reviewIds = new Map<string, string>();
    for (const [n, item] of items.entries()) {
      const level = 1 + (n % 5);
      const scores = Object.fromEntries(CRITERIA.map((c) => [c, level]));
      await ws.value('draft.save', { assignmentId: item.assignmentId, patch: { scores, overallFeedback: `Review ${n}` } });
      const { reviewId } = await ws.value('review.submit', { assignmentId: item.assignmentId });
      reviewIds.set(item.assignmentId, reviewId);
    }

    const outbox = await ws.waitFor('outbox.status', {}, (o) => o.pending === 0, 150_000);
    expect(outbox).toMatchObject({ pending: 0, failed: 0 });
    const synced = await ws.value('queue.list', { filter: { reviewStatus: ['synced'] } });
    expect(synced.items.length).toBe(REVIEWS);
    // The proxy really did misbehave, in every way it knows.
    for (const mode of ['drop', 'delay', 'cut', 'duplicate'] as const) expect(proxy.stats[mode]).toBeGreaterThan(5);

    await hub.stop();
    const db = new Database(join(hubDir, 'hub.db'), { readonly: true, fileMustExist: true });
    try {
      const rows = db.prepare('SELECT id, assignment_id AS assignmentId FROM reviews').all() as { id: string; assignmentId: string }[];
      expect(rows.length).toBe(REVIEWS);
      const perAssignment = new Map<string, string>(rows.map((r) => [r.assignmentId, r.id]));
      expect(perAssignment.size).toBe(REVIEWS);
      for (const [assignmentId, reviewId] of reviewIds) expect(perAssignment.get(assignmentId)).toBe(reviewId);
    } finally {
      db.close();
    }
  }, 240_000);
});
