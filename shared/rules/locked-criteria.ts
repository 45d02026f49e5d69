import type { LockedCriterion, ReviewBody, Rubric } from '../domain/index.ts';

/**
 * On a resubmission, every criterion met on the previous attempt keeps that attempt's
 * level and feedback.
 */
export function lockedFromPrevious(
  rubric: Rubric,
  previous: Pick<ReviewBody, 'scores' | 'criterionFeedback'>,
): Record<string, LockedCriterion> {
  const locked: Record<string, LockedCriterion> = {};
  for (const c of rubric.criteria) {
    const level = previous.scores[c.id];
    if (level !== undefined && level >= c.metLevel) {
      locked[c.id] = { level, feedback: previous.criterionFeedback[c.id] ?? '' };
    }
  }
  return locked;
}

/** The locked criteria a review changes (another level or other feedback). */
export function lockedViolations(
  locked: Readonly<Record<string, LockedCriterion>>,
  review: Pick<ReviewBody, 'scores' | 'criterionFeedback'>,
): string[] {
  return Object.entries(locked)
    .filter(([id, lock]) => review.scores[id] !== lock.level || (review.criterionFeedback[id] ?? '') !== lock.feedback)
    .map(([id]) => id);
}
