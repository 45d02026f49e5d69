import { describe, expect, it } from 'vitest';
import { decide } from '../../shared/index.ts';
import { rubric5 } from './fixtures.ts';

describe('decide', () => {
  it('is earned when every criterion is met and the weighted mean reaches the threshold', () => {
    const out = decide(rubric5, { open: 3, wait: 3, build: 3 });
    expect(out.decision).toBe('earned');
    expect(out.weightedMean).toBe(3);
    expect(out.reasons).toEqual([]);
  });

  it('is not yet when one criterion is below its met level, even with a high mean', () => {
    const out = decide(rubric5, { open: 5, wait: 2, build: 5 });
    expect(out.weightedMean).toBeCloseTo(4.25);
    expect(out.decision).toBe('not_yet');
    expect(out.criteria.find((c) => c.criterionId === 'wait')?.met).toBe(false);
    expect(out.reasons).toEqual(['Wait time: level 2 is below the met level 3']);
  });

  it('is not yet when every criterion is met but the weighted mean is below the threshold', () => {
    const rubric = { ...rubric5, threshold: 3.5 };
    const out = decide(rubric, { open: 3, wait: 4, build: 4 });
    expect(out.weightedMean).toBeCloseTo(3.5);
    expect(out.decision).toBe('earned');
    const lower = decide(rubric, { open: 3, wait: 4, build: 3 });
    expect(lower.weightedMean).toBeCloseTo(3.25);
    expect(lower.decision).toBe('not_yet');
    expect(lower.reasons[0]).toMatch(/Weighted mean 3.25 is below the threshold 3.5/);
  });

  it('weights criteria by their weight', () => {
    expect(decide(rubric5, { open: 5, wait: 3, build: 3 }).weightedMean).toBe(4);
    expect(decide(rubric5, { open: 3, wait: 5, build: 3 }).weightedMean).toBe(3.5);
  });

  it('makes no decision while a criterion is unscored', () => {
    const out = decide(rubric5, { open: 4 });
    expect(out.decision).toBeNull();
    expect(out.reasons).toEqual(['Not scored yet: Wait time, Building on answers']);
  });
});
