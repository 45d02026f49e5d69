import type { SignedCheckpoint } from '../audit/checkpoints.ts';
import type { Executor } from '../db/open.ts';

const COLUMNS = ['seq', 'hash', 'at', 'signature'] as const;

/** Signed checkpoints of the audit chain's head, one per seq (signing lives in audit/checkpoints.ts). */
export function createCheckpointsRepo(db: Executor) {
  return {
    /** A second signature of the same seq (another process, the timer) is dropped: the first one stands. */
    async insert(cp: SignedCheckpoint): Promise<void> {
      await db.insertInto('audit_checkpoints').values(cp).onConflict((oc) => oc.column('seq').doNothing()).execute();
    },
    async latest(): Promise<SignedCheckpoint | null> {
      return (await db.selectFrom('audit_checkpoints').select(COLUMNS).orderBy('seq', 'desc').limit(1).executeTakeFirst()) ?? null;
    },
    after(seq: number, limit: number): Promise<SignedCheckpoint[]> {
      return db.selectFrom('audit_checkpoints').select(COLUMNS).where('seq', '>', seq).orderBy('seq').limit(limit).execute();
    },
    /** Every checkpoint: one row per 100 events, so even a long chain's list fits in memory. */
    all(): Promise<SignedCheckpoint[]> {
      return db.selectFrom('audit_checkpoints').select(COLUMNS).orderBy('seq').execute();
    },
  };
}

export type CheckpointsRepo = ReturnType<typeof createCheckpointsRepo>;
