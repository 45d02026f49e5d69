import type {
  AdjudicationBody, Assignment, ConsensusProposalRequest, ConsensusResponseRequest, CalibrationPolicy, Draft, DraftPatch, LockedCriterion, MicroCredential, QualificationState, QueueItem, Rubric, StoredReview, Submission,
  SyncResponse, UserSummary, ReviewBody,
} from '../../../shared/index.ts';
import type { SalvageRepo } from './salvage.ts';

/**
 * The workstation's local store: one SQLite file, synchronous calls (better-sqlite3), every
 * write one transaction committed with synchronous=FULL before the call returns.
 * Errors a user can act on are thrown as StoreError with a code from STORE_ERRORS.
 */
export interface Store {
  readonly path: string;
  close(): void;
  session: SessionRepo;
  sync: SyncRepo;
  assignments: AssignmentRepo;
  artifacts: LocalArtifactRepo;
  drafts: DraftRepo;
  outbox: OutboxRepo;
  journal: JournalRepo;
  owner: OwnerRepo;
  /** Work read back from a damaged database that was set aside, until its assignments return. */
  salvage: SalvageRepo;
}

export const STORE_ERRORS = {
  notFound: 'not_found',
  readOnly: 'read_only',
  incomplete: 'incomplete',
  qualificationExpired: 'qualification_expired',
  lockedCriterion: 'locked_criterion',
  corruptDatabase: 'corrupt_database',
  newerDatabase: 'newer_database',
  diskFull: 'disk_full',
  invalid: 'invalid',
  /** The task is answered another way: an adjudication or consensus task as a review, or a review as an adjudication. */
  wrongTask: 'wrong_task',
} as const;

export class StoreError extends Error {
  readonly code: string;
  readonly details?: unknown;
  constructor(code: string, message: string, details?: unknown) {
    super(message);
    this.code = code;
    this.details = details;
  }
}

/** Who is signed in on this device (the token itself lives in the SecretStore, never here). */
export type LocalSession = { hubUrl: string; user: UserSummary; deviceName: string; signedInAt: string };
export interface SessionRepo {
  get(): LocalSession | null;
  set(session: LocalSession): void;
  /** Forgets the session and its sync cursor; local drafts and outbox rows stay. */
  clear(): void;
  /** Points the session and the owner at `to` where they name `from` (the same hub at a new address). */
  moveHub(from: string, to: string): void;
}

/** The account whose work the database holds (kept across sign-out). */
export type StoreOwner = { hubUrl: string; userId: string; displayName: string };
export interface OwnerRepo {
  get(): StoreOwner | null;
  /** Work the owner was told is saved but the hub does not have yet: queued rows and edited drafts. */
  unsentWork(): { queued: number; drafts: number };
  claim(owner: StoreOwner): void;
  /** Removes every trace of the previous owner's work in one transaction; answers the media files to delete. */
  handOver(next: StoreOwner): { removedFiles: string[] };
}

export interface SyncRepo {
  cursor(): string | null;
  lastSyncAt(): string | null;
  /** Applies one pull atomically (all or nothing) and stores its cursor; answers what changed. */
  apply(response: SyncResponse, at: string): { changedAssignmentIds: string[]; revokedAssignmentIds: string[]; recoveredAssignmentIds: string[] };
}

export type AssignmentRecord = {
  assignment: Assignment;
  submission: Submission;
  rubric: Rubric;
  microCredential: MicroCredential;
  previous: { submission: Submission; review: StoredReview } | null;
  locked: Record<string, LockedCriterion>;
  /** Set when the hub revoked the assignment or it was recused: kept for the record, read-only. */
  readOnlyReason: string | null;
  qualificationExpired: boolean;
};
export type StoredQualification = {
  microCredentialId: string; title: string; calibratedUntil: string; state: QualificationState | null;
  /** The micro-credential's calibration policy, when a sync brought the micro-credential. */
  policy: CalibrationPolicy | null;
};
export interface AssignmentRepo {
  /** The qualifications the last sync gave, one per micro-credential, with its title. */
  qualifications(): StoredQualification[];
  /** The rubric a micro-credential is scored with, when a sync brought both; null otherwise. */
  rubricFor(microCredentialId: string): Rubric | null;
  /** All assignments with their local state, as the queue shows them (now decides "overdue"). */
  queue(now: Date): QueueItem[];
  /** Throws not_found; qualification_expired when the assessor's calibration lapsed (checked with the local clock, offline too). */
  open(assignmentId: string, now: Date): AssignmentRecord;
}

/** An artifact the device needs: for assignments it holds, not yet verified locally. */
export type ArtifactNeed = { artifactId: string; submissionId: string; assignmentIds: string[]; filename: string; mediaType: string; bytes: number; sha256: string };
export type LocalArtifactFile = { artifactId: string; path: string; bytes: number; sha256: string; mediaType: string };
export interface LocalArtifactRepo {
  needed(): ArtifactNeed[];
  /** Whether this device fetches and keeps the files of one assignment: while its review is open or in the outbox. */
  keptFor(assignmentId: string): boolean;
  /**
   * Records a verified, encrypted file checked against `sha256`. Answers false (and records
   * nothing) when the artifact's SHA-256 changed since: the file holds an old version.
   */
  markPresent(artifactId: string, path: string, sha256: string): boolean;
  markError(artifactId: string, message: string): void;
  /** This device's state of one artifact: pending until a verified file is recorded. */
  state(artifactId: string): { state: 'pending' | 'complete' | 'error'; error?: string };
  file(artifactId: string): LocalArtifactFile | null;
  /** Artifacts whose every assignment's review synced more than retentionDays ago (or that no assignment needs any more). */
  purgeable(now: Date, retentionDays: number): LocalArtifactFile[];
  markPurged(artifactId: string): void;
  totalBytesPresent(): number;
}

export interface DraftRepo {
  /** The draft (created empty with a fresh review id on first access). */
  get(assignmentId: string): Draft;
  /** One transaction; revision + 1; throws read_only once queued/synced/revoked, locked_criterion for a locked criterion. */
  save(assignmentId: string, patch: DraftPatch, now: Date): { revision: number; savedAt: string };
}

export type OutboxKind = 'review' | 'recusal' | 'opened' | 'adjudication' | 'consensus_proposal' | 'consensus_response';
export type OutboxRow = {
  id: number;
  kind: OutboxKind;
  assignmentId: string;
  /** The client id the hub deduplicates on: the review id for reviews and adjudications, a UUID for recusals. */
  clientId: string;
  body: ReviewBody | AdjudicationBody | ConsensusProposalRequest | ConsensusResponseRequest | { reason: string } | { openedAt: string };
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
};
export interface OutboxRepo {
  /** Validates the draft against its rubric (shared rule), freezes it and queues it, in one transaction. Throws incomplete with the issues as details. */
  enqueueReview(assignmentId: string, now: Date): { reviewId: string };
  /** The same for an adjudicator's draft (adjudicationIssues, locked criteria, each basis made true); its review id is the adjudication id. */
  enqueueAdjudication(assignmentId: string, now: Date): { adjudicationId: string };
  /** The primary reader's proposal for the next consensus round, from the consensus task's draft (shared review rule, locked criteria). */
  enqueueProposal(assignmentId: string, now: Date): { round: number };
  /** The second reader's answer to the open round: agree, or return it with a comment. */
  enqueueResponse(assignmentId: string, agree: boolean, comment: string | undefined, now: Date): { round: number };
  enqueueRecusal(assignmentId: string, reason: string, now: Date): { clientId: string };
  /** Queues the report of an assignment's first opening; false (nothing queued) if it was reported before. */
  enqueueOpened(assignmentId: string, now: Date): boolean;
  /** The oldest undelivered row (rows are delivered strictly in order). */
  head(): OutboxRow | null;
  /** Delivered: removes the row and records the hub's answer (review → synced; recusal → assignment recused). */
  delivered(rowId: number, hubAnswer: unknown, now: Date): void;
  /** The hub refused for a reason the user can act on: drop the row and set the state the code calls for. */
  rejected(rowId: number, code: string, message: string, now: Date): void;
  /** A transient failure: keep the row, count the attempt, retry later. */
  retryLater(rowId: number, error: string, nextAttemptAt: Date): void;
  status(): { pending: number; failed: number; lastError?: string };
}

export type JournalAction = 'opened' | 'level_set' | 'feedback_changed' | 'note_changed' | 'submitted' | 'recused';
export type JournalEntry = { seq: number; assignmentId: string; at: string; action: JournalAction; payload: Record<string, unknown>; prevHash: string; hash: string };
export interface JournalRepo {
  append(assignmentId: string, action: JournalAction, payload: Record<string, unknown>, now: Date): JournalEntry;
  /**
   * Journals that the review was opened, unless the last entry already says so: the UI
   * reads a submission again whenever a file finishes downloading, and those reads are not
   * new openings. Answers whether an entry was written.
   */
  recordOpened(assignmentId: string, now: Date): boolean;
  list(assignmentId: string): JournalEntry[];
  /** Walks one assignment's chain; the first seq whose hash does not hold, if any. */
  verify(assignmentId: string): { ok: boolean; checked: number; firstBadSeq?: number };
}
