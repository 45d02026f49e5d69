import { z } from 'zod';
import { Id, MicroCredential, Password, Role, Rubric } from '../../shared/index.ts';

/**
 * A seed manifest: the demo dataset (resources/demo/demo.json) and test fixtures are both
 * written in this form. Times are relative to the moment of seeding, so the demo always
 * has current qualifications and due dates.
 */
export const SeedUser = z.object({
  id: Id,
  username: z.string().min(1).max(100),
  displayName: z.string().min(1).max(200),
  roles: z.array(Role).min(1),
  active: z.boolean().default(true),
  /**
   * A password of its own makes an ordinary account. Without one the account is a demo
   * account with the password "demo", which signs in only on a hub started with --demo or --seed.
   */
  password: Password.optional(),
  school: z.string().optional(),
  district: z.string().optional(),
  /**
   * Days from the seed moment until each qualification lapses; negative means already expired.
   * `releasedFromProbation`: an experienced assessor, past double scoring's probation on this
   * micro-credential before the seeded work (without it, a policy with probation double-scores
   * every read of theirs until they have earned their release).
   */
  qualifications: z.array(z.object({ microCredentialId: Id, calibratedUntilDays: z.number(), releasedFromProbation: z.boolean().default(false) })).default([]),
});

export const SeedCandidate = z.object({ ref: Id, school: z.string().optional(), district: z.string().optional() });

export const SeedArtifact = z.object({
  /** Path relative to the manifest's folder. */
  file: z.string().min(1),
  mediaType: z.string().min(1),
  durationSec: z.number().min(0).optional(),
});

export const SeedReview = z.object({
  scores: z.record(Id, z.number().int()),
  criterionFeedback: z.record(Id, z.string()),
  overallFeedback: z.string(),
  timeSpentSec: z.number().min(0).default(1200),
});

export const SeedSubmission = z.object({
  id: Id,
  microCredentialId: Id,
  candidateRef: Id,
  /** The earlier attempt this one resubmits; it must appear earlier in the list. */
  previousSubmissionId: Id.nullable().default(null),
  submittedDaysAgo: z.number().min(0),
  reflection: z.string(),
  artifacts: z.array(SeedArtifact).min(1),
  /** Who receives the Open Badge if the attempt is earned (handed to intake as its `recipient`). */
  recipient: z.object({ email: z.email() }).strict().optional(),
  /**
   * The primary read, already made: the seeder routes the submission as intake would, then
   * submits this review as the assessor it was routed to. Single-scored, it is the decision;
   * double-scored, the decision waits for the second read and any resolution.
   */
  decidedReview: SeedReview.optional(),
  /**
   * The second read, submitted as its reader right after `decidedReview` when the submission
   * is double-scored (reads that differ past the tolerance start the policy's resolution).
   * Unused when the submission is single-scored: whether it is can depend on past work, e.g.
   * `first_n` counts the demo's generated history.
   */
  secondReview: SeedReview.optional(),
});

/** A calibration item (intake purpose "calibration") and, when already scored, its master review. */
export const SeedCalibrationItem = z.object({
  id: Id,
  microCredentialId: Id,
  candidateRef: Id,
  reflection: z.string(),
  artifacts: z.array(SeedArtifact).min(1),
  masterReview: SeedReview.extend({ criterionRationale: z.record(Id, z.string().min(1)) }).optional(),
});

/**
 * Calibration data (issue #10), seeded after the submissions: sets of items (master
 * assignments routed as the hub routes them; published when asked), completed attempts
 * (each of the assessor's levels is the master's plus `offset`, kept on the scale) and
 * validity items handed to an assessor beside their live work.
 */
export const SeedCalibration = z.object({
  items: z.array(SeedCalibrationItem).default([]),
  sets: z.array(z.object({ id: Id, microCredentialId: Id, title: z.string().min(1), submissionIds: z.array(Id).min(1), publish: z.boolean().default(false) })).default([]),
  attempts: z.array(z.object({ username: z.string().min(1), microCredentialId: Id, offset: z.number().int(), feedback: z.string().min(1) })).default([]),
  validity: z.array(z.object({ username: z.string().min(1), microCredentialId: Id })).default([]),
});

export const SeedManifest = z.object({
  rubrics: z.array(Rubric).min(1),
  microCredentials: z.array(MicroCredential).min(1),
  users: z.array(SeedUser).min(1),
  candidates: z.array(SeedCandidate),
  submissions: z.array(SeedSubmission),
  /**
   * Route each submission on a clock set back to `submittedDaysAgo`, rather than all at
   * seeding time, so an assessor whose qualification has since lapsed can hold open work
   * from before. The submissions must then be listed oldest first.
   */
  routedWhenSubmitted: z.boolean().default(false),
  calibration: SeedCalibration.prefault({}),
}).refine((m) => !m.routedWhenSubmitted || m.submissions.every((s, i) => i === 0 || s.submittedDaysAgo <= m.submissions[i - 1]!.submittedDaysAgo), {
  path: ['submissions'], message: 'with routedWhenSubmitted, submissions must be listed oldest first',
}).refine((m) => m.submissions.every((s) => !s.secondReview || s.decidedReview), {
  path: ['submissions'], message: 'a secondReview follows the decidedReview of the same submission',
});

export type SeedManifest = z.infer<typeof SeedManifest>;
/** A manifest as written (defaults not yet applied), e.g. by the benchmarks' seeder. */
export type SeedManifestInput = z.input<typeof SeedManifest>;
export type SeedUser = z.infer<typeof SeedUser>;
export type SeedSubmission = z.infer<typeof SeedSubmission>;
export type SeedReview = z.infer<typeof SeedReview>;
export type SeedCalibration = z.infer<typeof SeedCalibration>;
export type SeedArtifact = z.infer<typeof SeedArtifact>;
