// GET /v1/decisions through the real hub: a decision written with the deciding review, and
// filters and keyset paging over 10,000 generated decisions on either engine.
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionsResponse } from '../../shared/index.ts';
import { api, ENGINE, hubSql, makeDataDir, removeHubData, startHub, type Loose } from '../support/hub.ts';
import { FIXTURE, newReviewId, reviewBody, startFixtureHub, UNDO_AFTER_004, type FixtureHub } from './fixture-helpers.ts';

const GENERATED = 10_000;
const MCS = ['mc-a', 'mc-b', 'mc-c'];

/** The generated rows, by the same formulas the SQL below uses (no stored answers). */
function generated(): Loose[] {
  return Array.from({ length: GENERATED }, (_, k) => {
    const i = k + 1;
    return {
      submissionId: `gen-${100000 + i}`,
      candidateRef: `cand-g${i % 500}`,
      microCredentialId: MCS[i % 3],
      attempt: 1 + (i % 2),
      decision: i % 4 === 0 ? 'not_yet' : 'earned',
      // Every fifth adjudicated and every fifth agreed, each read by two assessors.
      basis: i % 5 === 0 ? 'adjudicated' : i % 5 === 1 ? 'agreed' : 'single',
      decidedAt: `2026-03-${10 + (i % 18)}T${10 + (i % 14)}:${10 + (i % 50)}:00.000Z`,
      assessorIds: i % 5 <= 1 ? [`u-g${i % 7}`, `u-g${(i + 3) % 7}`] : [`u-g${i % 7}`],
      rubricId: 'rub-teach',
      rubricVersion: 1,
    };
  });
}

const SERIES = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${GENERATED})`;
const DECIDED_AT = `'2026-03-' || (10 + i % 18) || 'T' || (10 + i % 14) || ':' || (10 + i % 50) || ':00.000Z'`;
const SEED_SQL = [
  `INSERT INTO decisions (submission_id, candidate_ref, micro_credential_id, attempt, decision, basis, decided_at, assessor_ids, rubric_id, rubric_version, review_id, levels)
   ${SERIES} SELECT 'gen-' || (100000 + i), 'cand-g' || (i % 500), CASE i % 3 WHEN 0 THEN 'mc-a' WHEN 1 THEN 'mc-b' ELSE 'mc-c' END, 1 + i % 2,
   CASE WHEN i % 4 = 0 THEN 'not_yet' ELSE 'earned' END, CASE i % 5 WHEN 0 THEN 'adjudicated' WHEN 1 THEN 'agreed' ELSE 'single' END, ${DECIDED_AT},
   CASE WHEN i % 5 <= 1 THEN '["u-g' || (i % 7) || '","u-g' || ((i + 3) % 7) || '"]' ELSE '["u-g' || (i % 7) || '"]' END, 'rub-teach', 1, 'rev-g' || i,
   '{"c-plan":' || (1 + i % 4) || '}' FROM n`,
  `INSERT INTO decision_assessors (assessor_id, decided_at, submission_id) ${SERIES} SELECT 'u-g' || (i % 7), ${DECIDED_AT}, 'gen-' || (100000 + i) FROM n`,
  `INSERT INTO decision_assessors (assessor_id, decided_at, submission_id) ${SERIES} SELECT 'u-g' || ((i + 3) % 7), ${DECIDED_AT}, 'gen-' || (100000 + i) FROM n WHERE i % 5 <= 1`,
];

const newestFirst = (a: Loose, b: Loose) => (a.decidedAt === b.decidedAt ? (a.submissionId < b.submissionId ? 1 : -1) : a.decidedAt < b.decidedAt ? 1 : -1);

describe('decisions list', () => {
  describe('written with the deciding review', () => {
    let hub: FixtureHub;
    beforeAll(async () => {
      hub = await startFixtureHub(['alice', 'bob', 'carol']);
    });
    afterAll(() => hub.stop());

    it('lists a reviewed submission with who decided it, on which rubric version, and nothing about the candidate', async () => {
      const { submission, assignments } = await hub.submit('cand-dec', { school: 'Eastside Middle', district: 'D9' });
      const a = assignments.find((x: Loose) => x.role === 'primary');
      expect(a).toBeDefined();
      const before = await hub.as('sam').get(`/v1/decisions?candidateRef=cand-dec`);
      expect(before.body).toEqual({ decisions: [] });
      const user = a.assessorId.replace(/^u-/, '');
      hub.tokens[user] ??= await hub.signIn(user);
      const put = await hub.as(user).put(`/v1/reviews/${newReviewId()}`, reviewBody(a.id, { scores: { 'c-plan': 1, 'c-engage': 4, 'c-assess': 4 } }));
      expect(put.status, JSON.stringify(put.body)).toBe(201);
      const res = await hub.as('sam').get(`/v1/decisions?candidateRef=cand-dec`);
      expect(res.status).toBe(200);
      expect(DecisionsResponse.parse(res.body)).toEqual({
        decisions: [{
          submissionId: submission.id, candidateRef: 'cand-dec', microCredentialId: 'mc-questioning', attempt: 1, decision: put.body.decision,
          basis: 'single', decidedAt: put.body.receivedAt, assessorIds: [a.assessorId], rubricId: 'rub-teach', rubricVersion: 1,
        }],
      });
      // toEqual above already rules out any other field; the school and the reflection stay out by value too.
      for (const secret of ['Eastside Middle', 'Reflection of cand-dec', '/v1/artifacts']) expect(JSON.stringify(res.body)).not.toContain(secret);
    });
  });

  describe(`filters and keyset paging over ${GENERATED} decisions`, () => {
    const dataDir = makeDataDir();
    const rows = generated().sort(newestFirst);
    let sam: ReturnType<typeof api>;
    let stop: () => Promise<void>;
    let hubUrl: string;
    let samToken: string;
    /** The fixture's own decided submissions (from its seeded reviews), listed alongside. */
    let seeded: Loose[];
    let backfilled: Loose[];
    beforeAll(async () => {
      const first = await startHub({ seed: FIXTURE, dataDir });
      seeded = (await api(first.url, await first.signIn('sam')).get('/v1/decisions?limit=1000')).body.decisions;
      await first.stop();
      // Undo migration 004 and every later one (newest first), and start again: 004 copies the decisions in from the stored reviews.
      await hubSql(dataDir, [...UNDO_AFTER_004,
        'DROP TABLE decision_assessors', 'DROP TABLE decisions', 'DELETE FROM schema_migrations WHERE version >= 4',
        ...(ENGINE === 'sqlite' ? ['PRAGMA user_version = 3'] : [])]);
      const again = await startHub({ seed: FIXTURE, dataDir });
      backfilled = (await api(again.url, await again.signIn('sam')).get('/v1/decisions?limit=1000')).body.decisions;
      await again.stop();
      await hubSql(dataDir, SEED_SQL);
      const hub = await startHub({ seed: FIXTURE, dataDir });
      samToken = await hub.signIn('sam');
      sam = api(hub.url, samToken);
      hubUrl = hub.url;
      stop = hub.stop;
    });
    afterAll(async () => {
      await stop();
      await removeHubData(dataDir);
    });

    /** Follows `next` to the end; every page is within the limit and only the last lacks `next`. */
    async function walk(query: Record<string, string>, limit: number): Promise<Loose[]> {
      const out: Loose[] = [];
      let cursor: string | undefined;
      for (let pages = 0; pages < GENERATED; pages++) {
        const q = new URLSearchParams({ ...query, limit: String(limit), ...(cursor ? { cursor } : {}) });
        const res = await sam.get(`/v1/decisions?${q}`);
        expect(res.status, JSON.stringify(res.body)).toBe(200);
        const page = DecisionsResponse.parse(res.body);
        expect(page.decisions.length).toBeLessThanOrEqual(limit);
        out.push(...page.decisions);
        if (!page.next) return out;
        expect(page.decisions).toHaveLength(limit);
        cursor = page.next;
      }
      throw new Error('paging did not end');
    }

    const cases: [string, Record<string, string>, (r: Loose) => boolean, number][] = [
      ['no filter', {}, () => true, 1000],
      ['a micro-credential', { microCredentialId: 'mc-b' }, (r) => r.microCredentialId === 'mc-b', 700],
      ['an assessor and a decision', { assessorId: 'u-g3', decision: 'not_yet' }, (r) => r.assessorIds.includes('u-g3') && r.decision === 'not_yet', 97],
      ['a time window', { from: '2026-03-14T00:00:00.000Z', to: '2026-03-16T12:00:00.000Z' }, (r) => r.decidedAt >= '2026-03-14T00:00:00.000Z' && r.decidedAt < '2026-03-16T12:00:00.000Z', 250],
      ['a candidate', { candidateRef: 'cand-g42' }, (r) => r.candidateRef === 'cand-g42', 7],
      ['a basis', { basis: 'adjudicated' }, (r) => r.basis === 'adjudicated', 300],
      ['either of two readers, and a basis', { assessorId: 'u-g5', basis: 'agreed' }, (r) => r.assessorIds.includes('u-g5') && r.basis === 'agreed', 50],
      ['everything at once', { microCredentialId: 'mc-a', assessorId: 'u-g2', decision: 'earned', basis: 'single', from: '2026-03-15T00:00:00.000Z' },
        (r) => r.microCredentialId === 'mc-a' && r.assessorIds.includes('u-g2') && r.decision === 'earned' && r.basis === 'single' && r.decidedAt >= '2026-03-15T00:00:00.000Z', 33],
    ];
    it.each(cases)('%s: every matching decision once, newest first', async (_name, query, keep, limit) => {
      const expected = [...rows, ...seeded].sort(newestFirst).filter(keep);
      expect(expected.length).toBeGreaterThan(limit);
      expect(await walk(query, limit)).toEqual(expected);
    });

    it('the migration that adds the list copies in the decisions already made', () => {
      expect(seeded.length).toBeGreaterThan(0);
      expect(backfilled).toEqual(seeded);
    });

    const csv = async (query: string) => {
      const res = await fetch(`${hubUrl}/v1/exports/decisions.csv?${query}`, { headers: { authorization: `Bearer ${samToken}` } });
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    };

    it('exports the filtered decisions as CSV that parses back to the same rows, with one level column per criterion', async () => {
      const res = await csv('microCredentialId=mc-b&decision=not_yet');
      expect(res).toMatchObject({ status: 200, type: 'text/csv; charset=utf-8' });
      expect(res.text.split('\r\n', 1)[0]).toBe('submissionId,candidateRef,microCredentialId,attempt,decision,basis,decidedAt,assessorIds,rubricId,rubricVersion,level:c-plan,level:c-engage,level:c-assess');
      const records = parse(res.text, { columns: true }) as Record<string, string>[];
      const expected = rows.filter((r) => r.microCredentialId === 'mc-b' && r.decision === 'not_yet');
      expect(expected.length).toBeGreaterThan(500);
      expect(records).toEqual(expected.map((r) => ({
        submissionId: r.submissionId, candidateRef: r.candidateRef, microCredentialId: r.microCredentialId, attempt: String(r.attempt), decision: r.decision,
        basis: r.basis, decidedAt: r.decidedAt, assessorIds: r.assessorIds.join(' '), rubricId: r.rubricId, rubricVersion: String(r.rubricVersion),
        'level:c-plan': String(1 + ((Number(r.submissionId.slice(4)) - 100000) % 4)), 'level:c-engage': '', 'level:c-assess': '',
      })));
    });

    it('exports every decision without filters, and refuses a bad filter before writing anything', async () => {
      const all = await csv('');
      expect(all.status).toBe(200);
      const records = parse(all.text, { columns: true }) as Record<string, string>[];
      expect(records.map((r) => r.submissionId)).toEqual([...rows, ...seeded].sort(newestFirst).map((r) => r.submissionId));
      for (const query of ['decision=maybe', 'cursor=abc', 'limit=5', 'to=never']) {
        const bad = await csv(query);
        expect(bad.status, query).toBe(422);
        expect(JSON.parse(bad.text).error.code).toBe('invalid');
      }
    });

    it('refuses a forged cursor, an unknown filter and a basis that does not exist, each with the field named', async () => {
      for (const [query, path] of [['cursor=bm90LWEtY3Vyc29y', 'cursor'], ['cursor=%3D%3D', 'cursor'], ['basis=double', 'basis'], ['decision=maybe', 'decision'],
        ['from=yesterday', 'from'], ['limit=0', 'limit'], ['school=Eastside', '(body)']] as const) {
        const res = await sam.get(`/v1/decisions?${query}`);
        expect(res.status, query).toBe(422);
        expect(res.body.error.code).toBe('invalid');
        if (path !== '(body)') expect(res.body.error.details.map((d: Loose) => d.path), query).toContain(path);
      }
    });
  });
});
