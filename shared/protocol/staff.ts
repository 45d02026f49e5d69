import { z } from 'zod';
import { Assignment, AssignmentRole, AuditEvent, Decision, Id, IsoTime, Rubric } from '../domain/index.ts';
import { QualificationState } from './calibration.ts';
import { DecisionSummary } from './decisions.ts';

/**
 * Issuer staff's views of one decision (issue #12). The candidate appears only as the
 * pseudonymous ref: no recipient email, school or district is ever in these shapes.
 */

/** An assessor's standing for the micro-credential at the moment a read was submitted. */
export const ReadStanding = z.object({
  state: QualificationState,
  calibratedUntil: IsoTime.nullable(),
  lastAttempt: z.object({ attemptId: Id, state: z.enum(['passed', 'failed']), completedAt: IsoTime, exact: z.number().nullable(), adjacent: z.number().nullable(), qwk: z.number().nullable() }).nullable(),
});

export const HistoryRead = z.object({
  reviewId: z.string(),
  assignmentId: Id,
  assessorId: Id,
  role: AssignmentRole,
  receivedAt: IsoTime,
  decision: Decision,
  rubricId: Id,
  rubricVersion: z.number().int(),
  scores: z.record(Id, z.number().int()),
  criterionFeedback: z.record(Id, z.string()),
  overallFeedback: z.string(),
  standing: ReadStanding,
});

/** Why double scoring did or did not select the submission, as recorded at intake. */
export const SelectionRecord = z.object({ selected: z.boolean(), rule: z.string(), inputs: z.record(z.string(), z.unknown()), seq: z.number().int() });

export const DecisionHistoryResponse = z.object({
  submissionId: Id,
  candidateRef: Id,
  microCredentialId: Id,
  attempt: z.number().int().min(1),
  submittedAt: IsoTime,
  /** The final decision, when there is one. */
  decision: DecisionSummary.nullable(),
  /** Every audit event touching the submission, its assignments, reviews and resolution; oldest first. */
  events: z.array(AuditEvent),
  reads: z.array(HistoryRead),
  selection: SelectionRecord.nullable(),
  /** Every attempt of this candidate at this micro-credential, oldest first, this one included. */
  attempts: z.array(z.object({ submissionId: Id, attempt: z.number().int(), submittedAt: IsoTime, decision: Decision.nullable(), decidedAt: IsoTime.nullable() })),
  /**
   * Every rubric version the submission and its reads were scored on, each once (a read names
   * its own `rubricId`/`rubricVersion`), so criterion titles and level labels are those it used.
   */
  rubrics: z.array(Rubric),
});

/** `GET /v1/submissions/{id}/credential`: the OpenBadgeCredential and its VC-JWT (compact JWS, RS256). */
export const CredentialResponse = z.object({ credential: z.record(z.string(), z.unknown()), jwt: z.string() });

/** `GET /v1/issuer/jwks`: the issuer's RSA signing keys as a JWK Set. */
export const IssuerJwks = z.object({ keys: z.array(z.object({ kty: z.literal('RSA'), n: z.string(), e: z.string(), kid: z.string(), alg: z.literal('RS256'), use: z.literal('sig') })) });

/** `POST /v1/assignments/{id}/opened`: the first opening of an assignment on a device, for turnaround. */
export const AssignmentOpenedRequest = z.object({ openedAt: IsoTime }).strict();
/** Its answer: the assignment as it now stands (in_progress after the first report). */
export const AssignmentOpenedResponse = z.object({ assignment: Assignment });

export type ReadStanding = z.infer<typeof ReadStanding>;
export type HistoryRead = z.infer<typeof HistoryRead>;
export type SelectionRecord = z.infer<typeof SelectionRecord>;
export type DecisionHistoryResponse = z.infer<typeof DecisionHistoryResponse>;
export type CredentialResponse = z.infer<typeof CredentialResponse>;
export type AssignmentOpenedRequest = z.infer<typeof AssignmentOpenedRequest>;
export type IssuerJwks = z.infer<typeof IssuerJwks>;
export type AssignmentOpenedResponse = z.infer<typeof AssignmentOpenedResponse>;
