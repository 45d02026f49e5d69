import { z } from 'zod';
import { AdjudicatedCriterion } from '../protocol/scoring.ts';
import { Artifact, Assignment, AssignmentRole, AssignmentState, EvidenceNote, Id, IsoTime, LockedCriterion, MicroCredential, Rubric, StoredReview, Submission, UserSummary, Uuid } from '../domain/index.ts';

/** Local state of one artifact on this device. */
export const DownloadState = z.enum(['pending', 'downloading', 'complete', 'error']);
/** As DownloadState, plus not_kept: absent and not coming, as files are kept only while their review is open. */
export const ArtifactDownloadState = z.enum([...DownloadState.options, 'not_kept']);
export const LocalArtifact = Artifact.extend({
  download: z.object({ state: ArtifactDownloadState, bytesDone: z.number().int().min(0), error: z.string().optional() }),
  /** True on a resubmission when the previous attempt did not have this file. */
  isNew: z.boolean(),
});

/**
 * Where the assessor's review stands locally:
 * draft (editable) → queued (frozen, in the outbox) → synced (the hub has it);
 * rejected (the hub answered with a reason and it is back to draft) and read_only
 * (assignment revoked or recused: kept for the record, not editable).
 */
const AdjudicationBasis = AdjudicatedCriterion.shape.basis;

export const ReviewStatus = z.enum(['new', 'draft', 'queued', 'synced', 'read_only']);

export const Draft = z.object({
  assignmentId: Id,
  reviewId: Uuid,
  revision: z.number().int().min(0),
  savedAt: IsoTime.nullable(),
  scores: z.record(Id, z.number().int()),
  criterionFeedback: z.record(Id, z.string()),
  /** A master review's reason per criterion (empty on other reviews and on drafts from before issue #10). */
  criterionRationale: z.record(Id, z.string()),
  /** An adjudication's source of each final level and feedback (empty on other drafts). */
  criterionBasis: z.record(Id, AdjudicationBasis),
  /** An adjudication's one rationale for the whole (empty on other drafts). */
  rationale: z.string(),
  overallFeedback: z.string(),
  notes: z.array(EvidenceNote),
  timeSpentSec: z.number().min(0),
  status: ReviewStatus,
  /** Why the review is read-only, or why the hub sent it back to draft. */
  statusReason: z.string().optional(),
});

export const DraftPatch = z
  .object({
    /** Merged per criterion; null clears a level. */
    scores: z.record(Id, z.number().int().min(1).max(7).nullable()),
    /** Merged per criterion. */
    criterionFeedback: z.record(Id, z.string().max(20_000)),
    /** Merged per criterion, like feedback (master reviews). */
    criterionRationale: z.record(Id, z.string().max(20_000)),
    /** Merged per criterion (adjudications). A level or feedback patched without it makes that criterion's basis "own". */
    criterionBasis: z.record(Id, AdjudicationBasis),
    /** Replaces the adjudication's rationale. */
    rationale: z.string().max(20_000),
    overallFeedback: z.string().max(50_000),
    /** Replaces the whole list. */
    notes: z.array(EvidenceNote).max(2000),
    /** Added to the time spent. */
    addTimeSpentSec: z.number().min(0).max(86_400),
  })
  .partial()
  .strict();

export const QueueItem = z.object({
  assignmentId: Id,
  submissionId: Id,
  microCredentialId: Id,
  microCredentialTitle: z.string(),
  candidateRef: Id,
  attempt: z.number().int(),
  role: AssignmentRole,
  assignmentState: AssignmentState,
  assignedAt: IsoTime,
  dueAt: IsoTime,
  overdue: z.boolean(),
  download: z.object({ state: DownloadState, bytesDone: z.number(), bytesTotal: z.number() }),
  reviewStatus: ReviewStatus,
  /** Qualification for this micro-credential has expired or is suspended: the assignment cannot be opened. */
  qualificationExpired: z.boolean(),
  /** Why it is locked: `suspended` after validity reads drifted (issue #10); absent when it is not locked. */
  qualificationState: z.enum(['expired', 'suspended']).optional(),
});

export const QueueFilter = z
  .object({
    reviewStatus: z.array(ReviewStatus),
    microCredentialId: Id,
    overdue: z.boolean(),
    text: z.string().max(200),
    /** Only these roles (e.g. a master rater's "Master scoring" list: ['master']). */
    roles: z.array(AssignmentRole).max(10),
  })
  .partial();
export const QueueSort = z.object({ by: z.enum(['dueAt', 'assignedAt', 'attempt', 'microCredential', 'candidateRef']), dir: z.enum(['asc', 'desc']) });

export const SubmissionView = z.object({
  assignment: Assignment,
  submission: Submission,
  rubric: Rubric,
  microCredential: MicroCredential,
  artifacts: z.array(LocalArtifact),
  /** On a resubmission: the previous attempt, its review, and its files with their local state (to compare offline). */
  previous: z.object({ submission: Submission, review: StoredReview, artifacts: z.array(LocalArtifact) }).nullable(),
  locked: z.record(Id, LockedCriterion),
  readOnlyReason: z.string().nullable(),
});

export const SessionStatus = z.object({
  signedIn: z.boolean(),
  user: UserSummary.nullable(),
  hubUrl: z.string().nullable(),
  /** Present when the host runs the embedded demo hub: one-click accounts. */
  demo: z.object({ hubUrl: z.string(), accounts: z.array(z.object({ username: z.string(), password: z.string(), label: z.string() })) }).nullable(),
});

export const SyncStatus = z.object({
  state: z.enum(['idle', 'syncing', 'offline', 'error', 'signed_out']),
  online: z.boolean(),
  lastSyncAt: IsoTime.nullable(),
  lastError: z.string().optional(),
});

export const OutboxStatus = z.object({ pending: z.number().int(), failed: z.number().int(), lastError: z.string().optional() });

export const FileProgress = z.object({
  artifactId: Id,
  assignmentIds: z.array(Id),
  filename: z.string(),
  state: DownloadState,
  bytesDone: z.number(),
  bytesTotal: z.number(),
  rateBps: z.number(),
  etaSec: z.number().nullable(),
  error: z.string().optional(),
});
export const BatchProgress = z.object({
  filesDone: z.number().int(),
  filesTotal: z.number().int(),
  bytesDone: z.number(),
  bytesTotal: z.number(),
  rateBps: z.number(),
  etaSec: z.number().nullable(),
});
export const DownloadsStatus = z.object({ files: z.array(FileProgress), batch: BatchProgress });

export type LocalArtifact = z.infer<typeof LocalArtifact>;
export type ReviewStatus = z.infer<typeof ReviewStatus>;
export type Draft = z.infer<typeof Draft>;
export type DraftPatch = z.infer<typeof DraftPatch>;
export type QueueItem = z.infer<typeof QueueItem>;
export type QueueFilter = z.infer<typeof QueueFilter>;
export type QueueSort = z.infer<typeof QueueSort>;
export type SubmissionView = z.infer<typeof SubmissionView>;
export type SessionStatus = z.infer<typeof SessionStatus>;
export type SyncStatus = z.infer<typeof SyncStatus>;
export type OutboxStatus = z.infer<typeof OutboxStatus>;
export type FileProgress = z.infer<typeof FileProgress>;
export type BatchProgress = z.infer<typeof BatchProgress>;
export type DownloadsStatus = z.infer<typeof DownloadsStatus>;
