import type { Db } from '../db/open.ts';

/** Small named values: the global change sequence and the audit chain head. */
export function createMetaRepo(db: Db) {
  const get = db.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?');
  const set = db.prepare('UPDATE meta SET value = ? WHERE key = ?');
  const read = (key: string): string => {
    const row = get.get(key);
    if (!row) throw new Error(`meta row ${key} is missing`);
    return row.value;
  };
  return {
    read,
    write(key: string, value: string): void {
      set.run(value, key);
    },
    /** The sync cursor's clock: bumped once per assignment change, inside the caller's transaction. */
    nextChangeSeq(): number {
      const next = Number(read('change_seq')) + 1;
      set.run(String(next), 'change_seq');
      return next;
    },
    changeSeq(): number {
      return Number(read('change_seq'));
    },
  };
}

export type MetaRepo = ReturnType<typeof createMetaRepo>;
