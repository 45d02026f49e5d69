import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../../electron/core/outbox/backoff.ts';

describe('outbox backoff', () => {
  it('grows exponentially up to the cap, with full jitter below the ceiling', () => {
    expect([0, 1, 2, 3].map((a) => backoffDelay(a, 1000, 300_000, () => 0.999999))).toEqual([999, 1999, 3999, 7999]);
    expect(backoffDelay(40, 1000, 300_000, () => 0.999999)).toBe(299_999);
    expect(backoffDelay(5, 1000, 300_000, () => 0)).toBe(0);
    const spread = new Set(Array.from({ length: 200 }, () => backoffDelay(3, 1000, 300_000)));
    expect(spread.size).toBeGreaterThan(50);
    for (const d of spread) expect(d).toBeLessThan(8000);
  });
});
