// shared/stats against published worked examples, its defined edge cases and its input
// validation. The scikit-learn reference values are in stats-sklearn.test.ts, the
// algebraic properties in stats-properties.test.ts.
import { describe, expect, it } from 'vitest';
import {
  agreementStats,
  agreementWithin,
  cohenKappa,
  confusionMatrix,
  countAt,
  decisionAgreement,
  Measure,
  type AgreementStats,
  type ConfusionMatrix,
  type Points,
} from '../../shared/index.ts';

/** Expands a contingency table (rows: rater level 1.., columns: reference level 1..) into pairs. */
function pairsFromTable(table: number[][]): { rater: Int32Array; reference: Int32Array } {
  const rater: number[] = [];
  const reference: number[] = [];
  table.forEach((row, r) =>
    row.forEach((count, c) => {
      for (let i = 0; i < count; i++) {
        rater.push(r + 1);
        reference.push(c + 1);
      }
    }),
  );
  return { rater: Int32Array.from(rater), reference: Int32Array.from(reference) };
}

function stats(points: Points, rater: ArrayLike<number>, reference: ArrayLike<number>): AgreementStats {
  const result = agreementStats({ points, rater, reference });
  if (!result.ok) throw new Error(`unexpected ${result.error.code}: ${result.error.message}`);
  return result.value;
}

function matrix(points: Points, rater: ArrayLike<number>, reference: ArrayLike<number>): ConfusionMatrix {
  const result = confusionMatrix(rater, reference, points);
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const valueOf = (m: { value: number | null }): number => {
  if (m.value === null) throw new Error('expected a value');
  return m.value;
};

describe('published worked examples', () => {
  it("Wikipedia's 'Cohen's kappa' example (50 proposals, two readers): κ = 0.4, whichever weighting", () => {
    // https://en.wikipedia.org/wiki/Cohen%27s_kappa#Simple_example: both yes 20, A yes B no 5,
    // A no B yes 10, both no 15; p_o = 0.7, p_e = 0.5, κ = 0.4. "No" is level 1, "yes" level 2
    // of a 5-point scale: levels 3..5 are unused, and with two adjacent categories the
    // linear and quadratic weights equal the unweighted ones.
    const { rater, reference } = pairsFromTable([
      [15, 10],
      [5, 20],
    ]);
    const s = stats(5, rater, reference);
    expect(s.n).toBe(50);
    expect(valueOf(s.exact)).toBeCloseTo(0.7, 12);
    expect(valueOf(s.kappa.unweighted)).toBeCloseTo(0.4, 12);
    expect(valueOf(s.kappa.linear)).toBeCloseTo(0.4, 12);
    expect(valueOf(s.kappa.quadratic)).toBeCloseTo(0.4, 12);
  });

  it('the SAS PROC FREQ 3 × 3 example: simple κ = 0.4842, weighted (linear) κ = 0.4701', () => {
    // SAS printout recorded in statsmodels' statsmodels/stats/tests/test_inter_rater.py
    // (table10); SAS's default Cicchetti–Allison weights are linear. Printed to 4 decimals.
    const { rater, reference } = pairsFromTable([
      [0, 4, 1],
      [0, 8, 0],
      [0, 1, 5],
    ]);
    const s = stats(5, rater, reference);
    expect(valueOf(s.kappa.unweighted)).toBeCloseTo(0.4842, 4);
    expect(valueOf(s.kappa.linear)).toBeCloseTo(0.4701, 4);
  });

  it("R irr's anxiety data, raters 2 and 3: κ = −0.006289308, linear 0.1459075, quadratic 0.2520325", () => {
    // irr::kappa2(anxiety[,2:3]) with weight "unweighted", "equal" and "squared" (values as
    // printed, recorded in statsmodels' test_inter_rater.py). Neither rater used level 5 of
    // the 6-point data and kappa2 drops unused levels, so its weights treat 6 as the 5th
    // category: here 6 is renumbered 5 on a 5-point scale to compare like with like.
    const rater2 = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4].map((l) => (l === 6 ? 5 : l));
    const rater3 = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2].map((l) => (l === 6 ? 5 : l));
    const s = stats(5, rater2, rater3);
    expect(valueOf(s.kappa.unweighted)).toBeCloseTo(-0.006289308, 8);
    expect(valueOf(s.kappa.linear)).toBeCloseTo(0.1459075, 7);
    expect(valueOf(s.kappa.quadratic)).toBeCloseTo(0.2520325, 7);
  });
});

describe('the confusion matrix', () => {
  it('has the rater in rows and the reference in columns, every category 1..points present', () => {
    const m = matrix(7, [7, 7, 1, 3], [1, 1, 1, 3]);
    expect(m.counts).toHaveLength(49);
    expect(countAt(m, 7, 1)).toBe(2);
    expect(m.counts[6 * 7 + 0]).toBe(2);
    expect(countAt(m, 1, 7)).toBe(0);
    expect(countAt(m, 1, 1)).toBe(1);
    expect(countAt(m, 3, 3)).toBe(1);
    expect(m.n).toBe(4);
  });

  it('takes typed arrays of any element type and plain arrays alike', () => {
    const levels = [1, 2, 5, 4, 4];
    const other = [1, 3, 5, 2, 4];
    const plain = matrix(5, levels, other).counts;
    for (const Typed of [Uint8Array, Int16Array, Int32Array, Float64Array]) {
      expect(matrix(5, Typed.from(levels), Typed.from(other)).counts).toEqual(plain);
    }
  });
});

describe('defined edge cases', () => {
  it('no ratings: every measure is null with reason no_ratings, and n is 0', () => {
    const s = stats(5, [], []);
    expect(s.n).toBe(0);
    expect(Array.from(s.confusion.counts).every((c) => c === 0)).toBe(true);
    for (const m of [s.exact, s.adjacent, s.maxDiscrepancy, s.meanDifference, s.kappa.unweighted, s.kappa.linear, s.kappa.quadratic, s.decision.agreement]) {
      expect(m).toEqual({ value: null, reason: 'no_ratings' });
    }
    expect(agreementWithin(s.confusion, 2)).toEqual({ value: null, reason: 'no_ratings' });
  });

  it('one level everywhere: agreement is complete but kappa is undefined (no_variation), not NaN', () => {
    const s = stats(7, new Uint8Array(30).fill(4), new Uint8Array(30).fill(4));
    expect(s.exact).toEqual({ value: 1 });
    expect(s.adjacent).toEqual({ value: 1 });
    expect(s.maxDiscrepancy).toEqual({ value: 0 });
    expect(s.meanDifference).toEqual({ value: 0 });
    expect(s.kappa).toEqual({
      unweighted: { value: null, reason: 'no_variation' },
      linear: { value: null, reason: 'no_variation' },
      quadratic: { value: null, reason: 'no_variation' },
    });
    const wire = JSON.parse(JSON.stringify(s.kappa));
    expect(Measure.safeParse(wire.quadratic).success).toBe(true);
  });

  it('one level on each side but different levels: kappa is 0 (agreement exactly at chance), not undefined', () => {
    const s = stats(5, new Uint8Array(10).fill(1), new Uint8Array(10).fill(5));
    expect(s.kappa.unweighted).toEqual({ value: 0 });
    expect(s.kappa.quadratic).toEqual({ value: 0 });
    expect(s.exact).toEqual({ value: 0 });
    expect(s.maxDiscrepancy).toEqual({ value: 4 });
    expect(s.meanDifference).toEqual({ value: -4 });
  });

  it('a lenient rater has a positive mean difference, a severe one a negative one', () => {
    expect(valueOf(stats(5, [4, 5, 3], [3, 4, 3]).meanDifference)).toBeCloseTo(2 / 3, 12);
    expect(valueOf(stats(5, [3, 4, 3], [4, 5, 3]).meanDifference)).toBeCloseTo(-2 / 3, 12);
  });

  it('the tolerance measure counts pairs at most t levels apart', () => {
    const m = matrix(7, [1, 1, 1, 1], [1, 2, 3, 7]);
    expect(agreementWithin(m, 0)).toEqual({ value: 0.25 });
    expect(agreementWithin(m, 1)).toEqual({ value: 0.5 });
    expect(agreementWithin(m, 2)).toEqual({ value: 0.75 });
    expect(agreementWithin(m, 6)).toEqual({ value: 1 });
    expect(cohenKappa(m, 'unweighted').value).not.toBeNull();
  });
});

describe('decision agreement', () => {
  it('counts matching decisions from booleans or 0/1, with the 2 × 2 table', () => {
    const out = decisionAgreement([true, true, false, false, true], Uint8Array.from([1, 0, 0, 1, 1]));
    expect(out).toEqual({ ok: true, value: { n: 5, agreement: { value: 0.6 }, counts: { both: 2, neither: 1, raterOnly: 1, referenceOnly: 1 } } });
  });

  it('travels with the level measures in the one call', () => {
    const out = agreementStats({ points: 5, rater: [3], reference: [3], decisions: { rater: [1, 0], reference: [1, 1] } });
    expect(out.ok && out.value.decision.agreement).toEqual({ value: 0.5 });
    expect(out.ok && out.value.decision.counts.referenceOnly).toBe(1);
  });
});

describe('input validation: an invalid result naming the field, never a throw', () => {
  const invalid = (input: Parameters<typeof agreementStats>[0]) => {
    const out = agreementStats(input);
    if (out.ok) throw new Error('expected an invalid result');
    expect(out.error.code).toBe('invalid');
    return out.error;
  };

  it('refuses arrays of different lengths', () => {
    const error = invalid({ points: 5, rater: [1, 2, 3], reference: [1, 2] });
    expect(error.message).toBe('rater has 3 levels and reference 2: they must pair up one to one');
    expect(error.details).toEqual({ field: 'reference', raterLength: 3, referenceLength: 2 });
  });

  it('refuses levels outside 1..points, fractional levels and NaN, naming side and index', () => {
    expect(invalid({ points: 5, rater: [1, 6], reference: [1, 1] }).details).toEqual({ field: 'rater', index: 1, value: '6' });
    expect(invalid({ points: 5, rater: [1, 1], reference: [0, 1] }).details).toEqual({ field: 'reference', index: 0, value: '0' });
    expect(invalid({ points: 7, rater: [2.5], reference: [2] }).message).toBe('rater level at index 0 is 2.5: levels are integers 1..7');
    expect(invalid({ points: 7, rater: [3], reference: [Number.NaN] }).details).toEqual({ field: 'reference', index: 0, value: 'NaN' });
    expect(invalid({ points: 5, rater: Float64Array.from([1, -1]), reference: [1, 1] }).details).toEqual({ field: 'rater', index: 1, value: '-1' });
  });

  it('refuses a scale other than 5 or 7 points', () => {
    const error = invalid({ points: 6 as Points, rater: [1], reference: [1] });
    expect(error).toEqual({ code: 'invalid', message: 'points must be 5 or 7, not 6', details: { field: 'points' } });
  });

  it('refuses decisions that are not 0/1 or booleans, and unequal decision arrays', () => {
    expect(invalid({ points: 5, rater: [1], reference: [1], decisions: { rater: [1, 2], reference: [1, 1] } }).details).toEqual({
      field: 'rater',
      index: 1,
      value: '2',
    });
    expect(invalid({ points: 5, rater: [1], reference: [1], decisions: { rater: [1], reference: [] } }).details).toEqual({
      field: 'reference',
      raterLength: 1,
      referenceLength: 0,
    });
  });
});

describe('the wire schema of a measure', () => {
  it('accepts a finite value or null with a reason, and refuses NaN, infinities and unknown reasons', () => {
    expect(Measure.safeParse({ value: 0.8 }).success).toBe(true);
    expect(Measure.safeParse({ value: null, reason: 'no_variation' }).success).toBe(true);
    expect(Measure.safeParse({ value: Number.NaN }).success).toBe(false);
    expect(Measure.safeParse({ value: Number.POSITIVE_INFINITY }).success).toBe(false);
    expect(Measure.safeParse({ value: null }).success).toBe(false);
    expect(Measure.safeParse({ value: null, reason: 'too_few' }).success).toBe(false);
  });
});
