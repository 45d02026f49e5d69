import { z } from 'zod';
import { Id, IsoTime } from './ids.ts';
import { StoredReview } from './review.ts';

export const AssignmentRole = z.enum(['primary', 'second', 'adjudication', 'consensus', 'calibration', 'master']);
export const AssignmentState = z.enum(['assigned', 'in_progress', 'submitted', 'revoked', 'recused']);

/** A criterion met on the previous attempt: its level and feedback may not change. */
export const LockedCriterion = z.object({ level: z.number().int().min(1), feedback: z.string() });

export const Assignment = z.object({
  id: Id,
  submissionId: Id,
  assessorId: Id,
  role: AssignmentRole,
  state: AssignmentState,
  assignedAt: IsoTime,
  dueAt: IsoTime,
  locked: z.record(Id, LockedCriterion),
  previous: z.object({ submissionId: Id, review: StoredReview }).optional(),
});

export const OPEN_STATES: readonly AssignmentState[] = ['assigned', 'in_progress'];

export type AssignmentRole = z.infer<typeof AssignmentRole>;
export type AssignmentState = z.infer<typeof AssignmentState>;
export type LockedCriterion = z.infer<typeof LockedCriterion>;
export type Assignment = z.infer<typeof Assignment>;
