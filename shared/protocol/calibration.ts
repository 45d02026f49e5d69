import { z } from 'zod';
import { Decision, Id, IsoTime, MicroCredential } from '../domain/index.ts';

/**
 * Calibration and validity items (issue #10): the wire shapes of the calibration
 * endpoints. Master levels and rationales appear only in shapes staff, master raters, or
 * the assessor of a completed attempt can read; nothing an assessor syncs carries them.
 */

/** Per-criterion reasons a master review must give, non-empty for every criterion. */
export const CriterionRationale = z.record(Id, z.string().trim().min(1).max(20_000));

export const CalibrationSet = z.object({
  id: Id,
  microCredentialId: Id,
  title: z.string().min(1).max(200),
  state: z.enum(['draft', 'published']),
  createdAt: IsoTime,
  publishedAt: IsoTime.optional(),
  items: z.array(z.object({
    submissionId: Id,
    /** The master assignment that scores this item, and whether its master review is in. */
    masterAssignmentId: Id.optional(),
    masterScored: z.boolean(),
  })),
});

export const CalibrationSetCreateRequest = z.object({
  id: Id.optional(),
  microCredentialId: Id,
  title: z.string().trim().min(1).max(200),
  submissionIds: z.array(Id).min(1).max(200),
}).strict();
export const CalibrationSetResponse = z.object({ set: CalibrationSet });
export const CalibrationSetsResponse = z.object({ sets: z.array(CalibrationSet) });

/** Agreement of a value that may not exist for the data (shared/stats Measure on the wire). */
const Figure = z.number().finite().nullable();

export const AttemptAgreement = z.object({
  ratings: z.number().int().min(0),
  exact: Figure,
  adjacent: Figure,
  qwk: Figure,
  meanDifference: Figure,
  decisionAgreement: Figure,
  /** The largest |assessor − master| over every (item, criterion) pair. */
  maxDiscrepancy: z.number().int().min(0),
  perCriterion: z.array(z.object({ criterionId: Id, exact: Figure, adjacent: Figure, meanDifference: Figure })),
});

export const AttemptItem = z.object({
  submissionId: Id,
  decision: Decision,
  masterDecision: Decision,
  criteria: z.array(z.object({ criterionId: Id, level: z.number().int(), masterLevel: z.number().int(), masterRationale: z.string() })),
});

export const QualificationState = z.enum(['current', 'expired', 'suspended']);

export const CalibrationAttempt = z.object({
  id: Id,
  /** Whose attempt it is (staff and master raters list everyone's). */
  assessorId: Id.optional(),
  microCredentialId: Id,
  state: z.enum(['open', 'passed', 'failed']),
  assignmentIds: z.array(Id),
  startedAt: IsoTime,
  completedAt: IsoTime.optional(),
  /** Present only once the attempt is complete. */
  agreement: AttemptAgreement.optional(),
  items: z.array(AttemptItem).optional(),
  qualification: z.object({ microCredentialId: Id, calibratedUntil: IsoTime }).optional(),
});

export const AttemptCreateRequest = z.object({ microCredentialId: Id }).strict();
export const AttemptResponse = z.object({ attempt: CalibrationAttempt });
export const AttemptsResponse = z.object({ attempts: z.array(CalibrationAttempt) });

/** One validity read: a master-scored item seeded into live work, and its agreement. */
export const ValidityRead = z.object({
  assignmentId: Id,
  assessorId: Id,
  microCredentialId: Id,
  /** The calibration item the seeded copy came from. */
  sourceSubmissionId: Id,
  submittedAt: IsoTime.optional(),
  exact: Figure,
  adjacent: Figure,
  maxDiscrepancy: z.number().int().min(0).nullable(),
});
export const ValidityReadsQuery = z.object({ assessorId: Id.optional(), microCredentialId: Id.optional() }).strict();
export const ValidityReadsResponse = z.object({
  reads: z.array(ValidityRead),
  /** The policy measure over the last `window` reads per assessor and micro-credential. */
  windows: z.array(z.object({ assessorId: Id, microCredentialId: Id, n: z.number().int(), measure: Figure, suspended: z.boolean() })),
});

export const MicroCredentialsResponse = z.object({ microCredentials: z.array(MicroCredential) });

export type CriterionRationale = z.infer<typeof CriterionRationale>;
export type CalibrationSet = z.infer<typeof CalibrationSet>;
export type CalibrationSetCreateRequest = z.infer<typeof CalibrationSetCreateRequest>;
export type AttemptAgreement = z.infer<typeof AttemptAgreement>;
export type AttemptItem = z.infer<typeof AttemptItem>;
export type QualificationState = z.infer<typeof QualificationState>;
export type CalibrationAttempt = z.infer<typeof CalibrationAttempt>;
export type ValidityRead = z.infer<typeof ValidityRead>;
export type ValidityReadsResponse = z.infer<typeof ValidityReadsResponse>;
export type MicroCredentialsResponse = z.infer<typeof MicroCredentialsResponse>;
