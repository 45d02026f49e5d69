// shared/stats against scikit-learn: the values in fixtures/stats-sklearn.json were computed
// by scripts/stats-fixtures.py (Debian's python3-sklearn; cohen_kappa_score with
// labels=range(1, points + 1), confusion_matrix, numpy) on seeded generated data. Python is
// not needed here: the committed fixture is the reference. Every figure must match to 1e-9.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { agreementStats, agreementWithin, decisionAgreement, type Measure, type Points, type UndefinedReason } from '../../shared/index.ts';

type Expected = { value: number } | { value: null; reason: UndefinedReason };
type LevelCase = {
  name: string;
  points: Points;
  rater: number[];
  reference: number[];
  expected: {
    n: number;
    confusion: number[][];
    exact: number;
    adjacent: number;
    within2: number;
    maxDiscrepancy: number;
    meanDifference: number;
    kappa: { unweighted: Expected; linear: Expected; quadratic: Expected };
  };
};
type DecisionCase = {
  name: string;
  rater: number[];
  reference: number[];
  expected: { n: number; agreement: number; counts: { both: number; neither: number; raterOnly: number; referenceOnly: number } };
};

const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'stats-sklearn.json'), 'utf8')) as {
  sklearn: string;
  levels: LevelCase[];
  decisions: DecisionCase[];
};

const TOLERANCE = 1e-9;

function expectMeasure(actual: Measure<UndefinedReason>, expected: Expected) {
  if (expected.value === null) {
    expect(actual).toEqual(expected);
    return;
  }
  expect(actual.value).not.toBeNull();
  expect(Math.abs((actual.value as number) - expected.value)).toBeLessThanOrEqual(TOLERANCE);
}

describe(`shared/stats against scikit-learn ${fixture.sklearn}`, () => {
  it('covers 5 and 7 points, unused categories, perfect and total disagreement and one level everywhere', () => {
    const names = fixture.levels.map((c) => c.name);
    expect(new Set(fixture.levels.map((c) => c.points))).toEqual(new Set([5, 7]));
    expect(fixture.levels.some((c) => c.expected.kappa.unweighted.value === null)).toBe(true);
    expect(fixture.levels.some((c) => c.expected.n >= 20_000)).toBe(true);
    for (const word of ['perfect agreement', 'total disagreement', 'skewed marginals', 'only levels 2..4', 'one level everywhere', 'n=1']) {
      expect(names.some((n) => n.includes(word))).toBe(true);
    }
  });

  it.each(fixture.levels.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const out = agreementStats({ points: c.points, rater: Int32Array.from(c.rater), reference: Int32Array.from(c.reference) });
    if (!out.ok) throw new Error(out.error.message);
    const s = out.value;
    const e = c.expected;
    expect(s.n).toBe(e.n);
    expect(Array.from(s.confusion.counts)).toEqual(e.confusion.flat());
    expectMeasure(s.exact, { value: e.exact });
    expectMeasure(s.adjacent, { value: e.adjacent });
    expectMeasure(agreementWithin(s.confusion, 2), { value: e.within2 });
    expect(s.maxDiscrepancy).toEqual({ value: e.maxDiscrepancy });
    expectMeasure(s.meanDifference, { value: e.meanDifference });
    expectMeasure(s.kappa.unweighted, e.kappa.unweighted);
    expectMeasure(s.kappa.linear, e.kappa.linear);
    expectMeasure(s.kappa.quadratic, e.kappa.quadratic);
  });

  it.each(fixture.decisions.map((c) => [c.name, c] as const))('decisions: %s', (_name, c) => {
    const out = decisionAgreement(Uint8Array.from(c.rater), c.reference.map((d) => d === 1));
    if (!out.ok) throw new Error(out.error.message);
    expect(out.value.n).toBe(c.expected.n);
    expect(out.value.counts).toEqual(c.expected.counts);
    expectMeasure(out.value.agreement, { value: c.expected.agreement });
  });
});
