import { DraftPatch } from '../../../shared/index.ts';
import type { Catalog } from './catalog.ts';
import { proposalEditable } from './consensus-queue.ts';
import { mergeDraftPatch } from './draft-merge.ts';
import { EDITABLE, toDraft, type DraftRow, type DraftRows } from './draft-rows.ts';
import { StoreError, STORE_ERRORS, type DraftRepo, type JournalRepo } from './types.ts';
import { iso, write, type Db } from './write.ts';

/** Why a draft in this state cannot change, in words the assessor can act on. */
export function readOnlyError(row: Pick<DraftRow, 'status' | 'status_reason'>, assignmentReason: string | null): StoreError {
  const reason =
    row.status === 'queued' ? 'This review was submitted and is waiting to be sent to the hub; it can no longer be changed.'
    : row.status === 'synced' ? 'This review was submitted to the hub; it can no longer be changed.'
    : (row.status_reason ?? assignmentReason ?? 'This review is read-only.');
  return new StoreError(STORE_ERRORS.readOnly, reason);
}

/** Drafts: every patch is one committed transaction that bumps the revision and journals what changed. */
export function createDraftRepo(db: Db, catalog: Catalog, rows: DraftRows, journal: JournalRepo): DraftRepo {
  return {
    get(assignmentId) {
      return toDraft(rows.getOrCreate(assignmentId));
    },
    save(assignmentId, patch, now) {
      const parsed = DraftPatch.safeParse(patch);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(patch)', message: i.message }));
        throw new StoreError(STORE_ERRORS.invalid, `Invalid draft patch: ${issues[0]?.path}: ${issues[0]?.message}`, issues);
      }
      return write(db, () => {
        const ctx = catalog.context(assignmentId);
        const row = rows.getOrCreate(assignmentId);
        if (!EDITABLE.includes(row.status) || ctx.readOnlyReason !== null) throw readOnlyError(row, ctx.readOnlyReason);
        if (!proposalEditable(ctx.assignment)) throw new StoreError(STORE_ERRORS.readOnly, 'Only the primary reader writes the consensus proposal, and only while it is their turn.');
        const artifactIds = new Set(ctx.submission.artifacts.map((a) => a.id));
        const { next, changes } = mergeDraftPatch(toDraft(row), parsed.data, ctx.rubric, ctx.assignment.locked, artifactIds);
        const savedAt = iso(now);
        rows.saveContent(assignmentId, next, savedAt);
        for (const change of changes) journal.append(assignmentId, change.action, change.payload, now);
        return { revision: row.revision + 1, savedAt };
      });
    },
  };
}
