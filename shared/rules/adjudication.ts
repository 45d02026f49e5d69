import type { AdjudicatedCriterion } from '../protocol/scoring.ts';
import type { Rubric, StoredReview } from '../domain/index.ts';
import { validateReview, type ReviewIssue } from './validate-review.ts';

export type AdjudicationBasis = AdjudicatedCriterion['basis'];

/** What an adjudicator's draft holds: final levels and feedback, where each came from, one rationale. */
export type AdjudicationContent = {
  scores: Readonly<Record<string, number>>;
  criterionFeedback: Readonly<Record<string, string>>;
  criterionBasis: Readonly<Record<string, AdjudicationBasis>>;
  rationale: string;
};

/**
 * The basis that is true for a criterion's final level and feedback: `first` or `second`
 * only while they are exactly that read's, as the hub checks; anything else is the
 * adjudicator's own. A claimed basis that no longer matches falls back to `own`.
 */
export function trueBasis(reads: readonly [StoredReview, StoredReview], criterionId: string, level: number | undefined, feedback: string, claimed: AdjudicationBasis | undefined): AdjudicationBasis {
  if (claimed !== 'first' && claimed !== 'second') return 'own';
  const read = claimed === 'first' ? reads[0] : reads[1];
  return read.scores[criterionId] === level && (read.criterionFeedback[criterionId] ?? '') === feedback ? claimed : 'own';
}

/**
 * What still stops an adjudication from being submitted: the review rules (every criterion
 * scored, feedback where the rubric asks for it) and a rationale for the whole.
 */
export function adjudicationIssues(rubric: Rubric, content: AdjudicationContent): ReviewIssue[] {
  const issues = validateReview(rubric, { scores: content.scores, criterionFeedback: content.criterionFeedback, notes: [] }, undefined, { role: 'adjudication' });
  if (content.rationale.trim() === '') issues.push({ path: 'rationale', message: 'a rationale for the adjudication is required' });
  return issues;
}
