import { describe, expect, it } from 'vitest';
import { contentRange, ifRangeMatches, parseRange } from '../../shared/http-range.ts';

describe('parseRange', () => {
  it.each([
    [undefined, 100, { kind: 'full' }],
    ['bytes=0-9', 100, { kind: 'partial', start: 0, end: 9 }],
    ['bytes=90-', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-10', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=-500', 100, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=50-500', 100, { kind: 'partial', start: 50, end: 99 }],
    ['bytes=100-', 100, { kind: 'unsatisfiable' }],
    ['bytes=-0', 100, { kind: 'unsatisfiable' }],
    ['bytes=0-0', 0, { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-6', 100, { kind: 'full' }],
    ['items=0-1', 100, { kind: 'full' }],
    ['bytes=9-3', 100, { kind: 'full' }],
  ] as const)('%s of %i bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected);
  });

  it('matches If-Range only on the identical strong validator', () => {
    expect(ifRangeMatches(undefined, '"abc"')).toBe(true);
    expect(ifRangeMatches('"abc"', '"abc"')).toBe(true);
    expect(ifRangeMatches('"abd"', '"abc"')).toBe(false);
    expect(ifRangeMatches('Wed, 21 Oct 2015 07:28:00 GMT', '"abc"')).toBe(false);
    expect(contentRange(0, 9, 100)).toBe('bytes 0-9/100');
  });
});
