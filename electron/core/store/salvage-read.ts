import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { AdjudicatedCriterion, AdjudicationBody, ConsensusProposalRequest, ConsensusResponseRequest, EvidenceNote, Id, IsoTime, ReviewBody, ReviewStatus, UserSummary, Uuid } from '../../../shared/index.ts';
import type { Db } from './write.ts';

/** A JSON text column that must hold a value of the given schema. */
const jsonOf = <T extends z.ZodType>(schema: T) =>
  z.string().transform((text, ctx) => {
    try {
      return JSON.stringify(schema.parse(JSON.parse(text)));
    } catch {
      ctx.addIssue({ code: 'custom', message: 'not the expected JSON' });
      return z.NEVER;
    }
  });

// The rows as the store writes them (column names as in the schema); anything else a damaged
// page may have turned into is left behind.
export const SalvagedDraft = z.object({
  assignment_id: Id,
  review_id: Uuid,
  revision: z.number().int().min(0),
  saved_at: IsoTime.nullable(),
  scores: jsonOf(z.record(Id, z.number().int())),
  criterion_feedback: jsonOf(z.record(Id, z.string())),
  // A database from before migration 004 has no rationale column.
  criterion_rationale: jsonOf(z.record(Id, z.string())).default('{}'),
  // Nor, before migration 006, an adjudication's basis and rationale.
  criterion_basis: jsonOf(z.record(Id, AdjudicatedCriterion.shape.basis)).default('{}'),
  rationale: z.string().default(''),
  overall_feedback: z.string(),
  notes: jsonOf(z.array(EvidenceNote)),
  time_spent_sec: z.number().min(0),
  status: ReviewStatus,
  status_reason: z.string().nullable(),
  decision: z.string().nullable(),
  received_at: z.string().nullable(),
  synced_at: z.string().nullable(),
});
const OutboxBase = { assignment_id: Id, attempts: z.number().int().min(0), created_at: IsoTime };
export const SalvagedOutbox = z.discriminatedUnion('kind', [
  z.object({ ...OutboxBase, kind: z.literal('review'), client_id: Uuid, body: jsonOf(ReviewBody) }),
  z.object({ ...OutboxBase, kind: z.literal('recusal'), client_id: Uuid, body: jsonOf(z.object({ reason: z.string().min(1).max(2000) })) }),
  z.object({ ...OutboxBase, kind: z.literal('adjudication'), client_id: Uuid, body: jsonOf(AdjudicationBody) }),
  z.object({ ...OutboxBase, kind: z.literal('consensus_proposal'), client_id: Uuid, body: jsonOf(ConsensusProposalRequest) }),
  z.object({ ...OutboxBase, kind: z.literal('consensus_response'), client_id: Uuid, body: jsonOf(ConsensusResponseRequest) }),
]).refine((r) => (r.kind !== 'review' && r.kind !== 'adjudication') || (JSON.parse(r.body) as { assignmentId: string }).assignmentId === r.assignment_id, 'review of another assignment');
export const SalvagedJournal = z.object({
  assignment_id: Id,
  seq: z.number().int().min(1),
  at: IsoTime,
  action: z.enum(['opened', 'level_set', 'feedback_changed', 'note_changed', 'submitted', 'recused']),
  payload: jsonOf(z.record(z.string(), z.unknown())),
  prev_hash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
const SalvagedOwner = z.object({ hub_url: z.url(), user_id: Id, display_name: z.string() });
const SalvagedSession = z.object({ hub_url: z.url(), user_json: jsonOf(UserSummary), device_name: z.string(), signed_in_at: IsoTime });

export type SalvagedDraftRow = z.infer<typeof SalvagedDraft>;
export type SalvagedOutboxRow = z.infer<typeof SalvagedOutbox>;
export type SalvagedJournalRow = z.infer<typeof SalvagedJournal>;

/** What one table gave back: valid rows, and how many it held that could not be read (null: unknown). */
export type TableHaul<T> = { rows: T[]; unreadable: number | null };
export type Haul = {
  drafts: TableHaul<SalvagedDraftRow>;
  outbox: TableHaul<SalvagedOutboxRow>;
  journal: TableHaul<SalvagedJournalRow>;
  owner: z.infer<typeof SalvagedOwner> | null;
  session: z.infer<typeof SalvagedSession> | null;
  /** Whether SQLite could read the file's schema at all (not when its first page is damaged). */
  readable: boolean;
};

const MAX_ROWID = Number.MAX_SAFE_INTEGER;

/** Whether a read failed inside SQLite (a damaged page, a short file): never a reason to stop salvaging. */
const isSqliteError = (err: unknown): boolean =>
  typeof err === 'object' && err !== null && String((err as { code?: unknown }).code ?? '').startsWith('SQLITE_');

/**
 * Every row of one table that can still be read. A full scan in rowid order first; when it
 * meets a damaged page, the first rowid after the damage from which a seek works again is
 * found by doubling steps and then bisection (a seek goes through the interior pages only,
 * so it lands past the damaged leaf), and the scan resumes there.
 */
function readRows(db: Db, table: string): { rows: Record<string, unknown>[]; damaged: boolean } {
  const scan = db.prepare(`SELECT rowid AS "salvage rowid", * FROM ${table} WHERE rowid >= ? ORDER BY rowid`);
  const probe = (start: number): boolean => {
    try {
      scan.get(start);
      return true;
    } catch (err) {
      if (!isSqliteError(err)) throw err;
      return false;
    }
  };
  const rows: Record<string, unknown>[] = [];
  let damaged = false;
  let start = 0;
  for (;;) {
    let last = start - 1;
    try {
      for (const row of scan.iterate(start) as Iterable<Record<string, unknown>>) {
        last = Number(row['salvage rowid']);
        rows.push(row);
      }
      return { rows, damaged };
    } catch (err) {
      if (!isSqliteError(err)) throw err;
      damaged = true;
    }
    let bad = last;
    let step = 1;
    let good: number | null = null;
    while (last + step <= MAX_ROWID) {
      if (probe(last + step)) {
        good = last + step;
        break;
      }
      bad = last + step;
      step *= 2;
    }
    if (good === null) return { rows, damaged };
    while (good - bad > 1) {
      const mid = Math.floor((bad + good) / 2);
      if (probe(mid)) good = mid;
      else bad = mid;
    }
    start = good;
  }
}

/** How many rows the table holds, counted through one of its indexes (its own pages), or null. */
function countByIndex(db: Db, table: string): number | null {
  try {
    const indexes = db.prepare<[], { name: string }>(`SELECT name FROM pragma_index_list('${table}')`).all();
    for (const { name } of indexes) {
      try {
        return db.prepare(`SELECT count(*) FROM ${table} INDEXED BY "${name}"`).pluck().get() as number;
      } catch (err) {
        if (!isSqliteError(err)) throw err;
      }
    }
  } catch (err) {
    if (!isSqliteError(err)) throw err;
  }
  return null;
}

/**
 * An outbox "opened" report is turnaround bookkeeping, not work the assessor was told is
 * saved: a salvage leaves it behind (the assignment is reported open again only if it is
 * still `assigned` on the next opening) and does not count it as unreadable.
 */
const isOpenedReport = (row: Record<string, unknown>): boolean => row.kind === 'opened';

function salvageTable<T>(db: Db, table: string, schema: z.ZodType<T>, skip: (row: Record<string, unknown>) => boolean = () => false): TableHaul<T> {
  let read: { rows: Record<string, unknown>[]; damaged: boolean };
  try {
    read = readRows(db, table);
  } catch (err) {
    if (!isSqliteError(err)) throw err;
    return { rows: [], unreadable: countByIndex(db, table) };
  }
  const rows: T[] = [];
  let invalid = 0;
  for (const row of read.rows) {
    if (skip(row)) continue;
    const parsed = schema.safeParse(row);
    if (parsed.success) rows.push(parsed.data);
    else invalid += 1;
  }
  const expected = countByIndex(db, table);
  const missing = expected === null ? (read.damaged ? null : 0) : Math.max(0, expected - read.rows.length);
  return { rows, unreadable: missing === null ? null : missing + invalid };
}

const single = <T>(db: Db, table: string, schema: z.ZodType<T>): T | null => salvageTable(db, table, schema).rows[0] ?? null;

const EMPTY: Haul = {
  drafts: { rows: [], unreadable: null }, outbox: { rows: [], unreadable: null }, journal: { rows: [], unreadable: null }, owner: null, session: null, readable: false,
};

/**
 * Reads what can still be read from a set-aside database. It works on a copy (with its WAL),
 * so the set-aside file stays byte for byte as it was; a file SQLite cannot open at all
 * gives nothing back, with counts unknown.
 */
export function readSalvage(file: string): Haul {
  const dir = mkdtempSync(join(dirname(file), '.salvage-'));
  const copy = join(dir, basename(file));
  let db: Db | undefined;
  try {
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
    db = new Database(copy, { fileMustExist: true });
    const opened = db;
    opened.prepare('SELECT count(*) FROM sqlite_schema').get();
    return {
      readable: true,
      drafts: salvageTable(opened, 'drafts', SalvagedDraft),
      outbox: salvageTable(opened, 'outbox', SalvagedOutbox, isOpenedReport),
      journal: salvageTable(opened, 'journal', SalvagedJournal),
      owner: single(opened, 'owner', SalvagedOwner),
      session: single(opened, 'session', SalvagedSession),
    };
  } catch (err) {
    if (!isSqliteError(err)) throw err;
    return EMPTY;
  } finally {
    db?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
