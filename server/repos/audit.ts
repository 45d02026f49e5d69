import type { AuditEvent } from '../../shared/index.ts';
import type { Db } from '../db/open.ts';

type AuditRow = Omit<AuditEvent, 'payload'> & { payload: string };

const COLUMNS = 'seq, at, actor, action, subject, payload, prev_hash AS prevHash, hash';

const toEvent = (r: AuditRow): AuditEvent => ({ ...r, payload: JSON.parse(r.payload) as Record<string, unknown> });

/** The append-only audit chain (hashing and verification live in services/audit.ts). */
export function createAuditRepo(db: Db) {
  const insert = db.prepare('INSERT INTO audit_events (seq, at, actor, action, subject, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const after = db.prepare<[number, number], AuditRow>(`SELECT ${COLUMNS} FROM audit_events WHERE seq > ? ORDER BY seq LIMIT ?`);
  const all = db.prepare<[], AuditRow>(`SELECT ${COLUMNS} FROM audit_events ORDER BY seq`);
  return {
    insert(e: AuditEvent, payloadJson: string): void {
      insert.run(e.seq, e.at, e.actor, e.action, e.subject, payloadJson, e.prevHash, e.hash);
    },
    after(seq: number, limit: number): AuditEvent[] {
      return after.all(seq, limit).map(toEvent);
    },
    /** Raw rows in seq order; the payload stays text so verification sees exactly what is stored. */
    *scan(): Generator<AuditRow> {
      yield* all.iterate();
    },
  };
}

export type AuditRepo = ReturnType<typeof createAuditRepo>;
