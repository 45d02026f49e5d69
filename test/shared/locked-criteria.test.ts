import { describe, expect, it } from 'vitest';
import { lockedFromPrevious, lockedViolations } from '../../shared/index.ts';
import { rubric5 } from './fixtures.ts';

const previous = {
  scores: { open: 4, wait: 2, build: 2 },
  criterionFeedback: { open: 'Good questions.', wait: 'Pause longer.' },
};

describe('locked criteria on a resubmission', () => {
  it('locks exactly the criteria met on the previous attempt, with level and feedback', () => {
    expect(lockedFromPrevious(rubric5, previous)).toEqual({
      open: { level: 4, feedback: 'Good questions.' },
      build: { level: 2, feedback: '' },
    });
  });

  it('reports a locked criterion sent with another level or other feedback', () => {
    const locked = lockedFromPrevious(rubric5, previous);
    expect(lockedViolations(locked, { scores: { open: 4, wait: 4, build: 2 }, criterionFeedback: { open: 'Good questions.' } })).toEqual([]);
    expect(lockedViolations(locked, { scores: { open: 5, wait: 4, build: 2 }, criterionFeedback: { open: 'Good questions.' } })).toEqual(['open']);
    expect(lockedViolations(locked, { scores: { open: 4, wait: 4, build: 2 }, criterionFeedback: { open: 'Changed.' } })).toEqual(['open']);
    expect(lockedViolations(locked, { scores: { open: 4 }, criterionFeedback: { open: 'Good questions.' } })).toEqual(['build']);
  });
});
