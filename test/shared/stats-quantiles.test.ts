// shared/stats' quantiles against numpy: fixtures/quantiles-numpy.json was computed by
// scripts/quantile-fixtures.py (np.quantile, default linear method) on seeded data.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { quantiles, shareAtMost } from '../../shared/index.ts';

type Case = { name: string; values: number[]; limit: number; quantiles: Record<string, number>; shareAtMost: number };
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, 'fixtures', 'quantiles-numpy.json'), 'utf8')) as { numpy: string; qs: number[]; cases: Case[] };

describe(`quantiles against numpy ${fixture.numpy}`, () => {
  for (const c of fixture.cases) {
    it(`${c.name}: every quantile and the share within the limit match to 1e-9`, () => {
      const got = quantiles(c.values, fixture.qs);
      fixture.qs.forEach((q, i) => {
        const value = got[i]!.value;
        expect(value).not.toBeNull();
        expect(Math.abs(value! - c.quantiles[String(q)]!)).toBeLessThanOrEqual(1e-9);
      });
      expect(Math.abs(shareAtMost(c.values, c.limit).value! - c.shareAtMost)).toBeLessThanOrEqual(1e-9);
    });
  }

  it('no values: every figure is null with a reason, never NaN', () => {
    expect(quantiles([], [0.5, 0.9])).toEqual([{ value: null, reason: 'no_ratings' }, { value: null, reason: 'no_ratings' }]);
    expect(shareAtMost([], 7)).toEqual({ value: null, reason: 'no_ratings' });
  });

  it('leaves the input unsorted', () => {
    const values = [5, 1, 3];
    quantiles(values, [0.5]);
    expect(values).toEqual([5, 1, 3]);
  });
});
