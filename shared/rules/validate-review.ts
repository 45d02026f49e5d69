import type { AssignmentRole, ReviewBody, Rubric } from '../domain/index.ts';

export type ReviewIssue = { path: string; message: string };

/** What the review is for: a master review (role `master`) gives reasons, not feedback to a candidate. */
export type ReviewRules = { role?: AssignmentRole };

/** Whether a review in this role must carry a non-empty `criterionRationale` for every criterion. */
export const rationaleRequired = (role: AssignmentRole | undefined): boolean => role === 'master';

/**
 * Whether the rubric requires written feedback for a criterion at this level. A master
 * review's feedback is optional: its rationale is what it must write.
 */
export function feedbackRequired(rule: Rubric['criteria'][number], level: number | undefined, role?: AssignmentRole): boolean {
  if (rationaleRequired(role)) return false;
  if (rule.feedback === 'required') return true;
  if (rule.feedback === 'required_below_met') return level !== undefined && level < rule.metLevel;
  return false;
}

/**
 * Checks a review against its rubric: every criterion scored, each level within
 * 1..points, feedback present where the rubric requires it, a rationale for every
 * criterion on a master review, no unknown criteria, notes pointing at criteria of this
 * rubric and (when given) artifacts of this submission. An empty list means the review is
 * complete. The hub and the workstation both call this, so they refuse the same reviews.
 */
export function validateReview(
  rubric: Rubric,
  review: Pick<ReviewBody, 'scores' | 'criterionFeedback' | 'notes' | 'criterionRationale'>,
  artifactIds?: ReadonlySet<string>,
  rules: ReviewRules = {},
): ReviewIssue[] {
  const issues: ReviewIssue[] = [];
  const known = new Set(rubric.criteria.map((c) => c.id));
  const points = rubric.scale.points;
  const rationale = review.criterionRationale ?? {};
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
    if (text === '' && (level === undefined || validLevel) && feedbackRequired(c, level, rules.role)) {
      issues.push({ path: `criterionFeedback.${c.id}`, message: `feedback for ${c.title} is required` });
    }
    if (rationaleRequired(rules.role) && (rationale[c.id]?.trim() ?? '') === '') {
      issues.push({ path: `criterionRationale.${c.id}`, message: `the rationale for ${c.title} is required` });
    }
  }
  for (const id of Object.keys(review.scores)) {
    if (!known.has(id)) issues.push({ path: `scores.${id}`, message: 'not a criterion of this rubric' });
  }
  for (const id of Object.keys(review.criterionFeedback)) {
    if (!known.has(id)) issues.push({ path: `criterionFeedback.${id}`, message: 'not a criterion of this rubric' });
  }
  for (const id of Object.keys(rationale)) {
    if (!known.has(id)) issues.push({ path: `criterionRationale.${id}`, message: 'not a criterion of this rubric' });
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
