import { createHash } from 'node:crypto';
import { canonicalJson, GENESIS_HASH } from '../../../shared/index.ts';
import type { JournalAction, JournalEntry, JournalRepo } from './types.ts';
import { iso, write, type Db } from './write.ts';

type JournalRow = { assignment_id: string; seq: number; at: string; action: string; payload: string; prev_hash: string; hash: string };

/** The hash that links one entry to the chain: it covers the previous hash and the whole entry. */
export function journalHash(prevHash: string, entry: Omit<JournalEntry, 'prevHash' | 'hash'>): string {
  const { seq, assignmentId, at, action, payload } = entry;
  return createHash('sha256').update(prevHash).update(canonicalJson({ seq, assignmentId, at, action, payload })).digest('hex');
}

const toEntry = (r: JournalRow): JournalEntry => ({
  seq: r.seq,
  assignmentId: r.assignment_id,
  at: r.at,
  action: r.action as JournalAction,
  payload: JSON.parse(r.payload) as Record<string, unknown>,
  prevHash: r.prev_hash,
  hash: r.hash,
});

/** A per-assignment hash chain of scoring actions, written in the same transaction as the change it records. */
export function createJournalRepo(db: Db): JournalRepo {
  const lastStmt = db.prepare<[string], { seq: number; hash: string; action: string }>(
    'SELECT seq, hash, action FROM journal WHERE assignment_id = ? ORDER BY seq DESC LIMIT 1',
  );
  const insertStmt = db.prepare(
    'INSERT INTO journal (assignment_id, seq, at, action, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const listStmt = db.prepare<[string], JournalRow>('SELECT * FROM journal WHERE assignment_id = ? ORDER BY seq');

  const list = (assignmentId: string): JournalEntry[] => listStmt.all(assignmentId).map(toEntry);

  // Runs inside the caller's write(): reads the chain's head and links the new entry to it.
  const appendNow = (assignmentId: string, action: JournalAction, payload: Record<string, unknown>, now: Date): JournalEntry => {
    const last = lastStmt.get(assignmentId);
    const prevHash = last?.hash ?? GENESIS_HASH;
    const body = { seq: (last?.seq ?? 0) + 1, assignmentId, at: iso(now), action, payload };
    const hash = journalHash(prevHash, body);
    insertStmt.run(assignmentId, body.seq, body.at, action, JSON.stringify(payload), prevHash, hash);
    return { ...body, prevHash, hash };
  };

  return {
    append(assignmentId, action, payload, now) {
      return write(db, () => appendNow(assignmentId, action, payload, now));
    },
    recordOpened(assignmentId, now) {
      return write(db, () => {
        if (lastStmt.get(assignmentId)?.action === 'opened') return false;
        appendNow(assignmentId, 'opened', {}, now);
        return true;
      });
    },
    list,
    verify(assignmentId) {
      let prevHash = GENESIS_HASH;
      let checked = 0;
      for (const entry of list(assignmentId)) {
        const { prevHash: storedPrev, hash, ...body } = entry;
        if (entry.seq !== checked + 1 || storedPrev !== prevHash || journalHash(prevHash, body) !== hash) {
          return { ok: false, checked, firstBadSeq: entry.seq };
        }
        prevHash = hash;
        checked += 1;
      }
      return { ok: true, checked };
    },
  };
}
