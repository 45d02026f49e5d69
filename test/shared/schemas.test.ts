import { describe, expect, it } from 'vitest';
import { canonicalJson, ReviewBody, Rubric } from '../../shared/index.ts';
import { rubric5 } from './fixtures.ts';

describe('Rubric schema', () => {
  it('accepts a well-formed rubric', () => {
    expect(Rubric.safeParse(rubric5).success).toBe(true);
  });

  it.each([
    ['labels of the wrong count', { ...rubric5, scale: { points: 5, labels: ['a', 'b'] } }, 'scale.labels'],
    ['a criterion with too few descriptors', { ...rubric5, criteria: [{ ...rubric5.criteria[0]!, levels: ['a'] }] }, 'criteria.0.levels'],
    ['a met level beyond the scale', { ...rubric5, criteria: [{ ...rubric5.criteria[0]!, metLevel: 6 }] }, 'criteria.0.metLevel'],
    ['duplicate criterion ids', { ...rubric5, criteria: [rubric5.criteria[0]!, rubric5.criteria[0]!] }, 'criteria.1.id'],
    ['a threshold beyond the scale', { ...rubric5, threshold: 6 }, 'threshold'],
    ['a 6-point scale', { ...rubric5, scale: { points: 6, labels: ['a', 'b', 'c', 'd', 'e', 'f'] } }, 'scale.points'],
  ])('refuses %s', (_name, value, path) => {
    const r = Rubric.safeParse(value);
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('ReviewBody schema', () => {
  const body = {
    assignmentId: 'asg-1', rubricId: 'rub-q', rubricVersion: 1, scores: { open: 3 }, criterionFeedback: {},
    overallFeedback: '', notes: [{ artifactId: 'a1', atSec: 4, endSec: 9, text: 'good' }], timeSpentSec: 60,
  };
  it('accepts a clip note and refuses one that ends before it starts', () => {
    expect(ReviewBody.safeParse(body).success).toBe(true);
    const bad = ReviewBody.safeParse({ ...body, notes: [{ artifactId: 'a1', atSec: 9, endSec: 4, text: 'x' }] });
    expect(bad.error?.issues[0]?.path).toEqual(['notes', 0, 'endSec']);
  });
  it('refuses ids that could be paths', () => {
    expect(ReviewBody.safeParse({ ...body, assignmentId: '../etc' }).success).toBe(false);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });
});
