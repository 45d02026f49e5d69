import { describe, expect, it } from 'vitest';
import { agreementOf, decide, sampleDraw, type Rubric } from '../../shared/index.ts';

const criterion = (id: string, weight: number, metLevel = 3) => ({
  id, title: id, description: '', weight, metLevel, feedback: 'optional' as const, levels: ['1', '2', '3', '4', '5'],
});
const RUBRIC: Rubric = {
  id: 'rub', version: 1, title: 'R', scale: { points: 5, labels: ['a', 'b', 'c', 'd', 'e'] },
  criteria: [criterion('a', 1), criterion('b', 1), criterion('c', 1)], threshold: 3,
};

describe('agreementOf: same decision and no criterion more than tolerance apart', () => {
  it('agrees exactly at the tolerance', () => {
    const out = agreementOf(RUBRIC, { a: 4, b: 4, c: 4 }, { a: 3, b: 4, c: 5 }, 1);
    expect(out.agreed).toBe(true);
    expect(out.differing).toEqual([
      { criterionId: 'a', first: 4, second: 3, difference: 1, beyondTolerance: false },
      { criterionId: 'c', first: 4, second: 5, difference: 1, beyondTolerance: false },
    ]);
  });

  it('disagrees one level past the tolerance, naming the criterion', () => {
    const out = agreementOf(RUBRIC, { a: 5, b: 4, c: 4 }, { a: 3, b: 4, c: 4 }, 1);
    expect(out.agreed).toBe(false);
    expect(out.decisions).toEqual({ first: 'earned', second: 'earned' });
    expect(out.differing).toEqual([{ criterionId: 'a', first: 5, second: 3, difference: 2, beyondTolerance: true }]);
  });

  it('with tolerance 0 any difference disagrees', () => {
    expect(agreementOf(RUBRIC, { a: 4, b: 4, c: 4 }, { a: 4, b: 4, c: 3 }, 0).agreed).toBe(false);
    expect(agreementOf(RUBRIC, { a: 4, b: 4, c: 4 }, { a: 4, b: 4, c: 4 }, 0).agreed).toBe(true);
  });

  it('disagrees on the decision through the weighted mean even with the same levels on the heavy criteria and every criterion within tolerance', () => {
    // Every criterion met (3) in both reads; the means 3.75 and 3.5 fall either side of the threshold 3.6.
    const weighted: Rubric = { ...RUBRIC, criteria: [criterion('a', 2), criterion('b', 1), criterion('c', 1)], threshold: 3.6 };
    const first = { a: 4, b: 3, c: 4 };
    const second = { a: 4, b: 3, c: 3 };
    expect(decide(weighted, first).decision).toBe('earned');
    expect(decide(weighted, second).decision).toBe('not_yet');
    const out = agreementOf(weighted, first, second, 1);
    expect(out.differing.every((d) => !d.beyondTolerance)).toBe(true);
    expect(out.agreed).toBe(false);
    expect(out.decisions).toEqual({ first: 'earned', second: 'not_yet' });
  });

  it('refuses an incomplete read', () => {
    expect(() => agreementOf(RUBRIC, { a: 4, b: 4 }, { a: 4, b: 4, c: 4 }, 1)).toThrow(/complete/);
  });
});

describe('sampleDraw', () => {
  it('is deterministic in the seed, micro-credential and ordinal, and differs when any changes', () => {
    expect(sampleDraw('s', 'mc', 7)).toBe(sampleDraw('s', 'mc', 7));
    const others = [sampleDraw('t', 'mc', 7), sampleDraw('s', 'mc2', 7), sampleDraw('s', 'mc', 8)];
    for (const d of others) expect(d).not.toBe(sampleDraw('s', 'mc', 7));
  });

  it('spreads over [0, 1): about a tenth of 10,000 ordinals fall below 0.1', () => {
    const draws = Array.from({ length: 10_000 }, (_, i) => sampleDraw('seed-a', 'mc-questioning', i));
    expect(draws.every((d) => d >= 0 && d < 1)).toBe(true);
    const below = draws.filter((d) => d < 0.1).length;
    expect(below).toBeGreaterThan(850);
    expect(below).toBeLessThan(1150);
  });
});
