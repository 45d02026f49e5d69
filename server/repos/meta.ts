import type { Executor } from '../db/open.ts';

/**
 * Small named values: the global change sequence and the audit chain head. Writes happen
 * only in write transactions, which hold the writers' lock (db/dialect.ts), so a
 * read-then-update here cannot race another process.
 */
export function createMetaRepo(db: Executor) {
  const read = async (key: string): Promise<string> => {
    const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
    if (!row) throw new Error(`meta row ${key} is missing`);
    return row.value;
  };
  const write = async (key: string, value: string): Promise<void> => {
    await db.updateTable('meta').set({ value }).where('key', '=', key).execute();
  };
  return {
    read,
    write,
    /** The sync cursor's clock: bumped once per assignment change, inside the caller's transaction. */
    async nextChangeSeq(): Promise<number> {
      const next = Number(await read('change_seq')) + 1;
      await write('change_seq', String(next));
      return next;
    },
    async changeSeq(): Promise<number> {
      return Number(await read('change_seq'));
    },
  };
}

export type MetaRepo = ReturnType<typeof createMetaRepo>;
