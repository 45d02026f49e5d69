// A minimal row writer on either engine, for loading benchmark history in bulk: one
// transaction, multi-row INSERTs (PostgreSQL) or one prepared statement per table (SQLite).
// SQL is written with `?` placeholders; PostgreSQL gets them renumbered as $1, $2, ...
import Database from 'better-sqlite3';
import pg from 'pg';

export type Value = string | number | null;
export type Row = Record<string, Value>;

export type BulkWriter = {
  all<T>(sql: string, params?: readonly Value[]): Promise<T[]>;
  run(sql: string, params?: readonly Value[]): Promise<void>;
  /** Rows of one table, all with the same columns. */
  insert(table: string, rows: readonly Row[]): Promise<void>;
  begin(): Promise<void>;
  commit(): Promise<void>;
  close(): Promise<void>;
};

export function sqliteWriter(file: string): BulkWriter {
  const db = new Database(file);
  db.pragma('busy_timeout = 30000');
  const statements = new Map<string, Database.Statement>();
  return {
    all: async <T>(sql: string, params: readonly Value[] = []) => db.prepare(sql).all(...params) as T[],
    run: async (sql, params = []) => {
      db.prepare(sql).run(...params);
    },
    insert: async (table, rows) => {
      const columns = Object.keys(rows[0] ?? {});
      const sql = `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;
      let statement = statements.get(sql);
      if (!statement) statements.set(sql, (statement = db.prepare(sql)));
      for (const row of rows) statement.run(...columns.map((c) => row[c] ?? null));
    },
    begin: async () => {
      db.exec('BEGIN IMMEDIATE');
    },
    commit: async () => {
      db.exec('COMMIT');
    },
    close: async () => {
      db.close();
    },
  };
}

const numbered = (sql: string) => {
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
};

/** PostgreSQL allows 65,535 parameters per statement; batches stay well under it. */
const MAX_PARAMS = 30_000;

export async function postgresWriter(url: string): Promise<BulkWriter> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return {
    all: async <T>(sql: string, params: readonly Value[] = []) => (await client.query(numbered(sql), [...params])).rows as T[],
    run: async (sql, params = []) => {
      await client.query(numbered(sql), [...params]);
    },
    insert: async (table, rows) => {
      const columns = Object.keys(rows[0] ?? {});
      const perBatch = Math.max(1, Math.floor(MAX_PARAMS / columns.length));
      for (let start = 0; start < rows.length; start += perBatch) {
        const batch = rows.slice(start, start + perBatch);
        const values = batch.map((_, r) => `(${columns.map((_c, c) => `$${r * columns.length + c + 1}`).join(', ')})`);
        await client.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${values.join(', ')}`, batch.flatMap((row) => columns.map((c) => row[c] ?? null)));
      }
    },
    begin: async () => {
      await client.query('BEGIN');
      // The hub's writers' lock (server/db/dialect.ts), so no hub process appends to the chain meanwhile.
      await client.query("SELECT key FROM meta WHERE key = 'audit_head_seq' FOR UPDATE");
    },
    commit: async () => {
      await client.query('COMMIT');
    },
    close: () => client.end(),
  };
}
