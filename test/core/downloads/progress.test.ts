import { describe, expect, it } from 'vitest';
import { RateMeter, Throttle, etaSeconds } from '../../../electron/core/downloads/progress.ts';

/** A clock the test moves by hand, so gaps are exact whatever the machine is doing. */
function manualClock(start = 1_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('Throttle', () => {
  it('lets one event through per interval on its own clock, and forced events always', () => {
    const clock = manualClock();
    const throttle = new Throttle(100, clock.now);
    const passedAt: number[] = [];
    for (let i = 0; i < 1_000; i++) {
      if (throttle.pass()) passedAt.push(clock.now());
      clock.advance(7);
    }
    expect(passedAt.length).toBe(Math.ceil((1_000 * 7) / 105));
    for (let i = 1; i < passedAt.length; i++) expect(passedAt[i]! - passedAt[i - 1]!).toBeGreaterThanOrEqual(100);

    expect(throttle.pass()).toBe(false);
    expect(throttle.pass(true)).toBe(true);
    expect(throttle.pass()).toBe(false);
    clock.advance(99);
    expect(throttle.pass()).toBe(false);
    clock.advance(1);
    expect(throttle.pass()).toBe(true);
  });
});

describe('RateMeter', () => {
  it('samples no more often than asked and smooths the rate', () => {
    const clock = manualClock();
    const meter = new RateMeter(0, clock.now);
    clock.advance(100);
    expect(meter.sample(1_000_000)).toBe(0);
    clock.advance(150);
    expect(meter.sample(1_000_000)).toBe(4_000_000);
    clock.advance(250);
    expect(meter.sample(1_000_000)).toBe(0.7 * 4_000_000);
  });

  it('answers an ETA from the rate, 0 when done and none without a rate', () => {
    expect(etaSeconds(1_000, 300)).toBe(4);
    expect(etaSeconds(0, 0)).toBe(0);
    expect(etaSeconds(1_000, 0)).toBeNull();
  });
});
