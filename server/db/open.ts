import Database from 'better-sqlite3';
import { migrate } from '../../shared/sqlite/migrate.ts';
import { HUB_MIGRATIONS } from './migrations/index.ts';

export type Db = Database.Database;

/**
 * Opens (creating if needed) the hub database and brings its schema up to date. Throws
 * NewerDatabaseError, untouched, for a database written by a newer hub.
 */
export function openHubDb(file: string): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    // better-sqlite3's Transaction<F> is callable as F but its typings do not say so.
    migrate(db, HUB_MIGRATIONS);
    return db;
  } catch (err) {
    db.close();
    throw err;
  }
}
