// Migrations 009, 010 and 011: reviews stored before them get their levels column filled in
// from their bodies, both reads of a double-scored submission their read pair, and each
// decision its submission's time and then its turnaround in numbers, so the reports count old
// work as well as new, with the same values the live path writes.
import { afterAll, describe, expect, it } from 'vitest';
import { api, ENGINE, hubSql, makeDataDir, removeHubData, startHub } from '../support/hub.ts';
import { newReviewId, reviewBody, pdfBytes, UNDO_010, UNDO_011 } from './fixture-helpers.ts';
import { scoringManifest, usernameOf } from './scoring-helpers.ts';

describe(`migrations 009, 010 and 011, the reports' rows (${ENGINE})`, () => {
  const dataDir = makeDataDir();
  afterAll(async () => {
    await removeHubData(dataDir);
  });

  it('fills reviews.scores, the read pairs and the decisions\' submission times and durations, and the reports read them', async () => {
    const manifest = scoringManifest({ 'mc-questioning': { mode: 'all' } });
    const first = await startHub({ dataDir, seed: manifest });
    const as = async (u: string) => api(first.url, await first.signIn(u));
    const intake = await as('intake-bot');
    const artifact = (await intake.post('/v1/intake/artifacts', pdfBytes(1024), { 'content-type': 'application/pdf', 'x-filename': 'e.pdf' })).body.artifact;
    const x = (await intake.post('/v1/intake/submissions', { candidateRef: 'cand-mig', microCredentialId: 'mc-questioning', reflection: 'r', artifactIds: [artifact.id] })).body;
    const levels = [{ 'c-plan': 4, 'c-engage': 3, 'c-assess': 5 }, { 'c-plan': 3, 'c-engage': 3, 'c-assess': 4 }];
    for (const [i, a] of x.assignments.entries()) {
      const res = await (await as(usernameOf(a.assessorId))).put(`/v1/reviews/${newReviewId()}`, reviewBody(a.id, { scores: levels[i] }));
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    await first.stop();
    const pairs = await hubSql(dataDir, ['SELECT * FROM read_pairs']);
    const times = await hubSql(dataDir, ['SELECT submitted_at, decided_at, decided_day, duration_ms FROM decisions']);
    expect(pairs).toHaveLength(1);
    expect(times).toHaveLength(1);
    const [t] = times as { submitted_at: string; decided_at: string; decided_day: number; duration_ms: number }[];
    expect(Number(t!.duration_ms)).toBe(Date.parse(t!.decided_at) - Date.parse(t!.submitted_at));
    expect(Number(t!.decided_day)).toBe(Math.floor(Date.parse(t!.decided_at) / 86_400_000));
    await hubSql(dataDir, [...UNDO_011, ...UNDO_010, 'ALTER TABLE reviews DROP COLUMN scores', 'DELETE FROM schema_migrations WHERE version >= 9', ...(ENGINE === 'sqlite' ? ['PRAGMA user_version = 8'] : [])]);

    // The same seed again: a seeded database is not seeded twice, but demo accounts may sign in.
    const hub = await startHub({ dataDir, seed: manifest });
    try {
      const rows = await hubSql(dataDir, ['SELECT body, scores FROM reviews']);
      expect(rows).toHaveLength(2);
      for (const r of rows) expect(JSON.parse(String(r.scores))).toEqual(JSON.parse(String(r.body)).scores);
      // The backfill writes what the live path wrote, column for column (levels compared as JSON:
      // PostgreSQL's 009 backfill writes them in its own spacing and key order).
      const levels = (rows: Record<string, unknown>[]) =>
        rows.map((r) => ({ ...r, first_scores: JSON.parse(String(r.first_scores)), second_scores: JSON.parse(String(r.second_scores)) }));
      expect(levels(await hubSql(dataDir, ['SELECT * FROM read_pairs']))).toEqual(levels(pairs));
      expect(await hubSql(dataDir, ['SELECT submitted_at, decided_at, decided_day, duration_ms FROM decisions'])).toEqual(times);
      const turnaround = (await api(hub.url, await hub.signIn('sam')).get('/v1/reports/turnaround?microCredentialId=mc-questioning')).body;
      expect(turnaround.byMicroCredential[0].decisions.n).toBe(1);
      const report = (await api(hub.url, await hub.signIn('sam')).get('/v1/reports/reliability?microCredentialId=mc-questioning')).body;
      expect(report.assessors.map((a: { peer: { n: number } }) => a.peer.n)).toEqual([3, 3]);
    } finally {
      await hub.stop();
    }

    // 011's arithmetic in each engine's SQL, on instants far apart, across a leap day, with an
    // offset and to the millisecond: the same numbers as Date.parse.
    const edge = { submitted: '2024-02-28T23:59:59.999Z', decided: '2025-03-01T01:00:00.001+02:00' };
    await hubSql(dataDir, [`UPDATE decisions SET submitted_at = '${edge.submitted}', decided_at = '${edge.decided}'`, ...UNDO_011,
      'DELETE FROM schema_migrations WHERE version >= 11', ...(ENGINE === 'sqlite' ? ['PRAGMA user_version = 10'] : [])]);
    await (await startHub({ dataDir, seed: manifest })).stop();
    const [edged] = await hubSql(dataDir, ['SELECT decided_day, duration_ms FROM decisions']);
    expect({ day: Number(edged!.decided_day), ms: Number(edged!.duration_ms) })
      .toEqual({ day: Math.floor(Date.parse(edge.decided) / 86_400_000), ms: Date.parse(edge.decided) - Date.parse(edge.submitted) });
  });
});
