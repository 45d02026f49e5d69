import { z } from 'zod';
import { QualificationState } from './calibration.ts';
import { DecisionBasis } from './decisions.ts';
import { Artifact, Assignment, AuditEvent, Id, IsoTime, MicroCredential, Rubric, StoredReview, Submission, UserSummary } from '../domain/index.ts';

/** The hub's wire protocol, version 1: request and response bodies. docs/PROTOCOL.md explains them. */
export const API_PREFIX = '/v1';

/**
 * A password as signed in with or set. Control characters are refused: scrypt's HMAC step
 * pads short keys with zero bytes, so "demo\u0000" would otherwise open the account "demo" opens.
 */
export const Password = z
  .string()
  .min(1)
  .max(1000)
  .refine((s) => !/\p{Cc}/u.test(s) && !/\p{Cc}/u.test(s.normalize('NFKC')), 'must not contain control characters');

export const SignInRequest = z.object({
  username: z.string().min(1).max(100),
  password: Password,
  deviceName: z.string().min(1).max(200),
});
export const SignInResponse = z.object({ token: z.string(), user: UserSummary });

/**
 * An assessor's standing for one micro-credential. `state` (issue #10): `suspended` when
 * validity reads drifted below the pass mark, whatever `calibratedUntil` says; a hub
 * from before it sends none, and the date alone decides.
 */
export const Qualification = z.object({ microCredentialId: Id, calibratedUntil: IsoTime, state: QualificationState.optional() });

export const SyncResponse = z.object({
  cursor: z.string(),
  assignments: z.array(Assignment),
  revoked: z.array(Id),
  submissions: z.array(Submission),
  rubrics: z.array(Rubric),
  microCredentials: z.array(MicroCredential),
  qualifications: z.array(Qualification),
});

export const RecusalRequest = z.object({ reason: z.string().trim().min(1).max(2000) });
export const RecusalResponse = z.object({ assignment: Assignment });

export const IntakeArtifactResponse = z.object({ artifact: Artifact });
export const IntakeSubmissionRequest = z.object({
  /** Chosen by the integration so a retried request is recognised rather than stored twice. */
  id: Id.optional(),
  candidateRef: Id,
  microCredentialId: Id,
  previousSubmissionId: Id.nullable().optional(),
  reflection: z.string().max(100_000),
  artifactIds: z.array(Id).min(1).max(100),
  /** Where the candidate teaches, for conflict-of-interest checks; never shown to assessors. */
  school: z.string().min(1).max(200).optional(),
  district: z.string().min(1).max(200).optional(),
  /** "calibration": an item for master scoring (issue #10), never routed to assessors, never a candidate result. */
  purpose: z.literal('calibration').optional(),
  /** Who receives the Open Badge if the attempt is earned; staff and integration only, never assessors. */
  recipient: z.object({ email: z.email().max(320) }).strict().optional(),
});
export const IntakeSubmissionResponse = z.object({ submission: Submission, assignments: z.array(Assignment) });

export const CriterionResult = z.object({ criterionId: Id, title: z.string(), level: z.number().int(), label: z.string(), met: z.boolean(), feedback: z.string() });
export const SubmissionResult = z.discriminatedUnion('status', [
  z.object({ submissionId: Id, status: z.literal('pending') }),
  z.object({
    submissionId: Id,
    status: z.literal('final'),
    decision: StoredReview.shape.decision,
    decidedAt: IsoTime,
    reviewId: z.string(),
    rubricId: Id,
    rubricVersion: z.number().int(),
    weightedMean: z.number(),
    criteria: z.array(CriterionResult),
    overallFeedback: z.string(),
    /** How the decision was reached (issue #11): the result is final only once any resolution is done. */
    basis: DecisionBasis,
  }),
]);

/** A signed head of the audit chain: Ed25519 over "assay-audit-checkpoint/1\n" + canonical JSON of {at, hash, seq}; signature base64url. */
export const AuditCheckpoint = z.object({ seq: z.number().int().min(1), hash: z.string(), at: IsoTime, signature: z.string() });
export const AuditChainFault = z.enum(['invalid_public_key', 'bad_checkpoint_signature', 'entry_mismatch', 'checkpoint_mismatch', 'truncated', 'head_mismatch']);
export const AuditVerifyResponse = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadSeq: z.number().int().optional(),
  reason: AuditChainFault.optional(),
  checkpoints: z.number().int().min(0),
  latestCheckpoint: AuditCheckpoint.optional(),
});
export const AuditCheckpointsResponse = z.object({ checkpoints: z.array(AuditCheckpoint), next: z.number().int().min(1).optional() });
/** The audit key's public half as an OKP JWK; `kid` is its RFC 7638 thumbprint. */
export const AuditPublicKey = z.object({ kty: z.literal('OKP'), crv: z.literal('Ed25519'), x: z.string(), kid: z.string(), alg: z.literal('EdDSA'), use: z.literal('sig') });

export type SignInRequest = z.infer<typeof SignInRequest>;
export type SignInResponse = z.infer<typeof SignInResponse>;
export type Qualification = z.infer<typeof Qualification>;
export type SyncResponse = z.infer<typeof SyncResponse>;
export type RecusalRequest = z.infer<typeof RecusalRequest>;
export type IntakeSubmissionRequest = z.infer<typeof IntakeSubmissionRequest>;
export type IntakeSubmissionResponse = z.infer<typeof IntakeSubmissionResponse>;
export type SubmissionResult = z.infer<typeof SubmissionResult>;
export type AuditVerifyResponse = z.infer<typeof AuditVerifyResponse>;
export type AuditCheckpoint = z.infer<typeof AuditCheckpoint>;
export type AuditCheckpointsResponse = z.infer<typeof AuditCheckpointsResponse>;

/** Staff endpoints of the reference hub: the audit log page and account maintenance. */
export const AuditListResponse = z.object({ events: z.array(AuditEvent), next: z.number().int().min(1).optional() });
export const UserPatchRequest = z.object({ active: z.boolean().optional() }).strict();
export const UserStatusResponse = z.object({ user: UserSummary.extend({ active: z.boolean() }) });
export const QualificationPutRequest = z.object({ calibratedUntil: IsoTime }).strict();
export const QualificationResponse = z.object({ qualification: Qualification });

export type AuditListResponse = z.infer<typeof AuditListResponse>;
export type UserPatchRequest = z.infer<typeof UserPatchRequest>;
export type UserStatusResponse = z.infer<typeof UserStatusResponse>;
