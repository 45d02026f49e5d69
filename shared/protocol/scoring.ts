import { z } from 'zod';
import { Decision, FinalRead, Id, IsoTime, StoredReview, Uuid } from '../domain/index.ts';
import { DecisionBasis } from './decisions.ts';
import { SelectionRecord } from './staff.ts';

/** Double scoring on the wire (issue #11); docs/PROTOCOL.md, "Double scoring", explains them. */

export const AdjudicatedCriterion = z.object({
  level: z.number().int(),
  feedback: z.string().max(20_000),
  /** Where the final text came from: a read taken as it stands, or the adjudicator's own. */
  basis: z.enum(['first', 'second', 'own']),
}).strict();

/** `PUT /v1/adjudications/{adjudicationId}`: the id is client-generated, so a retry is recognised. */
export const AdjudicationBody = z.object({
  assignmentId: Id,
  criteria: z.record(Id, AdjudicatedCriterion),
  overallFeedback: z.string().max(50_000),
  rationale: z.string().trim().min(1).max(20_000),
}).strict();

export const StoredAdjudication = AdjudicationBody.extend({
  id: Uuid,
  submissionId: Id,
  adjudicatorId: Id,
  decision: Decision,
  weightedMean: z.number(),
  receivedAt: IsoTime,
});

/** `PUT /v1/consensus/{assignmentId}/proposal`: the primary reader's proposal for `round` (latest + 1). */
export const ConsensusProposalRequest = FinalRead.extend({ round: z.number().int().min(1) }).strict();

/** `PUT /v1/consensus/{assignmentId}/response`: the second reader agrees, or returns it with a comment. */
export const ConsensusResponseRequest = z.object({
  round: z.number().int().min(1),
  agree: z.boolean(),
  comment: z.string().trim().min(1).max(20_000).optional(),
}).strict().refine((r) => r.agree || r.comment !== undefined, { message: 'a returned proposal needs a comment', path: ['comment'] });

export const ConsensusRound = z.object({
  round: z.number().int().min(1),
  proposal: FinalRead,
  proposedAt: IsoTime,
  response: z.object({ agree: z.boolean(), comment: z.string().nullable(), at: IsoTime }).nullable(),
});

export const CriterionDifference = z.object({ criterionId: Id, first: z.number().int(), second: z.number().int(), difference: z.number().int(), beyondTolerance: z.boolean() });

export const ResolutionState = z.enum(['single', 'awaiting_reads', 'adjudication', 'consensus', 'final']);

export const ReadEntry = z.object({ role: z.enum(['primary', 'second']), assignmentId: Id, assessorId: Id, review: StoredReview });

/** `GET /v1/submissions/{id}/reads` (staff, master raters): every read, the resolution, where the reads differ. */
export const ReadsResponse = z.object({
  submissionId: Id,
  selection: SelectionRecord.nullable(),
  reads: z.array(ReadEntry),
  /** Reads still outstanding: role, assignment and reader. */
  pending: z.array(z.object({ role: z.enum(['primary', 'second']), assignmentId: Id, assessorId: Id })),
  differing: z.array(CriterionDifference),
  agreement: z.object({ agreed: z.boolean(), decisions: z.object({ first: Decision, second: Decision }), tolerance: z.number().int() }).nullable(),
  resolution: z.object({
    state: ResolutionState,
    method: z.enum(['adjudication', 'consensus']).nullable(),
    basis: DecisionBasis.nullable(),
    decidedAt: IsoTime.nullable(),
    adjudication: StoredAdjudication.nullable(),
    consensus: z.object({ startedAt: IsoTime, dueAt: IsoTime, rounds: z.array(ConsensusRound) }).nullable(),
    escalatedAt: IsoTime.nullable(),
  }),
});

export const SelectionResponse = SelectionRecord;

export type AdjudicatedCriterion = z.infer<typeof AdjudicatedCriterion>;
export type AdjudicationBody = z.infer<typeof AdjudicationBody>;
export type StoredAdjudication = z.infer<typeof StoredAdjudication>;
export type ConsensusProposalRequest = z.infer<typeof ConsensusProposalRequest>;
export type ConsensusResponseRequest = z.infer<typeof ConsensusResponseRequest>;
export type ConsensusRound = z.infer<typeof ConsensusRound>;
export type ReadsResponse = z.infer<typeof ReadsResponse>;
export type ResolutionState = z.infer<typeof ResolutionState>;
