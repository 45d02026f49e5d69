import { createHash, sign } from 'node:crypto';
import { join } from 'node:path';
import { canonicalJson } from '../../shared/index.ts';
import { loadOrCreateSigningKey } from '../keys/key-file.ts';

export const CHECKPOINT_KEY_FILE = 'audit-signing-key.pem';

/** The head of the audit chain at one moment: its last seq, that event's hash, and when. */
export type CheckpointHead = { seq: number; hash: string; at: string };
/** A head signed with the hub's Ed25519 audit key; `signature` is base64url. */
export type SignedCheckpoint = CheckpointHead & { signature: string };
export type AuditPublicJwk = { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; alg: 'EdDSA'; use: 'sig' };

/**
 * The exact bytes signed, so an auditor can check a checkpoint with any Ed25519 tool: a
 * domain-separating first line, then the canonical JSON (sorted keys) of {at, hash, seq}, UTF-8.
 */
export function checkpointMessage({ seq, hash, at }: CheckpointHead): Buffer {
  return Buffer.from(`assay-audit-checkpoint/1\n${canonicalJson({ seq, hash, at })}`, 'utf8');
}

export type CheckpointSigner = { publicJwk: AuditPublicJwk; sign(head: CheckpointHead): SignedCheckpoint };

/** The audit key (created 0600 in the data folder on first start) and a signer over it; Ed25519 through node:crypto. */
export async function loadCheckpointSigner(dataDir: string): Promise<CheckpointSigner> {
  const { privateKey, publicKey } = await loadOrCreateSigningKey(join(dataDir, CHECKPOINT_KEY_FILE), 'ed25519');
  const { x } = publicKey.export({ format: 'jwk' });
  if (!x) throw new Error('the audit key did not export as an Ed25519 JWK');
  // RFC 7638 thumbprint: SHA-256 over the required members in lexicographic order.
  const kid = createHash('sha256').update(JSON.stringify({ crv: 'Ed25519', kty: 'OKP', x })).digest('base64url');
  const publicJwk: AuditPublicJwk = { kty: 'OKP', crv: 'Ed25519', x, kid, alg: 'EdDSA', use: 'sig' };
  return {
    publicJwk,
    sign: (head) => ({ seq: head.seq, hash: head.hash, at: head.at, signature: sign(null, checkpointMessage(head), privateKey).toString('base64url') }),
  };
}

export const CHECKPOINT_POLICY = { everyEvents: 100, everyMs: 10 * 60_000 } as const;

/**
 * A new checkpoint is due after 100 events, or after 10 minutes with at least one new event.
 * A chain that has events and no checkpoint yet gets one at once, so it is anchored early.
 */
export function checkpointDue(last: CheckpointHead | null, headSeq: number, now: Date, policy: { everyEvents: number; everyMs: number } = CHECKPOINT_POLICY): boolean {
  if (last === null) return headSeq > 0;
  if (headSeq <= last.seq) return false;
  return headSeq - last.seq >= policy.everyEvents || now.getTime() - Date.parse(last.at) >= policy.everyMs;
}
