import { Kysely, type Transaction } from 'kysely';
import { isRetryable, lockWriters, type Engine } from './dialect.ts';
import { dropHubTables, migrateHub } from './migrate.ts';
import { HUB_MIGRATIONS } from './migrations/index.ts';
import type { HubTables } from './schema.ts';
import { sqliteDialect } from './sqlite.ts';

export type Trx = Transaction<HubTables>;
export type Executor = Kysely<HubTables>;

export type HubDb = {
  engine: Engine;
  /** Single statements outside any transaction. Never use it inside write() or read(). */
  kysely: Kysely<HubTables>;
  /**
   * A write transaction: the writers' lock first, then `fn`, then commit. On PostgreSQL a
   * serialization failure or deadlock runs `fn` again from the start (a few times at most),
   * so `fn` must only touch the database.
   */
  write<T>(fn: (trx: Trx) => Promise<T>): Promise<T>;
  /** A read-only snapshot: every query in `fn` sees the same committed state. */
  read<T>(fn: (trx: Trx) => Promise<T>): Promise<T>;
  /** Drops every hub table (a PostgreSQL database whose first seeding failed). */
  dropAll(): Promise<void>;
  close(): Promise<void>;
};

export type DbTarget = { file: string } | { url: string };

const ATTEMPTS = 5;
const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Opens the hub database (a SQLite file, or PostgreSQL by URL) and brings its schema up
 * to date. Throws NewerDatabaseError for a database written by a newer hub, and
 * DatabaseOpenError (one line) for a PostgreSQL URL that cannot be used.
 */
export async function openHubDb(target: DbTarget): Promise<HubDb> {
  const engine: Engine = 'url' in target ? 'postgres' : 'sqlite';
  // pg loads only for a PostgreSQL hub (the embedded demo hub never needs it).
  const dialect = 'url' in target ? (await (await import('./postgres.ts')).postgresDialect(target.url)).dialect : sqliteDialect(target.file);
  const kysely = new Kysely<HubTables>({ dialect });
  try {
    await migrateHub(kysely as never, engine, HUB_MIGRATIONS);
  } catch (err) {
    await kysely.destroy();
    throw err;
  }
  return {
    engine,
    kysely,
    async write(fn) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await kysely.transaction().execute(async (trx) => {
            await lockWriters(trx as never, engine);
            return fn(trx);
          });
        } catch (err) {
          if (!isRetryable(err) || attempt >= ATTEMPTS) throw err;
          await pause(Math.random() * 20 * attempt);
        }
      }
    },
    read(fn) {
      const builder = engine === 'postgres' ? kysely.transaction().setIsolationLevel('repeatable read') : kysely.transaction();
      return builder.setAccessMode('read only').execute(fn);
    },
    dropAll: () => dropHubTables(kysely as never),
    close: () => kysely.destroy(),
  };
}
