import { createHash } from 'node:crypto';
import { canonicalJson, GENESIS_HASH, type AuditEvent, type AuditVerifyResponse } from '../../shared/index.ts';
import type { AuditRow } from '../repos/audit.ts';
import type { Repos } from '../repos/index.ts';
import type { HubContext } from './context.ts';

/** The hash of one event: SHA-256 over the previous hash followed by the canonical JSON of the entry. */
export function auditHash(prevHash: string, entry: Pick<AuditEvent, 'seq' | 'at' | 'actor' | 'action' | 'subject' | 'payload'>): string {
  const { seq, at, actor, action, subject, payload } = entry;
  return createHash('sha256').update(prevHash).update(canonicalJson({ seq, at, actor, action, subject, payload })).digest('hex');
}

/**
 * Appends to the chain and moves the head row, inside the write transaction of the change
 * it records. That transaction holds the writers' lock (the head row itself on
 * PostgreSQL), so appends from every hub process form one chain.
 */
export async function appendAudit(
  repos: Repos, now: () => Date, actor: string, action: string, subject: string, payload: Record<string, unknown> = {},
): Promise<AuditEvent> {
  const prevSeq = Number(await repos.meta.read('audit_head_seq'));
  const prevHash = await repos.meta.read('audit_head_hash');
  const clean = JSON.parse(canonicalJson(payload)) as Record<string, unknown>;
  const entry = { seq: prevSeq + 1, at: now().toISOString(), actor, action, subject, payload: clean };
  const event: AuditEvent = { ...entry, prevHash, hash: auditHash(prevHash, entry) };
  await repos.audit.insert(event, canonicalJson(clean));
  await repos.meta.write('audit_head_seq', String(event.seq));
  await repos.meta.write('audit_head_hash', event.hash);
  return event;
}

function rehash(row: AuditRow, prevHash: string): string | null {
  try {
    return auditHash(prevHash, { ...row, payload: JSON.parse(row.payload) as Record<string, unknown> });
  } catch {
    return null;
  }
}

/**
 * Walks the chain from the genesis in one snapshot: the first seq that is missing, out of
 * place, edited or not linked to its predecessor is reported; the head row catches
 * deleted newest events.
 */
export function verifyAudit(ctx: HubContext): Promise<AuditVerifyResponse> {
  return ctx.read(async (repos): Promise<AuditVerifyResponse> => {
    let expected = 1;
    let prevHash = GENESIS_HASH;
    let checked = 0;
    for await (const row of repos.audit.scan()) {
      checked++;
      if (row.seq !== expected || row.prevHash !== prevHash || rehash(row, prevHash) !== row.hash) {
        return { ok: false, checked, firstBadSeq: expected };
      }
      prevHash = row.hash;
      expected++;
    }
    const lastSeq = expected - 1;
    const headSeq = Number(await repos.meta.read('audit_head_seq'));
    const headHash = await repos.meta.read('audit_head_hash');
    if (headSeq !== lastSeq) return { ok: false, checked, firstBadSeq: Math.min(headSeq, lastSeq) + 1 };
    if (headHash !== prevHash) return { ok: false, checked, firstBadSeq: Math.max(lastSeq, 1) };
    return { ok: true, checked };
  });
}
