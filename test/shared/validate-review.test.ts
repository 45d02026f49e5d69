import { describe, expect, it } from 'vitest';
import { feedbackRequired, validateReview } from '../../shared/index.ts';
import { rubric5 } from './fixtures.ts';

const complete = {
  scores: { open: 4, wait: 3, build: 2 },
  criterionFeedback: { open: 'Strong open questions throughout.' },
  notes: [],
};

describe('validateReview', () => {
  it('accepts a complete review', () => {
    expect(validateReview(rubric5, complete)).toEqual([]);
  });

  it('names every unscored criterion', () => {
    const issues = validateReview(rubric5, { ...complete, scores: { open: 4 } });
    expect(issues.map((i) => i.path)).toEqual(['scores.wait', 'scores.build']);
  });

  it.each([0, 6, 2.5, -1])('refuses level %s on a 5-point scale', (level) => {
    const issues = validateReview(rubric5, { ...complete, scores: { ...complete.scores, wait: level } });
    expect(issues).toEqual([{ path: 'scores.wait', message: 'level must be a whole number from 1 to 5' }]);
  });

  it('requires feedback where the rubric always requires it, even when met', () => {
    const issues = validateReview(rubric5, { ...complete, criterionFeedback: { open: '   ' } });
    expect(issues).toEqual([{ path: 'criterionFeedback.open', message: 'feedback for Open questions is required' }]);
  });

  it('requires feedback below the met level only where the rubric says so', () => {
    const below = { ...complete, scores: { open: 4, wait: 2, build: 1 } };
    expect(validateReview(rubric5, below).map((i) => i.path)).toEqual(['criterionFeedback.wait']);
    expect(feedbackRequired(rubric5.criteria[1]!, 3)).toBe(false);
    expect(feedbackRequired(rubric5.criteria[1]!, 2)).toBe(true);
    expect(feedbackRequired(rubric5.criteria[2]!, 1)).toBe(false);
  });

  it('refuses unknown criteria in scores, feedback and notes', () => {
    const issues = validateReview(rubric5, {
      scores: { ...complete.scores, extra: 3 },
      criterionFeedback: { ...complete.criterionFeedback, ghost: 'x' },
      notes: [{ artifactId: 'a1', text: 'n', criterionId: 'nope' }],
    });
    expect(issues.map((i) => i.path)).toEqual(['scores.extra', 'criterionFeedback.ghost', 'notes.0.criterionId']);
  });

  it('refuses notes on artifacts outside the submission when the set is given', () => {
    const review = { ...complete, notes: [{ artifactId: 'a1', text: 'ok' }, { artifactId: 'zz', text: 'bad' }] };
    expect(validateReview(rubric5, review, new Set(['a1']))).toEqual([
      { path: 'notes.1.artifactId', message: 'not an artifact of this submission' },
    ]);
  });

  describe('master reviews (role master)', () => {
    const rationale = { open: 'Every question was open.', wait: 'Waited five seconds.', build: 'Built on answers twice.' };
    const master = { role: 'master' as const };

    it('accepts a master review with a rationale for every criterion and no feedback', () => {
      const noFeedback = { ...complete, scores: { open: 4, wait: 2, build: 1 }, criterionFeedback: {}, criterionRationale: rationale };
      expect(validateReview(rubric5, noFeedback, undefined, master)).toEqual([]);
      expect(feedbackRequired(rubric5.criteria[0]!, 4, 'master')).toBe(false);
    });

    it('names each criterion whose rationale is missing or blank', () => {
      const review = { ...complete, criterionRationale: { open: rationale.open, wait: '  \n ' } };
      expect(validateReview(rubric5, review, undefined, master)).toEqual([
        { path: 'criterionRationale.wait', message: 'the rationale for Wait time is required' },
        { path: 'criterionRationale.build', message: 'the rationale for Building on answers is required' },
      ]);
      expect(validateReview(rubric5, { ...complete }, undefined, master).map((i) => i.path)).toEqual(
        ['criterionRationale.open', 'criterionRationale.wait', 'criterionRationale.build'],
      );
    });

    it('does not ask other roles for a rationale, and refuses one for an unknown criterion in any role', () => {
      expect(validateReview(rubric5, complete, undefined, { role: 'primary' })).toEqual([]);
      const ghost = { ...complete, criterionRationale: { ...rationale, ghost: 'x' } };
      expect(validateReview(rubric5, ghost).map((i) => i.path)).toEqual(['criterionRationale.ghost']);
    });
  });
});
