import type { ReviewBody, Rubric } from '../domain/index.ts';

export type ReviewIssue = { path: string; message: string };

/** Whether the rubric requires written feedback for a criterion at this level. */
export function feedbackRequired(rule: Rubric['criteria'][number], level: number | undefined): boolean {
  if (rule.feedback === 'required') return true;
  if (rule.feedback === 'required_below_met') return level !== undefined && level < rule.metLevel;
  return false;
}

/**
 * Checks a review against its rubric: every criterion scored, each level within
 * 1..points, feedback present where the rubric requires it, no unknown criteria, notes
 * pointing at criteria of this rubric and (when given) artifacts of this submission.
 * An empty list means the review is complete.
 */
export function validateReview(
  rubric: Rubric,
  review: Pick<ReviewBody, 'scores' | 'criterionFeedback' | 'notes'>,
  artifactIds?: ReadonlySet<string>,
): ReviewIssue[] {
  const issues: ReviewIssue[] = [];
  const known = new Set(rubric.criteria.map((c) => c.id));
  const points = rubric.scale.points;
  for (const c of rubric.criteria) {
    const level = review.scores[c.id];
    const validLevel = level !== undefined && Number.isInteger(level) && level >= 1 && level <= points;
    if (level === undefined) {
      issues.push({ path: `scores.${c.id}`, message: `${c.title} is not scored` });
    } else if (!validLevel) {
      issues.push({ path: `scores.${c.id}`, message: `level must be a whole number from 1 to ${points}` });
    }
    const text = review.criterionFeedback[c.id]?.trim() ?? '';
    // An out-of-range level says nothing about whether feedback is due; report only the level.
    if (text === '' && (level === undefined || validLevel) && feedbackRequired(c, level)) {
      issues.push({ path: `criterionFeedback.${c.id}`, message: `feedback for ${c.title} is required` });
    }
  }
  for (const id of Object.keys(review.scores)) {
    if (!known.has(id)) issues.push({ path: `scores.${id}`, message: 'not a criterion of this rubric' });
  }
  for (const id of Object.keys(review.criterionFeedback)) {
    if (!known.has(id)) issues.push({ path: `criterionFeedback.${id}`, message: 'not a criterion of this rubric' });
  }
  review.notes.forEach((n, i) => {
    if (n.criterionId !== undefined && !known.has(n.criterionId)) {
      issues.push({ path: `notes.${i}.criterionId`, message: 'not a criterion of this rubric' });
    }
    if (artifactIds && !artifactIds.has(n.artifactId)) {
      issues.push({ path: `notes.${i}.artifactId`, message: 'not an artifact of this submission' });
    }
  });
  return issues;
}
