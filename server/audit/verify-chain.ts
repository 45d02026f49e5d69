import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import { GENESIS_HASH, type AuditEvent } from '../../shared/index.ts';
import { auditHash } from './hash.ts';
import { checkpointMessage, type SignedCheckpoint } from './checkpoints.ts';

/** An audit row as stored: the payload may still be the JSON text the database holds. */
export type AuditRow = Omit<AuditEvent, 'payload'> & { payload: Record<string, unknown> | string };

export type ChainFault =
  /** The key given is not an Ed25519 public key. */
  | 'invalid_public_key'
  /** A checkpoint's signature does not verify: it was forged or altered. */
  | 'bad_checkpoint_signature'
  /** An entry is missing, out of place, edited, or not linked to its predecessor. */
  | 'entry_mismatch'
  /** The chain is internally consistent but differs from a signed checkpoint: rewritten and re-hashed. */
  | 'checkpoint_mismatch'
  /** The chain ends before the latest signed checkpoint: truncated or rolled back. */
  | 'truncated'
  /** The chain disagrees with the recorded head (newest entries deleted after the last checkpoint). */
  | 'head_mismatch';

export type ChainVerdict = { ok: boolean; checked: number; firstBadSeq?: number; reason?: ChainFault };

const bad = (checked: number, reason: ChainFault, firstBadSeq?: number): ChainVerdict => (firstBadSeq === undefined ? { ok: false, checked, reason } : { ok: false, checked, firstBadSeq, reason });

function ed25519Key(jwk: JsonWebKey): KeyObject | null {
  try {
    const key = createPublicKey({ key: jwk, format: 'jwk' });
    return key.type === 'public' && key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

function signatureHolds(cp: SignedCheckpoint, key: KeyObject): boolean {
  if (!Number.isSafeInteger(cp.seq) || cp.seq < 1 || typeof cp.hash !== 'string' || typeof cp.at !== 'string' || typeof cp.signature !== 'string') return false;
  try {
    return verify(null, checkpointMessage(cp), key, Buffer.from(cp.signature, 'base64url'));
  } catch {
    return false;
  }
}

function rehash(row: AuditRow, prevHash: string): string | null {
  try {
    const payload = typeof row.payload === 'string' ? (JSON.parse(row.payload) as Record<string, unknown>) : row.payload;
    return auditHash(prevHash, { ...row, payload });
  } catch {
    return null;
  }
}

/**
 * Verifies the audit chain against signed checkpoints, with Ed25519 through node:crypto. Pure:
 * it reads only its arguments, so a hub, a route or an offline auditor with a copy of the
 * database and the public key get the same answer. Checks, in order: every checkpoint's
 * signature; every entry's seq, link and hash (the rule of `auditHash`) from the genesis;
 * the chain's hash at each checkpointed seq; that the chain reaches the latest checkpoint;
 * and, when given, the recorded head. Checkpoints only prove what they cover: an auditor who
 * keeps the latest checkpoint outside the database also catches a copy whose newer
 * checkpoints were deleted along with the entries.
 */
export async function verifyChain(
  events: Iterable<AuditRow> | AsyncIterable<AuditRow>,
  checkpoints: readonly SignedCheckpoint[],
  publicKeyJwk: JsonWebKey,
  head?: { seq: number; hash: string },
): Promise<ChainVerdict> {
  const key = ed25519Key(publicKeyJwk);
  if (!key) return bad(0, 'invalid_public_key');
  const ordered = [...checkpoints].sort((a, b) => a.seq - b.seq);
  const forged = ordered.find((cp) => !signatureHolds(cp, key));
  if (forged) return bad(0, 'bad_checkpoint_signature', Number.isSafeInteger(forged.seq) ? forged.seq : undefined);
  const signedAt = new Map<number, string[]>();
  for (const cp of ordered) signedAt.set(cp.seq, [...(signedAt.get(cp.seq) ?? []), cp.hash]);

  let expected = 1;
  let prevHash = GENESIS_HASH;
  let checked = 0;
  for await (const row of events) {
    checked++;
    if (row.seq !== expected || row.prevHash !== prevHash || rehash(row, prevHash) !== row.hash) return bad(checked, 'entry_mismatch', expected);
    if (signedAt.get(row.seq)?.some((hash) => hash !== row.hash)) return bad(checked, 'checkpoint_mismatch', row.seq);
    prevHash = row.hash;
    expected++;
  }
  const lastSeq = expected - 1;
  const latest = ordered.at(-1);
  if (latest && latest.seq > lastSeq) return bad(checked, 'truncated', lastSeq + 1);
  if (head && head.seq !== lastSeq) return bad(checked, 'head_mismatch', Math.min(head.seq, lastSeq) + 1);
  if (head && head.hash !== prevHash) return bad(checked, 'head_mismatch', Math.max(lastSeq, 1));
  return { ok: true, checked };
}
