import type Database from 'better-sqlite3';
import { StoreError, STORE_ERRORS } from './types.ts';

export type Db = Database.Database;

const DISK_FULL_MESSAGE =
  'The disk is full, so this change was not saved (the previous version is intact). Free some disk space and try again.';

/** Whether an error is SQLite's "database or disk is full". */
export function isDiskFull(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'SQLITE_FULL';
}

/**
 * Runs fn as one transaction (a savepoint when already inside one) and commits it before
 * returning; a full disk becomes StoreError('disk_full') with nothing written.
 */
export function write<T>(db: Db, fn: () => T): T {
  try {
    return db.transaction(fn)();
  } catch (err) {
    if (isDiskFull(err)) throw new StoreError(STORE_ERRORS.diskFull, DISK_FULL_MESSAGE);
    throw err;
  }
}

export function notFound(what: string, id: string): StoreError {
  return new StoreError(STORE_ERRORS.notFound, `${what} ${id} is not on this device.`);
}

export const iso = (d: Date): string => d.toISOString();
