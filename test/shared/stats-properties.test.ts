// Algebraic properties of shared/stats over random rating pairs (fast-check): what must
// hold whatever the data, including the empty and one-level-everywhere corners.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agreementStats, agreementWithin, decisionAgreement, Measure, type AgreementStats, type Points } from '../../shared/index.ts';

type Pairs = { points: Points; rater: Int32Array; reference: Int32Array };

/** A scale, then up to 300 pairs on it; small scales of distinct levels make corners likely. */
const pairsArb: fc.Arbitrary<Pairs> = fc.constantFrom<Points>(5, 7).chain((points) =>
  fc
    .array(fc.tuple(fc.integer({ min: 1, max: points }), fc.integer({ min: 1, max: points })), { maxLength: 300 })
    .map((pairs) => ({ points, rater: Int32Array.from(pairs, ([r]) => r), reference: Int32Array.from(pairs, ([, c]) => c) })),
);

function stats(points: Points, rater: ArrayLike<number>, reference: ArrayLike<number>): AgreementStats {
  const out = agreementStats({ points, rater, reference });
  if (!out.ok) throw new Error(out.error.message);
  return out.value;
}

const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) <= 1e-12);
const RUNS = { numRuns: 300 };

describe('shared/stats properties', () => {
  it('kappa is symmetric in swapping rater and reference, for every weighting', () => {
    fc.assert(
      fc.property(pairsArb, ({ points, rater, reference }) => {
        const ab = stats(points, rater, reference).kappa;
        const ba = stats(points, reference, rater).kappa;
        for (const w of ['unweighted', 'linear', 'quadratic'] as const) {
          if (ab[w].value === null) expect(ba[w]).toEqual(ab[w]);
          else expect(close(ab[w].value, ba[w].value)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('exact ≤ adjacent ≤ within 2 ≤ 1, and every kappa is at most 1', () => {
    fc.assert(
      fc.property(pairsArb, ({ points, rater, reference }) => {
        const s = stats(points, rater, reference);
        if (s.n === 0) return;
        const exact = s.exact.value as number;
        const adjacent = s.adjacent.value as number;
        const within2 = agreementWithin(s.confusion, 2).value as number;
        expect(exact).toBeLessThanOrEqual(adjacent);
        expect(adjacent).toBeLessThanOrEqual(within2);
        expect(within2).toBeLessThanOrEqual(1);
        for (const k of Object.values(s.kappa)) if (k.value !== null) expect(k.value).toBeLessThanOrEqual(1 + 1e-12);
      }),
      RUNS,
    );
  });

  it('perfect agreement gives kappa 1 whenever kappa is defined, and no_variation only for a single level', () => {
    fc.assert(
      fc.property(pairsArb, ({ points, rater }) => {
        const s = stats(points, rater, rater);
        if (s.n === 0) return;
        expect(s.exact).toEqual({ value: 1 });
        const levelsUsed = new Set(rater).size;
        for (const k of Object.values(s.kappa)) {
          if (levelsUsed === 1) expect(k).toEqual({ value: null, reason: 'no_variation' });
          else expect(close(k.value, 1)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('the mean difference is antisymmetric and max discrepancy is 0 exactly when agreement is exact', () => {
    fc.assert(
      fc.property(pairsArb, ({ points, rater, reference }) => {
        const ab = stats(points, rater, reference);
        const ba = stats(points, reference, rater);
        if (ab.n === 0) return;
        expect(close(ab.meanDifference.value, -(ba.meanDifference.value as number))).toBe(true);
        expect(ab.maxDiscrepancy.value === 0).toBe(ab.exact.value === 1);
        expect(ab.maxDiscrepancy.value).toBeLessThanOrEqual(points - 1);
      }),
      RUNS,
    );
  });

  it('the confusion matrix sums to n, its rows count the rater, and swapping the sides transposes it', () => {
    fc.assert(
      fc.property(pairsArb, ({ points, rater, reference }) => {
        const m = stats(points, rater, reference).confusion;
        const t = stats(points, reference, rater).confusion;
        expect(m.counts.reduce((a, b) => a + b, 0)).toBe(rater.length);
        for (let r = 0; r < points; r++) {
          let row = 0;
          for (let c = 0; c < points; c++) {
            row += m.counts[r * points + c] as number;
            expect(m.counts[r * points + c]).toBe(t.counts[c * points + r]);
          }
          expect(row).toBe(rater.filter((l) => l === r + 1).length);
        }
      }),
      RUNS,
    );
  });

  it('every measure is a finite number or null with a reason: nothing that would be NaN on the wire', () => {
    fc.assert(
      fc.property(pairsArb, ({ points, rater, reference }) => {
        const s = stats(points, rater, reference);
        const measures = [s.exact, s.adjacent, s.maxDiscrepancy, s.meanDifference, ...Object.values(s.kappa)];
        for (const m of measures) expect(Measure.safeParse(JSON.parse(JSON.stringify(m))).success).toBe(true);
      }),
      RUNS,
    );
  });

  it('decision agreement is the share of equal decisions, and its table sums to n', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.boolean(), fc.boolean()), { maxLength: 200 }), (pairs) => {
        const out = decisionAgreement(
          pairs.map(([r]) => r),
          Uint8Array.from(pairs, ([, c]) => (c ? 1 : 0)),
        );
        if (!out.ok) throw new Error(out.error.message);
        const { n, agreement, counts } = out.value;
        expect(counts.both + counts.neither + counts.raterOnly + counts.referenceOnly).toBe(n);
        const same = pairs.filter(([r, c]) => r === c).length;
        expect(agreement).toEqual(n === 0 ? { value: null, reason: 'no_ratings' } : { value: same / n });
      }),
      RUNS,
    );
  });
});
