// Three hub processes on one PostgreSQL database, behind no load balancer but the test's
// own round robin: intake, reviews sent twice to different processes, and twenty clients
// syncing throughout. Its own cluster (with a password), so stopping it mid-run disturbs
// no other test.
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, makeDataDir, REPO_ROOT, removeHubData, runHubToExit, startHub, type Loose, type RunningHub } from '../support/hub.ts';
import { createTestDatabase, startPgCluster, type PgCluster } from '../support/postgres.ts';
import { pdfBytes, reviewBody } from '../hub/fixture-helpers.ts';

const ASSESSORS = 20;
const SUBMISSIONS = 500;
const PASSWORD = 'multi-process-secret';

function manifest(file: string): void {
  const fixture = JSON.parse(readFileSync(join(REPO_ROOT, 'test/support/fixtures/hub-fixture.json'), 'utf8')) as Loose;
  const assessors = Array.from({ length: ASSESSORS }, (_, i) => ({
    id: `u-a${i}`, username: `a${String(i).padStart(2, '0')}`, displayName: `Assessor ${i}`, roles: ['assessor'],
    qualifications: [{ microCredentialId: 'mc-questioning', calibratedUntilDays: 365 }],
  }));
  const users = [...fixture.users.filter((u: Loose) => u.username === 'sam' || u.username === 'intake-bot'), ...assessors];
  writeFileSync(file, JSON.stringify({ rubrics: fixture.rubrics, microCredentials: fixture.microCredentials, users, candidates: [], submissions: [] }));
}

/** Runs `task` over `items` with at most `width` in flight. */
async function pool<T>(items: readonly T[], width: number, task: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < items.length) {
      const i = next++;
      await task(items[i]!, i);
    }
  }));
}

describe('several hub processes on one PostgreSQL database', () => {
  let cluster: PgCluster;
  let dbUrl: string;
  let dataDir: string;
  const hubs: RunningHub[] = [];

  beforeAll(async () => {
    cluster = await startPgCluster({ password: PASSWORD });
    dbUrl = await createTestDatabase(cluster.url);
    dataDir = makeDataDir();
    writeFileSync(join(dataDir, 'test-database-url'), dbUrl);
    const seed = join(dataDir, 'manifest.json');
    manifest(seed);
    hubs.push(await startHub({ dataDir, seed }));
    // The other two share the database and the artifact folder; they start together, so
    // their migration check runs concurrently.
    hubs.push(...(await Promise.all([startHub({ dataDir, seed }), startHub({ dataDir, seed })])));
  }, 180_000);

  afterAll(async () => {
    await Promise.all(hubs.map((h) => h.stop()));
    await cluster?.stop();
    if (dataDir) await removeHubData(dataDir);
  });

  const hubAt = (i: number) => hubs[i % hubs.length]!;

  it('routes, syncs, stores reviews once and keeps one audit chain under load from three processes', async () => {
    const bot = await hubs[0]!.signIn('intake-bot');
    const usernames = Array.from({ length: ASSESSORS }, (_, i) => `a${String(i).padStart(2, '0')}`);
    // A token issued by one process works on every other.
    const tokens = await Promise.all(usernames.map((u, i) => hubAt(i).signIn(u)));
    const clients = usernames.map((u, i) => ({ username: u, token: tokens[i]!, cursor: null as string | null, held: new Map<string, Loose>(), syncs: 0 }));
    let loading = true;
    const syncOnce = async (c: (typeof clients)[number], i: number) => {
      const res = await api(hubAt(i + c.syncs).url, c.token).get(`/v1/sync${c.cursor === null ? '' : `?cursor=${c.cursor}`}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const ids = res.body.assignments.map((a: Loose) => a.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const a of res.body.assignments) c.held.set(a.id, a);
      for (const id of res.body.revoked) c.held.delete(id);
      c.cursor = res.body.cursor;
      c.syncs++;
    };
    const syncing = Promise.all(clients.map(async (c, i) => {
      while (loading) await syncOnce(c, i);
    }));

    const submissionIds: string[] = [];
    await pool(Array.from({ length: SUBMISSIONS }, (_, i) => i), 12, async (i) => {
      const hub = api(hubAt(i).url, bot);
      const up = await hub.post('/v1/intake/artifacts', pdfBytes(512), { 'content-type': 'application/pdf', 'x-filename': `e${i}.pdf` });
      expect(up.status, JSON.stringify(up.body)).toBe(201);
      const res = await api(hubAt(i + 1).url, bot).post('/v1/intake/submissions', {
        candidateRef: `cand-${i}`, microCredentialId: 'mc-questioning', reflection: `Reflection ${i}`, artifactIds: [up.body.artifact.id],
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      expect(res.body.assignments).toHaveLength(1);
      submissionIds.push(res.body.submission.id);
    });

    // Least open work, routed one at a time across the processes: 500 over 20 is 25 each.
    const db = new pg.Client({ connectionString: dbUrl });
    await db.connect();
    try {
      const perAssessor = await db.query("SELECT assessor_id, count(*)::int AS n FROM assignments WHERE state = 'assigned' GROUP BY assessor_id");
      expect(perAssessor.rows.map((r) => r.n)).toEqual(Array(ASSESSORS).fill(SUBMISSIONS / ASSESSORS));

      const assignments = (await db.query('SELECT a.id, u.username FROM assignments a JOIN users u ON u.id = a.assessor_id')).rows as { id: string; username: string }[];
      expect(assignments).toHaveLength(SUBMISSIONS);
      const tokenOf = new Map(clients.map((c) => [c.username, c.token]));
      await pool(assignments, 10, async (a, i) => {
        const id = randomUUID();
        const body = reviewBody(a.id);
        const token = tokenOf.get(a.username)!;
        const [first, second] = await Promise.all([
          api(hubAt(i).url, token).put(`/v1/reviews/${id}`, body),
          api(hubAt(i + 1).url, token).put(`/v1/reviews/${id}`, body),
        ]);
        expect([first.status, second.status].sort(), JSON.stringify([first.body, second.body])).toEqual([200, 201]);
        expect(first.body).toEqual(second.body);
      });
      loading = false;
      await syncing;
      for (const [i, c] of clients.entries()) await syncOnce(c, i);

      // Every client holds each of its assignments exactly once, in its final state.
      for (const [i, c] of clients.entries()) {
        const full = await api(hubAt(i + 1).url, c.token).get('/v1/sync');
        expect(c.syncs).toBeGreaterThan(1);
        expect([...c.held.keys()].sort()).toEqual(full.body.assignments.map((a: Loose) => a.id).sort());
        expect([...c.held.values()].every((a) => a.state === 'submitted')).toBe(true);
      }
      const twice = await db.query(
        "SELECT submission_id, role FROM assignments WHERE state IN ('assigned', 'in_progress', 'submitted') GROUP BY submission_id, role HAVING count(*) > 1");
      expect(twice.rows).toEqual([]);
      expect((await db.query('SELECT count(*)::int AS n FROM reviews')).rows[0].n).toBe(SUBMISSIONS);
      expect((await db.query('SELECT count(DISTINCT submission_id)::int AS n FROM assignments')).rows[0].n).toBe(SUBMISSIONS);
    } finally {
      await db.end();
    }
    expect(new Set(submissionIds).size).toBe(SUBMISSIONS);
    const sam = await hubs[2]!.signIn('sam');
    for (const hub of hubs) expect((await api(hub.url, sam).get('/v1/audit/verify')).body).toMatchObject({ ok: true });
  }, 600_000);

  it('signs a token out on every process at once', async () => {
    const token = await hubs[0]!.signIn('a01');
    expect((await api(hubs[2]!.url, token).get('/v1/sync')).status).toBe(200);
    expect((await api(hubs[1]!.url, token).del('/v1/sessions/current')).status).toBe(204);
    for (const hub of hubs) expect((await api(hub.url, token).get('/v1/sync')).status).toBe(401);
  });

  it('refuses a wrong password in the URL with one clear line', async () => {
    const wrong = new URL(dbUrl);
    wrong.password = 'not-the-password';
    const run = await runHubToExit({ dataDir: makeDataDir(), args: ['--db', wrong.toString()] });
    expect(run.code).toBe(1);
    expect(run.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Assay hub could not start: PostgreSQL at postgres:\/\/assay:\*\*\*@.* refused the sign-in: password authentication failed/)]);
    expect(run.stderr).not.toContain('not-the-password');
  });

  it('answers 503 unavailable while the database is away, and serves again once it is back, without a restart', async () => {
    const token = await hubs[0]!.signIn('a02');
    const client = (i: number) => api(hubAt(i).url, token);
    let stop = false;
    const seen = new Set<number>();
    const codes = new Set<string>();
    const load = Promise.all(Array.from({ length: 6 }, async (_, i) => {
      while (!stop) {
        const res = await client(i).get('/v1/sync');
        seen.add(res.status);
        if (res.status !== 200) codes.add(res.body.error.code);
      }
    }));
    await cluster.pause();
    const during = await client(1).get('/v1/sync');
    expect(during.status).toBe(503);
    expect(during.body.error.code).toBe('unavailable');
    await cluster.resume();
    let back = await client(2).get('/v1/sync');
    for (let tries = 0; back.status !== 200 && tries < 100; tries++) {
      await new Promise((done) => setTimeout(done, 100));
      back = await client(2).get('/v1/sync');
    }
    stop = true;
    await load;
    expect(back.status).toBe(200);
    for (let i = 0; i < hubs.length; i++) expect((await client(i).get('/v1/sync')).status).toBe(200);
    expect([...seen].every((s) => s === 200 || s === 503)).toBe(true);
    expect([...codes]).toEqual(codes.size === 0 ? [] : ['unavailable']);
  }, 120_000);
});
