import Database from 'better-sqlite3';
import { existsSync, readdirSync, renameSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { migrate, NewerDatabaseError } from '../../../shared/sqlite/migrate.ts';
import { createArtifactRepo } from './artifact-repo.ts';
import { createAssignmentRepo } from './assignment-repo.ts';
import { createAssignmentState } from './assignment-state.ts';
import { createCatalog } from './catalog.ts';
import { createDraftRepo } from './draft-repo.ts';
import { createDraftRows } from './draft-rows.ts';
import { createJournalRepo } from './journal-repo.ts';
import { STORE_MIGRATIONS } from './migrations/index.ts';
import { createOutboxRepo } from './outbox-repo.ts';
import { createOwnerRepo } from './owner-repo.ts';
import { createSalvageRepo, salvageMessage } from './salvage.ts';
import { readSalvage } from './salvage-read.ts';
import { createSessionRepo } from './session-repo.ts';
import { createSyncRepo } from './sync-repo.ts';
import { StoreError, STORE_ERRORS, type Store } from './types.ts';
import type { Db } from './write.ts';

export type OpenStoreOptions = {
  now?: () => Date;
  /** Refuse to grow the database file beyond about this many bytes (SQLite then reports "full"). */
  maxBytes?: number;
};

class CorruptDatabase extends Error {}

function isCorruption(err: unknown): boolean {
  if (err instanceof CorruptDatabase) return true;
  const code = typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'));
}

/** Moves a damaged database (with its -wal and -shm) aside, so nothing is lost and a fresh one can start. */
export function quarantine(path: string, at: Date): string {
  const target = `${path}.corrupt-${at.toISOString().replace(/[:.]/g, '-')}`;
  for (const suffix of ['', '-wal', '-shm']) {
    if (existsSync(path + suffix)) renameSync(path + suffix, target + suffix);
  }
  return target;
}

function prepare(db: Db): void {
  db.pragma('journal_mode = WAL');
  // FULL: every commit is on disk before the call returns, so "saved" survives a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const check = db.pragma('quick_check', { simple: true });
  if (check !== 'ok') throw new CorruptDatabase(String(check));
  migrate(db, STORE_MIGRATIONS);
}

/**
 * Opens (creating if needed) the workstation database and brings its schema up to date.
 * Throws StoreError newer_database for a database from a newer Assay, and corrupt_database
 * after moving a damaged file aside (the caller may then open a fresh one).
 */
export function openStore(path: string, opts: OpenStoreOptions = {}): Store {
  const now = opts.now ?? (() => new Date());
  let db: Db | undefined;
  try {
    db = new Database(path);
    prepare(db);
  } catch (err) {
    db?.close();
    if (err instanceof NewerDatabaseError) throw new StoreError(STORE_ERRORS.newerDatabase, err.message);
    if (!isCorruption(err)) throw err;
    const target = quarantine(path, now());
    throw new StoreError(
      STORE_ERRORS.corruptDatabase,
      `The local database was damaged and has been set aside at ${target}. Assay starts with a fresh one; ` +
        'reviews already sent are safe on the hub, and the set-aside file is kept for support.',
      { quarantinedAs: target },
    );
  }
  if (opts.maxBytes !== undefined) {
    const pageSize = Number(db.pragma('page_size', { simple: true }));
    db.pragma(`max_page_count = ${Math.max(1, Math.floor(opts.maxBytes / pageSize))}`);
  }

  const catalog = createCatalog(db);
  const journal = createJournalRepo(db);
  const rows = createDraftRows(db, catalog);
  const assignmentState = createAssignmentState(db, rows);
  const salvage = createSalvageRepo(db, catalog, rows);
  const opened = db;
  return {
    path,
    close: () => opened.close(),
    session: createSessionRepo(db),
    sync: createSyncRepo(db, catalog, rows, assignmentState, salvage),
    assignments: createAssignmentRepo(db, catalog),
    artifacts: createArtifactRepo(db, now),
    drafts: createDraftRepo(db, catalog, rows, journal),
    outbox: createOutboxRepo(db, catalog, rows, assignmentState, journal),
    journal,
    owner: createOwnerRepo(db),
    salvage,
  };
}

/** Files set aside next to `path` (the database itself, not its -wal or -shm). */
function quarantinedFiles(path: string): string[] {
  const prefix = `${basename(path)}.corrupt-`;
  return readdirSync(dirname(path))
    .filter((f) => f.startsWith(prefix) && !f.endsWith('-wal') && !f.endsWith('-shm'))
    .sort()
    .map((f) => join(dirname(path), f));
}

/**
 * Opens the store; a damaged file is set aside, a fresh store opened, and what can still be
 * read from the damaged file carried over (see salvage.ts), with the message for the user.
 * Every set-aside file is salvaged once: one left by a crash before its salvage committed is
 * salvaged at the next start.
 */
export function openStoreOrRecover(path: string, opts: OpenStoreOptions = {}): { store: Store; recovered: { message: string; quarantinedAs: string } | null } {
  let store: Store;
  try {
    store = openStore(path, opts);
  } catch (err) {
    if (!(err instanceof StoreError) || err.code !== STORE_ERRORS.corruptDatabase) throw err;
    store = openStore(path, opts);
  }
  const now = opts.now ?? (() => new Date());
  const messages: string[] = [];
  let quarantinedAs = '';
  for (const file of quarantinedFiles(path)) {
    if (store.salvage.salvaged(basename(file))) continue;
    const report = store.salvage.hold(basename(file), readSalvage(file), now());
    messages.push(salvageMessage(file, report, store.session.get()));
    quarantinedAs = file;
  }
  return { store, recovered: messages.length > 0 ? { message: messages.join(' '), quarantinedAs } : null };
}
