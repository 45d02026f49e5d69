import {
  DEFAULT_SETTINGS, workstationContract, type Draft, type DraftPatch, type MethodInput, type MethodName, type MethodOutput,
  type Result, type Settings, type SubmissionView, type WorkstationApi, type WorkstationEvent,
} from '../../../shared/index.ts';
import { emptyDraft, makeView } from './fixtures.ts';

type Call = { method: MethodName; input: unknown };

/** An answer with an error code, as the core gives one. */
export class FakeFailure {
  readonly code: string;
  readonly message: string;
  readonly details: unknown;
  constructor(code: string, message: string, details?: unknown) {
    this.code = code;
    this.message = message;
    this.details = details;
  }
}

export type Override = (input: Record<string, unknown>) => unknown;

/**
 * An in-memory Workstation API for component tests: validates every input against the
 * shared contract (as the real core does), records calls, and can hold or fail saves.
 */
export class FakeApi implements WorkstationApi {
  readonly calls: Call[] = [];
  view: SubmissionView;
  draft: Draft;
  settings: Settings;
  failSaves = false;
  /** Per-method answers that replace the built-in ones (a FakeFailure becomes an error result). */
  overrides: Partial<Record<MethodName, Override>> = {};
  private held: (() => void)[] | null = null;
  private listeners = new Set<(event: WorkstationEvent) => void>();

  constructor(opts: { view?: SubmissionView; draft?: Draft; settings?: Partial<Settings> } = {}) {
    this.view = opts.view ?? makeView();
    this.draft = opts.draft ?? emptyDraft();
    this.settings = { ...DEFAULT_SETTINGS, ...opts.settings };
  }

  /** Saves wait until release() is called, so a test can see "Saving…". */
  holdSaves(): () => void {
    this.held = [];
    return () => {
      const waiting = this.held ?? [];
      this.held = null;
      for (const go of waiting) go();
    };
  }

  savesOf(): DraftPatch[] {
    return this.calls.filter((c) => c.method === 'draft.save').map((c) => (c.input as { patch: DraftPatch }).patch);
  }

  emit(event: WorkstationEvent): void {
    for (const l of this.listeners) l(event);
  }

  subscribe(listener: (event: WorkstationEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
    const parsed = workstationContract[method].input.safeParse(input);
    if (!parsed.success) return { ok: false, error: { code: 'invalid', message: parsed.error.message } };
    this.calls.push({ method, input: parsed.data });
    const override = this.overrides[method];
    const value = override ? override(parsed.data as Record<string, unknown>) : await this.answer(method, parsed.data as Record<string, unknown>);
    if (value instanceof FakeFailure) {
      return { ok: false, error: value.details === undefined ? { code: value.code, message: value.message } : { code: value.code, message: value.message, details: value.details } };
    }
    if (value instanceof Error) return { ok: false, error: { code: 'save_failed', message: value.message } };
    return { ok: true, value: value as MethodOutput<M> };
  }

  private async answer(method: MethodName, input: Record<string, unknown>): Promise<unknown> {
    switch (method) {
      case 'session.status':
        return { signedIn: true, user: { id: 'u-ana', displayName: 'Ana Assessor', roles: ['assessor'] }, hubUrl: 'http://127.0.0.1:1', demo: null };
      case 'settings.get':
        return this.settings;
      case 'submission.get':
        return this.view;
      case 'draft.get':
        return this.draft;
      case 'draft.save':
        return this.save(input.patch as DraftPatch);
      case 'sync.status':
        return { state: 'idle', online: true, lastSyncAt: null };
      case 'outbox.status':
        return { pending: 0, failed: 0 };
      case 'downloads.status':
        return { files: [], batch: { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, rateBps: 0, etaSec: null } };
      default:
        return new Error(`FakeApi does not answer ${method}`);
    }
  }

  private async save(patch: DraftPatch): Promise<unknown> {
    if (this.held) await new Promise<void>((go) => this.held?.push(go));
    if (this.failSaves) return new Error('disk is full');
    const scores = { ...this.draft.scores };
    for (const [id, level] of Object.entries(patch.scores ?? {})) {
      if (level === null) delete scores[id];
      else scores[id] = level;
    }
    this.draft = {
      ...this.draft,
      scores,
      criterionFeedback: { ...this.draft.criterionFeedback, ...patch.criterionFeedback },
      criterionRationale: { ...this.draft.criterionRationale, ...patch.criterionRationale },
      criterionBasis: { ...this.draft.criterionBasis, ...patch.criterionBasis },
      rationale: patch.rationale ?? this.draft.rationale,
      notes: patch.notes ?? this.draft.notes,
      overallFeedback: patch.overallFeedback ?? this.draft.overallFeedback,
      revision: this.draft.revision + 1,
      savedAt: new Date().toISOString(),
    };
    return { revision: this.draft.revision, savedAt: this.draft.savedAt };
  }
}
