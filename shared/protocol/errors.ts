import { z } from 'zod';

/** Error codes of the hub protocol and the Workstation API. Part of the contract. */
export const ErrorCode = {
  malformedJson: 'malformed_json',
  malformedRequest: 'malformed_request',
  headersTooLarge: 'headers_too_large',
  requestTimeout: 'request_timeout',
  invalid: 'invalid',
  payloadTooLarge: 'payload_too_large',
  unsupportedMediaType: 'unsupported_media_type',
  unauthorized: 'unauthorized',
  forbidden: 'forbidden',
  notFound: 'not_found',
  methodNotAllowed: 'method_not_allowed',
  rangeNotSatisfiable: 'range_not_satisfiable',
  assignmentRevoked: 'assignment_revoked',
  lockedCriterion: 'locked_criterion',
  staleRubric: 'stale_rubric',
  alreadySubmitted: 'already_submitted',
  reviewIdConflict: 'review_id_conflict',
  submissionIdConflict: 'submission_id_conflict',
  notReady: 'not_ready',
  retakeTooSoon: 'retake_too_soon',
  attemptOpen: 'attempt_open',
  notEarned: 'not_earned',
  notFinal: 'not_final',
  noRecipient: 'no_recipient',
  unavailable: 'unavailable',
  adjudicationIdConflict: 'adjudication_id_conflict',
  consensusTurn: 'consensus_turn',
  consensusRoundConflict: 'consensus_round_conflict',
  notAReviewTask: 'not_a_review_task',
  assignmentClosed: 'assignment_closed',
  notReassignable: 'not_reassignable',
  resubmissionNotDue: 'resubmission_not_due',
  noEligibleAssessor: 'no_eligible_assessor',
  internal: 'internal',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The hub's JSON error body: one of the protocol's codes, a message, and optional details. */
export const ErrorEnvelope = z
  .object({
    error: z.object({ code: z.enum(Object.values(ErrorCode)), message: z.string().min(1), details: z.unknown().optional() }).strict(),
  })
  .strict();
export type ErrorEnvelope = { error: { code: string; message: string; details?: unknown } };
