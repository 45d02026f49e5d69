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
