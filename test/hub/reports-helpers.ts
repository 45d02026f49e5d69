// Shared steps for the report tests: an in-process hub on a clock the test moves (so ratings,
// decisions and due dates fall where a test needs them), shaped like a FixtureHub so the
// calibration and scoring helpers work on it, and a reader that drains everyone's open work.
import { rmSync } from 'node:fs';
import { expect } from 'vitest';
import { createHub } from '../../server/app.ts';
import { api, databaseUrlOf, makeDataDir, removeHubData, type Loose } from '../support/hub.ts';
import { copyReview } from './calibration-helpers.ts';
import { fixtureClients, newReviewId, type FixtureHub } from './fixture-helpers.ts';

export const DAY_MS = 86_400_000;

export type ClockedHub = FixtureHub & { clock: { now(): number; set(ms: number): void; advance(ms: number): void } };

/** A hub seeded with `manifest` whose clock starts at `startMs` and moves only when told. */
export async function startClockedHub(manifest: string, usernames: readonly string[], startMs: number): Promise<ClockedHub> {
  let t = startMs;
  const dataDir = makeDataDir();
  const hub = await createHub({ dataDir, databaseUrl: await databaseUrlOf(dataDir), seed: manifest, now: () => new Date(t) });
  const signIn = async (username: string, password = 'demo') => {
    const res = await api(hub.url).post('/v1/sessions', { username, password, deviceName: `test-${username}` });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.token as string;
  };
  const clients = await fixtureClients(hub.url, signIn, usernames);
  const stop = async () => {
    await hub.close();
    await removeHubData(dataDir);
    rmSync(dataDir, { recursive: true, force: true });
  };
  return {
    url: hub.url, dataDir, pid: process.pid, stop, signIn, ...clients,
    clock: { now: () => t, set: (ms) => (t = ms), advance: (ms) => (t += ms) },
  };
}

/** One review the test sent: who, for which assignment and role, the levels, and the hub's stored answer. */
export type SentReview = { assessorId: string; assignmentId: string; submissionId: string; role: string; scores: Record<string, number>; decision: string; at: number };

/**
 * Reviews every open primary, second and calibration assignment of these readers (as the
 * sync shows it), with levels from `levelsFor`, until none is left; the clock moves
 * `stepMs` before each review. Returns what was sent.
 */
export async function drainWork(hub: ClockedHub, readers: readonly string[], levelsFor: (reader: string, assignment: Loose) => Record<string, number>, stepMs = 3_600_000): Promise<SentReview[]> {
  const sent: SentReview[] = [];
  for (let pass = 0; pass < 50; pass++) {
    let any = false;
    for (const reader of readers) {
      const sync = await hub.as(reader).get('/v1/sync');
      expect(sync.status).toBe(200);
      for (const a of sync.body.assignments as Loose[]) {
        if (!['primary', 'second', 'calibration'].includes(a.role) || !['assigned', 'in_progress'].includes(a.state)) continue;
        hub.clock.advance(stepMs);
        const scores = levelsFor(reader, a);
        const res = await hub.as(reader).put(`/v1/reviews/${newReviewId()}`, copyReview(a.id, scores));
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        sent.push({ assessorId: a.assessorId, assignmentId: a.id, submissionId: a.submissionId, role: a.role, scores, decision: res.body.decision, at: hub.clock.now() });
        any = true;
      }
    }
    if (!any) return sent;
  }
  throw new Error('open work kept appearing after 50 passes');
}
