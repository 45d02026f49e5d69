import type { AuditEvent } from '../../shared/index.ts';
import type { Executor } from '../db/open.ts';

export type AuditRow = Omit<AuditEvent, 'payload'> & { payload: string };

const COLUMNS = ['seq', 'at', 'actor', 'action', 'subject', 'payload', 'prev_hash as prevHash', 'hash'] as const;
const PAGE = 1000;

const toEvent = (r: AuditRow): AuditEvent => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> });

/** The append-only audit chain (hashing and verification live in services/audit.ts). */
export function createAuditRepo(db: Executor) {
  const page = (seq: number, limit: number) => db.selectFrom('audit_events').select(COLUMNS).where('seq', '>', seq).orderBy('seq').limit(limit).execute();
  return {
    async insert(e: AuditEvent, payloadJson: string): Promise<void> {
      await db.insertInto('audit_events').values({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, subject: e.subject, payload: payloadJson, prev_hash: e.prevHash, hash: e.hash }).execute();
    },
    async insertRefs(seq: number, action: string, refs: readonly string[]): Promise<void> {
      await db.insertInto('audit_refs').values(refs.map((ref) => ({ ref, seq, action }))).execute();
    },
    /** Every event concerning any of these ids (audit/refs.ts), oldest first. */
    async touching(refs: readonly string[]): Promise<AuditEvent[]> {
      if (refs.length === 0) return [];
      const seqs = db.selectFrom('audit_refs').select('seq').where('ref', 'in', [...refs]);
      return (await db.selectFrom('audit_events').select(COLUMNS).where('seq', 'in', seqs).orderBy('seq').execute()).map(toEvent);
    },
    /** This id's events of these actions before `beforeSeq`, newest first. */
    async latestOf(ref: string, actions: readonly string[], beforeSeq: number, limit: number): Promise<AuditEvent[]> {
      const seqs = db.selectFrom('audit_refs').select('seq').where('ref', '=', ref).where('action', 'in', [...actions]).where('seq', '<', beforeSeq);
      return (await db.selectFrom('audit_events').select(COLUMNS).where('seq', 'in', seqs).orderBy('seq', 'desc').limit(limit).execute()).map(toEvent);
    },
    async after(seq: number, limit: number): Promise<AuditEvent[]> {
      return (await page(seq, limit)).map(toEvent);
    },
    /** Raw rows in seq order, a page at a time; the payload stays text so verification sees exactly what is stored. */
    async *scan(): AsyncGenerator<AuditRow> {
      for (let after = Number.MIN_SAFE_INTEGER; ; ) {
        const rows = await page(after, PAGE);
        yield* rows;
        if (rows.length < PAGE) return;
        after = rows[rows.length - 1]!.seq;
      }
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
