import { canonicalJson, type AuditEvent, type AuditVerifyResponse } from '../../../shared/index.ts';
import { checkpointDue, type CheckpointSigner } from '../../audit/checkpoints.ts';
import { auditHash } from '../../audit/hash.ts';
import { auditRefs } from '../../audit/refs.ts';
import { verifyChain } from '../../audit/verify-chain.ts';
import type { Repos } from '../../repos/index.ts';
import type { HubContext } from '../context.ts';

/**
 * Signs the chain head when a checkpoint is due (100 events, or 10 minutes with new events).
 * Called inside a write transaction, which holds the writers' lock, so the checkpoint
 * commits with the event that made it due; the insert is idempotent per seq.
 */
export async function checkpointIfDue(repos: Repos, signer: CheckpointSigner, now: Date): Promise<void> {
  const seq = Number(await repos.meta.read('audit_head_seq'));
  if (!checkpointDue(await repos.checkpoints.latest(), seq, now)) return;
  await repos.checkpoints.insert(signer.sign({ seq, hash: await repos.meta.read('audit_head_hash'), at: now.toISOString() }));
}

/**
 * Appends to the chain and moves the head row, inside the write transaction of the change
 * it records. That transaction holds the writers' lock (the head row itself on
 * PostgreSQL), so appends from every hub process form one chain.
 */
export async function appendAudit(
  repos: Repos, signer: CheckpointSigner, now: () => Date, actor: string, action: string, subject: string, payload: Record<string, unknown> = {},
): Promise<AuditEvent> {
  const prevSeq = Number(await repos.meta.read('audit_head_seq'));
  const prevHash = await repos.meta.read('audit_head_hash');
  const clean = JSON.parse(canonicalJson(payload)) as Record<string, unknown>;
  const at = now();
  const entry = { seq: prevSeq + 1, at: at.toISOString(), actor, action, subject, payload: clean };
  const event: AuditEvent = { ...entry, prevHash, hash: auditHash(prevHash, entry) };
  await repos.audit.insert(event, canonicalJson(clean));
  await repos.audit.insertRefs(event.seq, action, auditRefs(subject, clean));
  await repos.meta.write('audit_head_seq', String(event.seq));
  await repos.meta.write('audit_head_hash', event.hash);
  await checkpointIfDue(repos, signer, at);
  return event;
}

/**
 * Walks the chain from the genesis in one snapshot against every signed checkpoint and the
 * head row (audit/verify-chain.ts): forged checkpoints, truncation past a checkpoint, and
 * edited, deleted or reordered entries are reported with the first bad seq.
 */
export function verifyAudit(ctx: HubContext): Promise<AuditVerifyResponse> {
  return ctx.read(async (repos): Promise<AuditVerifyResponse> => {
    const checkpoints = await repos.checkpoints.all();
    const head = { seq: Number(await repos.meta.read('audit_head_seq')), hash: await repos.meta.read('audit_head_hash') };
    const verdict = await verifyChain(repos.audit.scan(), checkpoints, ctx.auditSigner.publicJwk, head);
    const latest = checkpoints.at(-1);
    return { ...verdict, checkpoints: checkpoints.length, ...(latest ? { latestCheckpoint: latest } : {}) };
  });
}
