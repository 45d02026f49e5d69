// Reliability flags at their thresholds and just short of them: the rules on figures made to
// sit exactly on each threshold, then the lenient/severe flag end to end on a hub, where a
// period holding exactly 20 pairs at a mean difference of 0.5 flags and its neighbours do not.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Comparison, DriftPoint, Measure } from '../../shared/index.ts';
import { flagsOf } from '../../server/services/reports/flags.ts';
import type { Loose } from '../support/hub.ts';
import { DAY_MS, drainWork, startClockedHub, type ClockedHub, type SentReview } from './reports-helpers.ts';
import { scoringManifest } from './scoring-helpers.ts';

const m = (value: number): Measure => ({ value });
const NONE: Measure = { value: null, reason: 'no_ratings' };
const POLICY = { measure: 'exact' as const, passMark: 0.8 };

function comparison(exact: number, n: number, criteria: { id: string; md: number; n: number }[] = []): Comparison {
  return {
    n, exact: m(exact), adjacent: m(1), qwk: m(0.5), meanDifference: m(0), decision: { n: 0, agreement: NONE },
    criteria: criteria.map((c) => ({ criterionId: c.id, n: c.n, exact: m(0.5), adjacent: m(1), qwk: m(0.5), meanDifference: m(c.md) })),
    confusion: { points: 5, n, counts: [] },
  };
}
const point = (measure: number, n: number): DriftPoint => ({ bucket: '2026-11', start: '2026-11-01T00:00:00.000Z', n, exact: m(measure), adjacent: m(1), measure: m(measure) });
const kinds = (flags: { kind: string; against: string; criterionId?: string }[]) => flags.map((f) => `${f.kind}/${f.against}${f.criterionId ? `/${f.criterionId}` : ''}`);
const base = { master: comparison(0.9, 30), peer: comparison(0.9, 30), policy: POLICY, drift: [] as DriftPoint[], earlier: { n: 0, measure: NONE } };

describe('the flag rules', () => {
  it('below the pass mark: flags under it, not at it (0.8 from 24 of 30)', () => {
    expect(kinds(flagsOf({ ...base, master: comparison(24 / 30, 30) }))).toEqual([]);
    expect(kinds(flagsOf({ ...base, master: comparison(23 / 30, 30) }))).toEqual(['below_pass_mark/master']);
    expect(kinds(flagsOf({ ...base, master: { ...comparison(0, 0), exact: NONE } }))).toEqual([]);
  });

  it('drifting: the last bucket at least 0.1 below the earlier mean, with n ≥ 10 on both sides', () => {
    const drift = (last: number, lastN: number, earlier: number, earlierN: number) =>
      kinds(flagsOf({ ...base, drift: [point(earlier, earlierN), point(last, lastN)], earlier: { n: earlierN, measure: m(earlier) } }));
    expect(drift(0.8, 10, 0.9, 10)).toEqual(['drifting/master']);
    expect(drift(0.7, 10, 0.8, 20)).toEqual(['drifting/master']);
    expect(drift(0.81, 10, 0.9, 10)).toEqual([]);
    expect(drift(0.5, 9, 0.9, 10)).toEqual([]);
    expect(drift(0.5, 10, 0.9, 9)).toEqual([]);
  });

  it('lenient or severe: |mean difference| ≥ 0.5 on a criterion with n ≥ 20, against master or peer', () => {
    const flags = flagsOf({
      ...base,
      master: comparison(0.9, 60, [{ id: 'c-a', md: 0.5, n: 20 }, { id: 'c-b', md: -0.5, n: 20 }, { id: 'c-c', md: 0.45, n: 20 }]),
      peer: comparison(0.9, 60, [{ id: 'c-a', md: 0.9, n: 19 }, { id: 'c-b', md: -0.49, n: 40 }, { id: 'c-c', md: 10 / 20, n: 20 }]),
    });
    expect(kinds(flags)).toEqual(['lenient/master/c-a', 'severe/master/c-b', 'lenient/peer/c-c']);
    expect(flags[1]).toMatchObject({ value: -0.5, threshold: -0.5, n: 20 });
  });
});

describe('lenient and severe flags on a hub, at 20 pairs and a mean difference of 0.5', () => {
  let hub: ClockedHub;
  const pairTimes: number[] = [];

  beforeAll(async () => {
    hub = await startClockedHub(scoringManifest({ 'mc-questioning': { mode: 'all' } }), ['alice', 'bob', 'carol'], Date.parse('2026-09-07T08:00:00.000Z'));
    // Only alice and bob may read, so they read every submission together.
    expect((await hub.as('sam').patch('/v1/users/u-carol', { active: false })).status).toBe(200);
    for (let i = 0; i < 21; i++) {
      hub.clock.advance(DAY_MS);
      await hub.submit(`cand-flag-${i}`);
      // The first 10 pairs: alice one level above bob on c-plan; the rest agree everywhere.
      const sent: SentReview[] = await drainWork(hub, ['alice', 'bob'], (reader) => ({ 'c-plan': i < 10 && reader === 'alice' ? 4 : 3, 'c-engage': 4, 'c-assess': 4 }));
      expect(sent.map((r) => r.role).sort()).toEqual(['primary', 'second']);
      pairTimes.push(Math.max(...sent.map((r) => r.at)));
    }
  }, 180_000);
  afterAll(async () => {
    await hub?.stop();
  });

  const report = async (from: number, to: number) => {
    const res = await hub.as('sam').get(`/v1/reports/reliability?microCredentialId=mc-questioning&from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return new Map((res.body.assessors as Loose[]).map((a) => [a.assessorId, a]));
  };

  it('flags alice lenient and bob severe on c-plan over pairs 1–20 (10 of 20 one level apart)', async () => {
    const r = await report(pairTimes[0]!, pairTimes[20]!);
    expect(r.get('u-alice').peer.criteria.find((c: Loose) => c.criterionId === 'c-plan')).toMatchObject({ n: 20, meanDifference: { value: 0.5 } });
    expect(r.get('u-alice').flags).toEqual([{ kind: 'lenient', against: 'peer', criterionId: 'c-plan', value: 0.5, threshold: 0.5, n: 20 }]);
    expect(r.get('u-bob').flags).toEqual([{ kind: 'severe', against: 'peer', criterionId: 'c-plan', value: -0.5, threshold: -0.5, n: 20 }]);
  });

  it('does not flag 19 pairs, even at a larger mean difference', async () => {
    const r = await report(pairTimes[0]!, pairTimes[19]!);
    expect(r.get('u-alice').peer.criteria.find((c: Loose) => c.criterionId === 'c-plan')).toMatchObject({ n: 19, meanDifference: { value: 10 / 19 } });
    expect(r.get('u-alice').flags).toEqual([]);
    expect(r.get('u-bob').flags).toEqual([]);
  });

  it('does not flag 20 pairs at a mean difference of 0.45', async () => {
    const r = await report(pairTimes[1]!, pairTimes[20]! + 1);
    expect(r.get('u-alice').peer.criteria.find((c: Loose) => c.criterionId === 'c-plan')).toMatchObject({ n: 20, meanDifference: { value: 0.45 } });
    expect(r.get('u-alice').flags).toEqual([]);
    expect(r.get('u-bob').flags).toEqual([]);
  });
});
