// Migration 009: reviews stored before it get their levels column filled in from their
// bodies, so the reliability report counts old double-scored reads as well as new ones.
import { afterAll, describe, expect, it } from 'vitest';
import { api, ENGINE, hubSql, makeDataDir, removeHubData, startHub } from '../support/hub.ts';
import { newReviewId, reviewBody, pdfBytes } from './fixture-helpers.ts';
import { scoringManifest, usernameOf } from './scoring-helpers.ts';

describe(`migration 009, review levels (${ENGINE})`, () => {
  const dataDir = makeDataDir();
  afterAll(async () => {
    await removeHubData(dataDir);
  });

  it('fills reviews.scores from each stored body, and the report reads them', async () => {
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
    await hubSql(dataDir, ['ALTER TABLE reviews DROP COLUMN scores', 'DELETE FROM schema_migrations WHERE version >= 9', ...(ENGINE === 'sqlite' ? ['PRAGMA user_version = 8'] : [])]);

    // The same seed again: a seeded database is not seeded twice, but demo accounts may sign in.
    const hub = await startHub({ dataDir, seed: manifest });
    try {
      const rows = await hubSql(dataDir, ['SELECT body, scores FROM reviews']);
      expect(rows).toHaveLength(2);
      for (const r of rows) expect(JSON.parse(String(r.scores))).toEqual(JSON.parse(String(r.body)).scores);
      const report = (await api(hub.url, await hub.signIn('sam')).get('/v1/reports/reliability?microCredentialId=mc-questioning')).body;
      expect(report.assessors.map((a: { peer: { n: number } }) => a.peer.n)).toEqual([3, 3]);
    } finally {
      await hub.stop();
    }
  });
});
