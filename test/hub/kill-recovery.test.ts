// The hub survives being killed: a child hub (SQLite) takes intake and reviews from 50 assessors
// and is SIGKILLed at random moments, 200 times, restarting on the same data folder. After every
// restart nothing it acknowledged is lost, nothing is doubled, and the audit chain and the
// database file are intact. Clients retry what was not acknowledged, by the ids they chose.
// Black-box (HTTP, the hub's own entry point, and SQLite's integrity check) so it holds whatever
// data layer the hub uses.
import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { api, makeDataDir, startHub, type Loose, type RunningHub } from '../support/hub.ts';
import { FIXTURE, pdfBytes, reviewBody } from './fixture-helpers.ts';

const KILLS = 200;
const ASSESSORS = 50;
const SUBMISSIONS = 100;
/** New submissions the integration attempts per cycle, so intake is under way through many kills. */
const INTAKE_PER_CYCLE = 2;
const CHECK_PARALLEL = 8;

type Client = ReturnType<typeof api>;
type Sub = { id: string; candidateRef: string; artifactId?: string; acked: boolean; primary?: { id: string; assessorId: string } };
type Review = { reviewId: string; submissionId: string; acked: boolean };

function manifest(dir: string): { file: string; assessors: string[] } {
  const base = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { users: Loose[]; submissions: unknown[] };
  const assessors = Array.from({ length: ASSESSORS }, (_, i) => `k${String(i).padStart(2, '0')}`);
  base.users = [
    ...base.users.filter((u) => u.username === 'sam' || u.username === 'intake-bot'),
    ...assessors.map((username) => ({
      id: `u-${username}`, username, displayName: `Assessor ${username}`, roles: ['assessor'],
      qualifications: [{ microCredentialId: 'mc-questioning', calibratedUntilDays: 365 }],
    })),
  ];
  base.submissions = [];
  const file = join(dir, 'manifest.json');
  writeFileSync(file, JSON.stringify(base));
  return { file, assessors };
}

async function inParallel<T>(items: readonly T[], limit: number, each: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await each(items[next++] as T);
  }));
}

/** A request that may die with the hub: a network failure is "not acknowledged", never an error. */
async function attempt<T>(call: () => Promise<T>): Promise<T | null> {
  try {
    return await call();
  } catch {
    return null;
  }
}

describe('the hub survives being killed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'assay-kill-'));
  const dataDir = makeDataDir();
  let hub: RunningHub | null = null;
  afterAll(async () => {
    await hub?.stop();
    rmSync(dir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`keeps every acknowledged submission and review across ${KILLS} SIGKILLs`, async () => {
    const started = Date.now();
    const { file, assessors } = manifest(dir);
    // A compile cache, written by the one clean stop below, roughly halves each restart's start-up.
    const env = { NODE_COMPILE_CACHE: join(dir, 'compile-cache') };
    hub = await startHub({ seed: file, dataDir, env });
    const tokens: Record<string, string> = {};
    await inParallel(['sam', 'intake-bot', ...assessors], 4, async (u) => {
      tokens[u] = await hub!.signIn(u);
    });
    await hub.stop();
    hub = await startHub({ dataDir, env });
    const subs: Sub[] = Array.from({ length: SUBMISSIONS }, (_, i) => ({ id: `sub-kill-${i}`, candidateRef: `cand-kill-${i}`, acked: false }));
    const reviews = new Map<string, Review>(); // by assignment id
    const as = (user: string): Client => api(hub!.url, tokens[user]);

    /** One submission through intake: its own artifact first (kept once acknowledged), then the submission by its id. */
    const submitOne = async (s: Sub) => {
      if (!s.artifactId) {
        const up = await attempt(() => as('intake-bot').post('/v1/intake/artifacts', pdfBytes(4096), { 'content-type': 'application/pdf', 'x-filename': `${s.candidateRef}.pdf` }));
        if (up === null) return;
        expect(up.status, JSON.stringify(up.body)).toBe(201);
        s.artifactId = up.body.artifact.id;
      }
      const res = await attempt(() => as('intake-bot').post('/v1/intake/submissions', {
        id: s.id, candidateRef: s.candidateRef, microCredentialId: 'mc-questioning', reflection: `Reflection ${s.id}`, artifactIds: [s.artifactId],
      }));
      if (res === null) return;
      expect([200, 201], JSON.stringify(res.body)).toContain(res.status);
      const primary = (res.body.assignments as Loose[]).filter((a) => a.role === 'primary');
      expect(primary).toHaveLength(1);
      if (s.primary) expect(primary[0].id, 'a replayed intake answers the same assignment').toBe(s.primary.id);
      s.primary = { id: primary[0].id, assessorId: primary[0].assessorId };
      s.acked = true;
    };

    /** An assessor's turn: pull, then put (or put again) a review for each open assignment, by a review id chosen once. */
    const assessorTurn = async (user: string) => {
      const sync = await attempt(() => as(user).get('/v1/sync'));
      if (sync === null) return;
      expect(sync.status).toBe(200);
      for (const a of sync.body.assignments as Loose[]) {
        const known = reviews.get(a.id);
        if (known?.acked) continue;
        const review = known ?? { reviewId: randomUUID(), submissionId: a.submissionId, acked: false };
        reviews.set(a.id, review);
        const res = await attempt(() => as(user).put(`/v1/reviews/${review.reviewId}`, reviewBody(a.id)));
        if (res === null) return;
        expect([200, 201], JSON.stringify(res.body)).toContain(res.status);
        review.acked = true;
      }
    };

    const load = async () => {
      const pending = subs.filter((s) => !s.acked).slice(0, INTAKE_PER_CYCLE);
      await Promise.all([
        (async () => {
          for (const s of pending) await submitOne(s);
        })(),
        ...assessors.map(assessorTurn),
      ]);
    };

    const verify = async (cycle: number) => {
      const label = `after restart ${cycle}`;
      const audit = await as('sam').get('/v1/audit/verify');
      expect(audit.body.ok, `${label}: audit chain ${JSON.stringify(audit.body)}`).toBe(true);
      const ackedReview = new Map([...reviews.values()].filter((r) => r.acked).map((r) => [r.submissionId, r.reviewId]));
      // A review's submission was acknowledged too, or the review could not have been written.
      const toCheck = new Set([...subs.filter((s) => s.acked).map((s) => s.id), ...ackedReview.keys()]);
      await inParallel([...toCheck], CHECK_PARALLEL, async (id) => {
        const res = await as('intake-bot').get(`/v1/submissions/${id}/result`);
        expect(res.status, `${label}: acknowledged submission ${id}`).toBe(200);
        const reviewId = ackedReview.get(id);
        if (reviewId) expect(res.body, `${label}: acknowledged review ${reviewId}`).toMatchObject({ status: 'final', reviewId });
      });
      const held = new Map<string, Loose>();
      await inParallel(assessors, CHECK_PARALLEL, async (user) => {
        const res = await as(user).get('/v1/sync');
        expect(res.status).toBe(200);
        for (const a of res.body.assignments as Loose[]) {
          expect(held.has(a.id), `${label}: assignment ${a.id} held twice`).toBe(false);
          expect(a.assessorId).toBe(`u-${user}`);
          held.set(a.id, a);
        }
      });
      const primaries = new Map<string, number>();
      for (const a of held.values()) if (a.role === 'primary') primaries.set(a.submissionId, (primaries.get(a.submissionId) ?? 0) + 1);
      for (const [submissionId, n] of primaries) expect(n, `${label}: primary assignments of ${submissionId}`).toBe(1);
      for (const s of subs.filter((x) => x.acked)) {
        expect(held.get(s.primary!.id), `${label}: acknowledged assignment ${s.primary!.id} of ${s.id}`).toMatchObject({ submissionId: s.id, assessorId: s.primary!.assessorId });
      }
    };

    const integrity = () => {
      const db = new Database(join(dataDir, 'hub.db'), { readonly: true, fileMustExist: true });
      try {
        return db.pragma('integrity_check', { simple: true });
      } finally {
        db.close();
      }
    };

    for (let cycle = 1; cycle <= KILLS; cycle++) {
      const kill = new Promise<void>((done) => setTimeout(done, 20 + Math.random() * 280));
      const work = load();
      await kill;
      process.kill(hub.pid, 'SIGKILL');
      // Requests cut by the kill fail fast; none may reach the next hub and race the checks.
      await work;
      await hub.stop();
      expect(integrity(), `integrity after kill ${cycle}`).toBe('ok');
      hub = await startHub({ dataDir, env });
      await verify(cycle);
    }

    // Unkilled, the clients finish: every submission and every review gets in.
    for (let round = 0; round < 200 && (subs.some((s) => !s.acked) || [...reviews.values()].some((r) => !r.acked) || reviews.size < SUBMISSIONS); round++) {
      await Promise.all([(async () => { for (const s of subs.filter((x) => !x.acked)) await submitOne(s); })(), ...assessors.map(assessorTurn)]);
    }
    await verify(KILLS + 1);
    expect(subs.filter((s) => !s.acked).map((s) => s.id)).toEqual([]);
    expect(reviews.size).toBe(SUBMISSIONS);
    for (const s of subs) expect((await as('intake-bot').get(`/v1/submissions/${s.id}/result`)).body.status).toBe('final');
    console.log(`kill-recovery: ${KILLS} kills, ${SUBMISSIONS} submissions, ${reviews.size} reviews in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }, 900_000);
});
