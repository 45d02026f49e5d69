// Migrations 009 and 010: reviews stored before them get their levels column filled in from
// their bodies, both reads of a double-scored submission their read pair, and each decision
// its submission's time, so the reports count old work as well as new.
import { afterAll, describe, expect, it } from 'vitest';
import { api, ENGINE, hubSql, makeDataDir, removeHubData, startHub } from '../support/hub.ts';
import { newReviewId, reviewBody, pdfBytes, UNDO_010 } from './fixture-helpers.ts';
import { scoringManifest, usernameOf } from './scoring-helpers.ts';

describe(`migrations 009 and 010, the reports' rows (${ENGINE})`, () => {
  const dataDir = makeDataDir();
  afterAll(async () => {
    await removeHubData(dataDir);
  });

  it('fills reviews.scores, the read pairs and the decisions\' submission times, and the reports read them', async () => {
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
    const submittedAt = await hubSql(dataDir, ['SELECT submitted_at FROM decisions']);
    expect(pairs).toHaveLength(1);
    expect(submittedAt).toHaveLength(1);
    await hubSql(dataDir, [...UNDO_010, 'ALTER TABLE reviews DROP COLUMN scores', 'DELETE FROM schema_migrations WHERE version >= 9', ...(ENGINE === 'sqlite' ? ['PRAGMA user_version = 8'] : [])]);

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
      expect(await hubSql(dataDir, ['SELECT submitted_at FROM decisions'])).toEqual(submittedAt);
      const turnaround = (await api(hub.url, await hub.signIn('sam')).get('/v1/reports/turnaround?microCredentialId=mc-questioning')).body;
      expect(turnaround.byMicroCredential[0].decisions.n).toBe(1);
      const report = (await api(hub.url, await hub.signIn('sam')).get('/v1/reports/reliability?microCredentialId=mc-questioning')).body;
      expect(report.assessors.map((a: { peer: { n: number } }) => a.peer.n)).toEqual([3, 3]);
    } finally {
      await hub.stop();
    }
  });
});
