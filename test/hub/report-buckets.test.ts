// The reports' per-row date arithmetic works a day at a time (server/services/reports/buckets.ts);
// it must give exactly what parsing every instant in full gives, for any instant.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bucketer, bucketOf, dayCounter } from '../../server/services/reports/buckets.ts';

const DAY_MS = 86_400_000;
/** Instants from 1990 to 2090, as the hub writes them (toISOString). */
const instant = fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2090, 0, 1) }).map((ms) => new Date(ms).toISOString());

describe('report buckets, a day at a time', () => {
  it('bucketer gives bucketOf\'s week and month for every instant, however often a day repeats', () => {
    const week = bucketer('week');
    const month = bucketer('month');
    fc.assert(fc.property(fc.array(instant, { minLength: 1, maxLength: 50 }), (isos) => {
      for (const iso of [...isos, ...isos]) {
        expect(week(iso)).toEqual(bucketOf(iso, 'week'));
        expect(month(iso)).toEqual(bucketOf(iso, 'month'));
      }
    }), { numRuns: 300 });
  });

  it('dayCounter gives the exact days between two instants, as Date.parse does', () => {
    const days = dayCounter();
    fc.assert(fc.property(instant, instant, (a, b) => {
      expect(days(a, b)).toBe((Date.parse(b) - Date.parse(a)) / DAY_MS);
    }), { numRuns: 2000 });
  });

  it('an instant one character off the hub\'s form (an impossible day, a 24th hour, a letter) counts as Date.parse counts it', () => {
    const days = dayCounter();
    const mutated = fc.tuple(instant, fc.nat({ max: 23 }), fc.constantFrom(...'0123456789-:.TZ+ a')).map(([iso, at, c]) => iso.slice(0, at) + c + iso.slice(at + 1));
    fc.assert(fc.property(instant, mutated, (a, b) => {
      expect(days(a, b)).toBe((Date.parse(b) - Date.parse(a)) / DAY_MS);
    }), { numRuns: 5000 });
    for (const odd of ['2026-02-30T00:00:00.000Z', '2024-02-29T12:00:00.000Z', '2026-01-01T24:00:00.000Z', '0099-01-01T00:00:00.000Z', '2026-13-01T00:00:00.000Z']) {
      expect(days('2026-01-01T00:00:00.000Z', odd), odd).toBe((Date.parse(odd) - Date.parse('2026-01-01T00:00:00.000Z')) / DAY_MS);
    }
  });

  it('an instant not in the hub\'s own form is parsed in full, offset and all', () => {
    const days = dayCounter();
    expect(days('2026-03-01T00:00:00.000Z', '2026-03-02T02:00:00+02:00')).toBe(1);
    expect(days('2026-03-01T00:00:00Z', '2026-03-01T12:00:00.000Z')).toBe(0.5);
    expect(bucketer('week')('2026-03-02T01:00:00+02:00')).toEqual(bucketOf('2026-03-02T01:00:00+02:00', 'week'));
    expect(bucketer('week')('2026-03-02T01:00:00+02:00').label).toBe('2026-02-23');
  });
});
