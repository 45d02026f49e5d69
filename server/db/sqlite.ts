import Database from 'better-sqlite3';
import { CompiledQuery, SqliteDialect, SqliteDriver, type DatabaseConnection, type SqliteDatabase, type SqliteStatement, type TransactionSettings } from 'kysely';

const STATEMENT_CACHE = 500;

/**
 * One better-sqlite3 connection, its statements prepared once and reused (Kysely's driver
 * prepares every query afresh).
 */
function cachedStatements(db: Database.Database): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => db.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value as string);
        stmt = db.prepare(sql) as unknown as SqliteStatement;
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/**
 * Kysely's SqliteDriver hands its one connection to every caller at once, so two async
 * requests could interleave inside one transaction. This driver queues callers: a
 * transaction holds the connection from BEGIN to COMMIT. Write transactions start with
 * BEGIN IMMEDIATE, taking the write lock up front, so two writers (even in two processes)
 * never deadlock upgrading a read lock; read-only ones start deferred.
 */
class QueuedSqliteDriver extends SqliteDriver {
  #tail: Promise<void> = Promise.resolve();
  #release: (() => void) | null = null;

  override async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#tail;
    let release!: () => void;
    this.#tail = new Promise<void>((done) => (release = done));
    await previous;
    this.#release = release;
    return super.acquireConnection();
  }

  override async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = null;
    release?.();
  }

  override async beginTransaction(connection: DatabaseConnection, settings?: TransactionSettings): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(settings?.accessMode === 'read only' ? 'begin' : 'begin immediate'));
  }
}

class QueuedSqliteDialect extends SqliteDialect {
  readonly #database: SqliteDatabase;
  constructor(database: SqliteDatabase) {
    super({ database });
    this.#database = database;
  }
  override createDriver() {
    return new QueuedSqliteDriver({ database: this.#database });
  }
}

/**
 * Opens the SQLite file with the hub's settings: WAL, foreign keys, a busy wait, and FULL
 * synchronous commits: a workstation stops resending a review once the hub acknowledged it,
 * so an acknowledged write must survive a power cut, not only a killed process (NORMAL in
 * WAL mode can roll back the last commits on power loss).
 */
export function sqliteDialect(file: string): SqliteDialect {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = FULL');
  } catch (err) {
    db.close();
    throw err;
  }
  return new QueuedSqliteDialect(cachedStatements(db));
}
