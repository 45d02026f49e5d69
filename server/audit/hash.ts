import { createHash } from 'node:crypto';
import { canonicalJson, type AuditEvent } from '../../shared/index.ts';

/** The hash of one event: SHA-256 over the previous hash followed by the canonical JSON of the entry. */
export function auditHash(prevHash: string, entry: Pick<AuditEvent, 'seq' | 'at' | 'actor' | 'action' | 'subject' | 'payload'>): string {
  const { seq, at, actor, action, subject, payload } = entry;
  return createHash('sha256').update(prevHash).update(canonicalJson({ seq, at, actor, action, subject, payload })).digest('hex');
}
