import type { DraftPatch, LockedCriterion, Rubric } from '../../../shared/index.ts';
import type { DraftContent } from './draft-rows.ts';
import { StoreError, STORE_ERRORS, type JournalAction } from './types.ts';

export type DraftChange = { action: Extract<JournalAction, 'level_set' | 'feedback_changed' | 'note_changed'>; payload: Record<string, unknown> };

const invalid = (path: string, message: string) => new StoreError(STORE_ERRORS.invalid, `${path}: ${message}`, [{ path, message }]);
const lockedError = (criterionId: string, title: string) =>
  new StoreError(
    STORE_ERRORS.lockedCriterion,
    `${title} was met on the previous attempt: its level and feedback are locked.`,
    { criterionIds: [criterionId] },
  );

/**
 * Applies a patch to a draft's content: scores, criterion feedback and rationale merge per criterion
 * (a null level clears it), and so does an adjudication's basis; overall feedback, an
 * adjudication's rationale and notes replace, time spent adds. Rejects
 * unknown criteria or artifacts and out-of-scale levels (invalid) and any change to a locked
 * criterion (locked_criterion), before anything is written. Answers the changes for the journal.
 */
export function mergeDraftPatch(
  current: DraftContent,
  patch: DraftPatch,
  rubric: Rubric,
  locked: Readonly<Record<string, LockedCriterion>>,
  artifactIds: ReadonlySet<string>,
): { next: DraftContent; changes: DraftChange[] } {
  const criteria = new Map(rubric.criteria.map((c) => [c.id, c]));
  const points = rubric.scale.points;
  const next: DraftContent = {
    ...current, scores: { ...current.scores }, criterionFeedback: { ...current.criterionFeedback }, criterionRationale: { ...current.criterionRationale },
    criterionBasis: { ...current.criterionBasis },
  };
  // An adjudicator's level or text changed without naming its source is their own.
  const touched = new Set([...Object.keys(patch.scores ?? {}), ...Object.keys(patch.criterionFeedback ?? {})]);
  const changes: DraftChange[] = [];

  for (const [id, level] of Object.entries(patch.scores ?? {})) {
    const criterion = criteria.get(id);
    if (!criterion) throw invalid(`scores.${id}`, 'not a criterion of this rubric');
    if (level !== null && (!Number.isInteger(level) || level < 1 || level > points)) {
      throw invalid(`scores.${id}`, `level must be a whole number from 1 to ${points}`);
    }
    const lock = locked[id];
    if (lock && level !== lock.level) throw lockedError(id, criterion.title);
    if ((current.scores[id] ?? null) === level) continue;
    if (level === null) delete next.scores[id];
    else next.scores[id] = level;
    changes.push({ action: 'level_set', payload: { criterionId: id, level } });
  }

  for (const [id, text] of Object.entries(patch.criterionFeedback ?? {})) {
    const criterion = criteria.get(id);
    if (!criterion) throw invalid(`criterionFeedback.${id}`, 'not a criterion of this rubric');
    const lock = locked[id];
    if (lock && text !== lock.feedback) throw lockedError(id, criterion.title);
    if ((current.criterionFeedback[id] ?? '') === text) continue;
    next.criterionFeedback[id] = text;
    changes.push({ action: 'feedback_changed', payload: { criterionId: id, chars: text.length } });
  }

  for (const [id, text] of Object.entries(patch.criterionRationale ?? {})) {
    if (!criteria.has(id)) throw invalid(`criterionRationale.${id}`, 'not a criterion of this rubric');
    if ((current.criterionRationale[id] ?? '') === text) continue;
    next.criterionRationale[id] = text;
    changes.push({ action: 'feedback_changed', payload: { criterionId: id, chars: text.length, rationale: true } });
  }

  for (const id of touched) if (criteria.has(id) && patch.criterionBasis?.[id] === undefined && next.criterionBasis[id] !== undefined) next.criterionBasis[id] = 'own';
  for (const [id, basis] of Object.entries(patch.criterionBasis ?? {})) {
    if (!criteria.has(id)) throw invalid(`criterionBasis.${id}`, 'not a criterion of this rubric');
    next.criterionBasis[id] = basis;
  }

  if (patch.rationale !== undefined && patch.rationale !== current.rationale) {
    next.rationale = patch.rationale;
    changes.push({ action: 'feedback_changed', payload: { criterionId: null, chars: patch.rationale.length, rationale: true } });
  }

  if (patch.overallFeedback !== undefined && patch.overallFeedback !== current.overallFeedback) {
    next.overallFeedback = patch.overallFeedback;
    changes.push({ action: 'feedback_changed', payload: { criterionId: null, chars: patch.overallFeedback.length } });
  }

  if (patch.notes !== undefined) {
    patch.notes.forEach((note, i) => {
      if (note.criterionId !== undefined && !criteria.has(note.criterionId)) throw invalid(`notes.${i}.criterionId`, 'not a criterion of this rubric');
      if (!artifactIds.has(note.artifactId)) throw invalid(`notes.${i}.artifactId`, 'not an artifact of this submission');
    });
    if (JSON.stringify(patch.notes) !== JSON.stringify(current.notes)) {
      next.notes = patch.notes;
      changes.push({ action: 'note_changed', payload: { count: patch.notes.length } });
    }
  }

  if (patch.addTimeSpentSec !== undefined) next.timeSpentSec = current.timeSpentSec + patch.addTimeSpentSec;
  return { next, changes };
}
