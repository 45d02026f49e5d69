import type { Draft, DraftPatch } from '../../../shared/index.ts';

/** Combines two patches the way the core applies them one after the other. */
export function mergePatches(first: DraftPatch, second: DraftPatch): DraftPatch {
  const merged: DraftPatch = { ...first, ...second };
  if (first.scores || second.scores) merged.scores = { ...first.scores, ...second.scores };
  if (first.criterionFeedback || second.criterionFeedback) merged.criterionFeedback = { ...first.criterionFeedback, ...second.criterionFeedback };
  if (first.criterionRationale || second.criterionRationale) merged.criterionRationale = { ...first.criterionRationale, ...second.criterionRationale };
  if (first.criterionBasis || second.criterionBasis) merged.criterionBasis = { ...first.criterionBasis, ...second.criterionBasis };
  if (first.addTimeSpentSec !== undefined || second.addTimeSpentSec !== undefined) {
    merged.addTimeSpentSec = (first.addTimeSpentSec ?? 0) + (second.addTimeSpentSec ?? 0);
  }
  return merged;
}

/** The draft as it will be once the core has applied the patch (the optimistic view). */
export function applyPatch(draft: Draft, patch: DraftPatch): Draft {
  const scores = { ...draft.scores };
  for (const [id, level] of Object.entries(patch.scores ?? {})) {
    if (level === null) delete scores[id];
    else scores[id] = level;
  }
  return {
    ...draft,
    scores,
    criterionFeedback: { ...draft.criterionFeedback, ...patch.criterionFeedback },
    criterionRationale: { ...draft.criterionRationale, ...patch.criterionRationale },
    criterionBasis: { ...draft.criterionBasis, ...patch.criterionBasis },
    rationale: patch.rationale ?? draft.rationale,
    overallFeedback: patch.overallFeedback ?? draft.overallFeedback,
    notes: patch.notes ?? draft.notes,
    timeSpentSec: draft.timeSpentSec + (patch.addTimeSpentSec ?? 0),
  };
}

export const isEmptyPatch = (patch: DraftPatch): boolean => Object.keys(patch).length === 0;
