import { generateKeyPairSync, sign } from 'node:crypto';
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_KEY_FILE, checkpointDue, checkpointMessage, loadCheckpointSigner, type CheckpointSigner, type SignedCheckpoint } from '../../server/audit/checkpoints.ts';
import { verifyChain, type AuditRow } from '../../server/audit/verify-chain.ts';
import { auditHash } from '../../server/audit/hash.ts';
import { canonicalJson, GENESIS_HASH, type AuditEvent } from '../../shared/index.ts';
import { makeDataDir } from '../support/hub.ts';

const T0 = Date.UTC(2025, 2, 1, 9, 0, 0);

/** The entries linked into a chain with the hub's own hash rule. */
function chain(entries: Omit<AuditEvent, 'prevHash' | 'hash'>[]): AuditEvent[] {
  let prevHash = GENESIS_HASH;
  return entries.map((entry) => {
    const event = { ...entry, prevHash, hash: auditHash(prevHash, entry) };
    prevHash = event.hash;
    return event;
  });
}

const entries = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    seq: i + 1,
    at: new Date(T0 + i * 1000).toISOString(),
    actor: i % 3 === 0 ? 'system' : `u_${i % 5}`,
    action: i % 2 === 0 ? 'review.submitted' : 'assignment.created',
    subject: `sub_${Math.floor(i / 4)}`,
    payload: { n: i, levels: { 'c-plan': (i % 5) + 1 } },
  }));

const headOf = (events: AuditEvent[]) => ({ seq: events.at(-1)?.seq ?? 0, hash: events.at(-1)?.hash ?? GENESIS_HASH });

describe('signed audit checkpoints', () => {
  const dataDir = makeDataDir();
  let signer: CheckpointSigner;
  let events: AuditEvent[];
  let checkpoints: SignedCheckpoint[];
  const checkpointAt = (seq: number) => signer.sign({ seq, hash: events[seq - 1]!.hash, at: new Date(T0 + seq * 1000).toISOString() });

  beforeAll(async () => {
    signer = await loadCheckpointSigner(dataDir);
    events = chain(entries(250));
    checkpoints = [checkpointAt(100), checkpointAt(200)];
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  const check = (rows: Iterable<AuditRow> | AsyncIterable<AuditRow>, cps = checkpoints, head: { seq: number; hash: string } | undefined = headOf(events)) =>
    verifyChain(rows, cps, signer.publicJwk, head);

  it('keeps an owner-only Ed25519 key and publishes only its public half', async () => {
    expect(statSync(join(dataDir, CHECKPOINT_KEY_FILE)).mode & 0o777).toBe(0o600);
    expect(signer.publicJwk).toEqual({ kty: 'OKP', crv: 'Ed25519', x: expect.any(String), kid: expect.any(String), alg: 'EdDSA', use: 'sig' });
    expect(Buffer.from(signer.publicJwk.x, 'base64url')).toHaveLength(32);
    expect((await loadCheckpointSigner(dataDir)).publicJwk).toEqual(signer.publicJwk);
  });

  it('signs the documented bytes', () => {
    const head = { seq: 7, hash: 'ab'.repeat(32), at: '2025-03-01T09:00:07.000Z' };
    expect(checkpointMessage(head).toString('utf8')).toBe(`assay-audit-checkpoint/1\n${canonicalJson(head)}`);
    expect(signer.sign(head)).toEqual({ ...head, signature: expect.stringMatching(/^[A-Za-z0-9_-]{86}$/) });
  });

  it('accepts the intact chain, from objects, from stored JSON text and from an async source', async () => {
    expect(await check(events)).toEqual({ ok: true, checked: 250 });
    const stored = events.map((e) => ({ ...e, payload: canonicalJson(e.payload) }));
    expect(await check(stored)).toEqual({ ok: true, checked: 250 });
    async function* paged() {
      for (const e of events) yield e;
    }
    expect(await check(paged())).toEqual({ ok: true, checked: 250 });
    expect(await check(events, [], undefined)).toEqual({ ok: true, checked: 250 });
  });

  it('detects a forged checkpoint signature', async () => {
    const altered = { ...checkpoints[1]!, hash: 'f'.repeat(64) };
    expect(await check(events, [checkpoints[0]!, altered])).toEqual({ ok: false, checked: 0, firstBadSeq: 200, reason: 'bad_checkpoint_signature' });
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const head = { seq: 150, hash: events[149]!.hash, at: new Date(T0).toISOString() };
    const foreign = { ...head, signature: sign(null, checkpointMessage(head), stranger).toString('base64url') };
    expect(await check(events, [...checkpoints, foreign])).toMatchObject({ ok: false, firstBadSeq: 150, reason: 'bad_checkpoint_signature' });
    const garbled = { ...checkpoints[0]!, signature: 'not-a-signature' };
    expect(await check(events, [garbled])).toMatchObject({ ok: false, firstBadSeq: 100, reason: 'bad_checkpoint_signature' });
  });

  it('detects a chain truncated or rolled back to before a signed checkpoint', async () => {
    const rolledBack = events.slice(0, 150);
    expect(await check(rolledBack, checkpoints, headOf(rolledBack))).toEqual({ ok: false, checked: 150, firstBadSeq: 151, reason: 'truncated' });
    expect(await check([], checkpoints, headOf([]))).toEqual({ ok: false, checked: 0, firstBadSeq: 1, reason: 'truncated' });
  });

  it('detects a rewritten, consistently re-hashed chain at the first checkpoint it covers', async () => {
    const rewritten = entries(250);
    rewritten[49] = { ...rewritten[49]!, payload: { n: 49, levels: { 'c-plan': 1 } } };
    const forgedChain = chain(rewritten);
    expect(await check(forgedChain, checkpoints, headOf(forgedChain))).toEqual({ ok: false, checked: 100, firstBadSeq: 100, reason: 'checkpoint_mismatch' });
  });

  it('detects edited, deleted and reordered entries at the first bad seq', async () => {
    const edited = events.map((e) => (e.seq === 50 ? { ...e, actor: 'u_forger' } : e));
    expect(await check(edited)).toMatchObject({ ok: false, firstBadSeq: 50, reason: 'entry_mismatch' });
    const garbledPayload = events.map((e) => ({ ...e, payload: e.seq === 60 ? '{not json' : canonicalJson(e.payload) }));
    expect(await check(garbledPayload)).toMatchObject({ ok: false, firstBadSeq: 60, reason: 'entry_mismatch' });
    const deleted = events.filter((e) => e.seq !== 120);
    expect(await check(deleted)).toMatchObject({ ok: false, firstBadSeq: 120, reason: 'entry_mismatch' });
    const swapped = [...events];
    [swapped[2], swapped[3]] = [swapped[3]!, swapped[2]!];
    expect(await check(swapped)).toMatchObject({ ok: false, firstBadSeq: 3, reason: 'entry_mismatch' });
  });

  it('catches newest entries deleted after the last checkpoint through the recorded head', async () => {
    expect(await check(events.slice(0, 230))).toEqual({ ok: false, checked: 230, firstBadSeq: 231, reason: 'head_mismatch' });
    const relinked = [...events.slice(0, 249), { ...events[249]!, hash: 'e'.repeat(64) }];
    expect(await check(relinked, checkpoints, { seq: 250, hash: 'e'.repeat(64) })).toMatchObject({ ok: false, firstBadSeq: 250, reason: 'entry_mismatch' });
    expect(await check(events, checkpoints, { seq: 250, hash: 'e'.repeat(64) })).toEqual({ ok: false, checked: 250, firstBadSeq: 250, reason: 'head_mismatch' });
  });

  it('refuses a key that is not an Ed25519 public key, and checkpoints under another key', async () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'jwk' });
    for (const jwk of [rsa, { kty: 'OKP', crv: 'Ed25519', x: 'short' }, {}]) {
      expect(await verifyChain(events, checkpoints, jwk, headOf(events))).toEqual({ ok: false, checked: 0, reason: 'invalid_public_key' });
    }
    const other = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' });
    expect(await verifyChain(events, checkpoints, other, headOf(events))).toMatchObject({ ok: false, firstBadSeq: 100, reason: 'bad_checkpoint_signature' });
  });
});

describe('checkpointDue', () => {
  const at = (ms: number) => new Date(T0 + ms);
  const last = { seq: 300, hash: 'a'.repeat(64), at: at(0).toISOString() };

  it('is due every 100 events or after 10 minutes with new events, whichever comes first', () => {
    expect(checkpointDue(last, 399, at(60_000))).toBe(false);
    expect(checkpointDue(last, 400, at(60_000))).toBe(true);
    expect(checkpointDue(last, 301, at(10 * 60_000 - 1))).toBe(false);
    expect(checkpointDue(last, 301, at(10 * 60_000))).toBe(true);
    expect(checkpointDue(last, 300, at(60 * 60_000))).toBe(false);
  });

  it('anchors a chain that has events but no checkpoint yet', () => {
    expect(checkpointDue(null, 0, at(0))).toBe(false);
    expect(checkpointDue(null, 1, at(0))).toBe(true);
  });
});
