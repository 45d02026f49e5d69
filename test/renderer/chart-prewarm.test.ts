import { afterEach, describe, expect, it, vi } from 'vitest';
import { prewarmCharts } from '../../renderer/src/components/charts/prewarm.ts';

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the report charts warm-up', () => {
  it('draws each kind of chart once, one per idle period, off the page, and only the first time it is asked', () => {
    vi.useFakeTimers();
    const created = vi.spyOn(document, 'createElementNS');
    const svgs = () => created.mock.calls.filter(([, name]) => name === 'svg').length;
    prewarmCharts();
    expect(svgs()).toBe(0);
    const perPeriod: number[] = [];
    while (vi.getTimerCount() > 0) {
      const before = svgs();
      vi.advanceTimersToNextTimer();
      perPeriod.push(svgs() - before);
    }
    // Lines and dots, faceted bars, a heatmap, a histogram with its legend.
    expect(perPeriod).toHaveLength(4);
    expect(perPeriod.every((n) => n >= 1)).toBe(true);
    expect(document.body.querySelector('svg')).toBeNull();
    prewarmCharts();
    expect(vi.getTimerCount()).toBe(0);
  });
});
