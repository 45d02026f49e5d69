import { createHash } from 'node:crypto';
import { canonicalJson, GENESIS_HASH, type AuditEvent, type AuditVerifyResponse } from '../../shared/index.ts';
import type { HubContext } from './context.ts';

/** The hash of one event: SHA-256 over the previous hash followed by the canonical JSON of the entry. */
export function auditHash(prevHash: string, entry: Pick<AuditEvent, 'seq' | 'at' | 'actor' | 'action' | 'subject' | 'payload'>): string {
  const { seq, at, actor, action, subject, payload } = entry;
  return createHash('sha256').update(prevHash).update(canonicalJson({ seq, at, actor, action, subject, payload })).digest('hex');
}

export type AuditAppend = (actor: string, action: string, subject: string, payload?: Record<string, unknown>) => AuditEvent;

/**
 * Appends to the chain and moves the head row in the same transaction; callers run it
 * inside the transaction of the change it records.
 */
export function createAuditAppend(ctx: HubContext): AuditAppend {
  const { repos } = ctx;
  return ctx.db.transaction((actor: string, action: string, subject: string, payload: Record<string, unknown> = {}) => {
    const prevSeq = Number(repos.meta.read('audit_head_seq'));
    const prevHash = repos.meta.read('audit_head_hash');
    const clean = JSON.parse(canonicalJson(payload)) as Record<string, unknown>;
    const entry = { seq: prevSeq + 1, at: ctx.now().toISOString(), actor, action, subject, payload: clean };
    const event: AuditEvent = { ...entry, prevHash, hash: auditHash(prevHash, entry) };
    repos.audit.insert(event, canonicalJson(clean));
    repos.meta.write('audit_head_seq', String(event.seq));
    repos.meta.write('audit_head_hash', event.hash);
    return event;
  });
}

function rehash(row: { seq: number; at: string; actor: string; action: string; subject: string; payload: string }, prevHash: string): string | null {
  try {
    return auditHash(prevHash, { ...row, payload: JSON.parse(row.payload) as Record<string, unknown> });
  } catch {
    return null;
  }
}

/**
 * Walks the chain from the genesis: the first seq that is missing, out of place, edited or
 * not linked to its predecessor is reported; the head row catches deleted newest events.
 */
export function verifyAudit(ctx: HubContext): AuditVerifyResponse {
  return ctx.db.transaction((): AuditVerifyResponse => {
    let expected = 1;
    let prevHash = GENESIS_HASH;
    let checked = 0;
    for (const row of ctx.repos.audit.scan()) {
      checked++;
      if (row.seq !== expected || row.prevHash !== prevHash || rehash(row, prevHash) !== row.hash) {
        return { ok: false, checked, firstBadSeq: expected };
      }
      prevHash = row.hash;
      expected++;
    }
    const lastSeq = expected - 1;
    const headSeq = Number(ctx.repos.meta.read('audit_head_seq'));
    const headHash = ctx.repos.meta.read('audit_head_hash');
    if (headSeq !== lastSeq) return { ok: false, checked, firstBadSeq: Math.min(headSeq, lastSeq) + 1 };
    if (headHash !== prevHash) return { ok: false, checked, firstBadSeq: Math.max(lastSeq, 1) };
    return { ok: true, checked };
  }).deferred();
}
