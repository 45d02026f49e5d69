/**
 * Numbered schema migrations, shared by the hub and the workstation store. Typed against
 * the few database calls it needs so it stays free of any driver import.
 */
export interface MigratableDb {
  pragma(source: string, options: { simple: true }): unknown;
  exec(source: string): unknown;
  transaction(fn: () => void): () => void;
}

export type Migration = { version: number; name: string; up: (db: MigratableDb) => void };

export class NewerDatabaseError extends Error {
  readonly code = 'newer_database';
  constructor(found: number, supported: number) {
    super(`This database was written by a newer version of Assay (schema ${found}; this version knows up to ${supported}). Update Assay to open it.`);
  }
}

/** Applies every migration above the database's user_version, each in its own transaction. */
export function migrate(db: MigratableDb, migrations: readonly Migration[]): { from: number; to: number } {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration registry out of order at ${m.name}: expected version ${i + 1}`);
  });
  const latest = migrations.length;
  const from = Number(db.pragma('user_version', { simple: true }));
  if (from > latest) throw new NewerDatabaseError(from, latest);
  for (const m of migrations.slice(from)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`, { simple: true });
    })();
  }
  return { from, to: latest };
}
