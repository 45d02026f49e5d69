import { z } from 'zod';
import { Id, UserSummary, Uuid } from '../domain/index.ts';
import type { Result } from '../result.ts';
import { calibrationMethods } from './calibration.ts';
import { reportsMethods } from './reports.ts';
import { Settings } from './settings.ts';
import { AuditCheckpointsResponse, AuditListResponse, AuditVerifyResponse, SubmissionResult } from '../protocol/hub.ts';
import { DecisionsExportQuery, DecisionsQuery, DecisionsResponse } from '../protocol/decisions.ts';
import { CredentialResponse, DecisionHistoryResponse } from '../protocol/staff.ts';
import {
  Draft, DraftPatch, DownloadsStatus, BatchProgress, FileProgress, OutboxStatus, QueueFilter, QueueItem, QueueSort,
  SessionStatus, SubmissionView, SyncStatus,
} from './types.ts';

const Empty = z.object({}).strict();
const AssignmentRef = z.object({ assignmentId: Id }).strict();
const SubmissionRef = z.object({ submissionId: Id }).strict();
/** A page position in the audit log or its checkpoints: the `next` of the previous page. */
const SeqPage = z.object({ after: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(1000).optional() }).strict();

/**
 * The Workstation API: the one contract between the UI and the workstation core. Both
 * transports (Electron IPC, the web host's POST /api/{method}) and the handler table are
 * typed from this map, and every input is validated against it on the receiving side.
 */
export const workstationContract = {
  'session.signIn': {
    input: z.object({ hubUrl: z.string().url().max(2000), username: z.string().min(1).max(100), password: z.string().min(1).max(1000) }).strict(),
    output: z.object({ user: UserSummary, hubUrl: z.string() }),
  },
  'session.signOut': { input: Empty, output: z.object({}) },
  'session.status': { input: Empty, output: SessionStatus },
  'sync.now': { input: Empty, output: SyncStatus },
  'sync.status': { input: Empty, output: SyncStatus },
  'queue.list': {
    input: z.object({ filter: QueueFilter.optional(), sort: QueueSort.optional() }).strict(),
    output: z.object({ items: z.array(QueueItem), total: z.number().int(), microCredentials: z.array(z.object({ id: Id, title: z.string() })) }),
  },
  'submission.get': { input: AssignmentRef, output: SubmissionView },
  'draft.get': { input: AssignmentRef, output: Draft },
  'draft.save': {
    input: z.object({ assignmentId: Id, patch: DraftPatch }).strict(),
    output: z.object({ revision: z.number().int(), savedAt: z.string() }),
  },
  'review.submit': { input: AssignmentRef, output: z.object({ reviewId: Uuid, status: z.literal('queued') }) },
  /** Double scoring (issue #11): the adjudicator's final read, queued like a review under its client-made id. */
  'adjudication.submit': { input: AssignmentRef, output: z.object({ adjudicationId: Uuid, status: z.literal('queued') }) },
  /** The primary reader proposes the consensus task's draft as the next round; queued in the outbox. */
  'consensus.propose': { input: AssignmentRef, output: z.object({ round: z.number().int(), status: z.literal('queued') }) },
  /** The second reader agrees with the open round, or returns it with a comment; queued in the outbox. */
  'consensus.respond': {
    input: z.object({ assignmentId: Id, agree: z.boolean(), comment: z.string().trim().min(1).max(20_000).optional() }).strict(),
    output: z.object({ round: z.number().int(), status: z.literal('queued') }),
  },
  'assignment.recuse': {
    input: z.object({ assignmentId: Id, reason: z.string().trim().min(1).max(2000) }).strict(),
    output: z.object({ assignmentId: Id, status: z.enum(['queued', 'recused']) }),
  },
  'outbox.status': { input: Empty, output: OutboxStatus },
  'downloads.status': { input: Empty, output: DownloadsStatus },
  'settings.get': { input: Empty, output: Settings },
  'settings.set': { input: z.object({ patch: Settings.partial().strict() }).strict(), output: Settings },
  'media.url': { input: z.object({ artifactId: Id }).strict(), output: z.object({ url: z.string() }) },
  // Issuer staff (issue #12): online only, each a read of the hub with the signed-in token.
  'staff.decisions': {
    input: DecisionsExportQuery.extend({ cursor: DecisionsQuery.shape.cursor, limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: DecisionsResponse,
  },
  'staff.decisionsCsv': { input: DecisionsExportQuery, output: z.object({ csv: z.string(), filename: z.string() }) },
  'staff.history': {
    input: SubmissionRef,
    /** `result` names each criterion and the final levels; null while no final decision exists. */
    output: z.object({ history: DecisionHistoryResponse, result: SubmissionResult.nullable() }),
  },
  'staff.credential': { input: SubmissionRef, output: CredentialResponse },
  'audit.verify': { input: Empty, output: AuditVerifyResponse },
  'audit.events': { input: SeqPage, output: AuditListResponse },
  'audit.checkpoints': { input: SeqPage, output: AuditCheckpointsResponse },
  ...calibrationMethods,
  ...reportsMethods,
} as const;

/** Pushes from the core to the UI (IPC events, or server-sent events on GET /api/events). */
export const workstationEvents = {
  'sync.progress': SyncStatus,
  'download.progress': z.object({ file: FileProgress.nullable(), batch: BatchProgress }),
  connectivity: z.object({ online: z.boolean() }),
  'assignments.changed': z.object({ assignmentIds: z.array(Id) }),
  'outbox.changed': OutboxStatus,
} as const;

export type WorkstationContract = typeof workstationContract;
export type MethodName = keyof WorkstationContract;
export type MethodInput<M extends MethodName> = z.input<WorkstationContract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.infer<WorkstationContract[M]['output']>;
export type EventName = keyof typeof workstationEvents;
export type EventPayload<E extends EventName> = z.infer<(typeof workstationEvents)[E]>;
export type WorkstationEvent = { [E in EventName]: { name: E; payload: EventPayload<E> } }[EventName];

export const METHOD_NAMES = Object.keys(workstationContract) as MethodName[];
export const isMethodName = (name: string): name is MethodName => Object.hasOwn(workstationContract, name);

/** What window.assay is in the renderer, whichever transport carries it. */
export type WorkstationApi = {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>>;
  subscribe(listener: (event: WorkstationEvent) => void): () => void;
};

/** The workstation core's side: one async handler per method, already given validated input. */
export type Handlers = { [M in MethodName]: (input: z.infer<WorkstationContract[M]['input']>) => Promise<Result<MethodOutput<M>>> };
