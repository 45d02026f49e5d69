import { z } from 'zod';
import { Id, IsoTime } from './ids.ts';
import { StoredReview } from './review.ts';

export const AssignmentRole = z.enum(['primary', 'second', 'adjudication', 'consensus', 'calibration', 'master']);
export const AssignmentState = z.enum(['assigned', 'in_progress', 'submitted', 'revoked', 'recused']);

/** A criterion met on the previous attempt: its level and feedback may not change. */
export const LockedCriterion = z.object({ level: z.number().int().min(1), feedback: z.string() });

/** Final levels and feedback as a consensus proposal carries them (issue #11). */
export const FinalRead = z.object({
  scores: z.record(Id, z.number().int()),
  criterionFeedback: z.record(Id, z.string().max(20_000)),
  overallFeedback: z.string().max(50_000),
});

/** A consensus task's state as each reader sees it: the latest round and whose turn it is. */
export const ConsensusState = z.object({
  /** 0 until the primary reader proposes; each proposal after a return adds one. */
  round: z.number().int().min(0),
  proposal: FinalRead.nullable(),
  /** The second reader's comment when they returned the latest proposal. */
  returnedComment: z.string().nullable(),
  awaiting: z.enum(['proposal', 'response', 'none']),
  /** True on the primary reader's task (the proposer); false on the second reader's. */
  proposer: z.boolean(),
  /** When an unresolved consensus escalates to adjudication. */
  dueAt: IsoTime,
});

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
  /** Both reads, [first, second], on adjudication and consensus tasks: both readers are done, so blindness is no longer at stake. */
  reads: z.array(StoredReview).optional(),
  consensus: ConsensusState.optional(),
});

export const OPEN_STATES: readonly AssignmentState[] = ['assigned', 'in_progress'];

export type AssignmentRole = z.infer<typeof AssignmentRole>;
export type AssignmentState = z.infer<typeof AssignmentState>;
export type LockedCriterion = z.infer<typeof LockedCriterion>;
export type Assignment = z.infer<typeof Assignment>;
export type FinalRead = z.infer<typeof FinalRead>;
export type ConsensusState = z.infer<typeof ConsensusState>;
