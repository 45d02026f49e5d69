// What a refused request must leave untouched on a hub: every row of every table and the
// files under the data folder, on whichever engine the hub suite runs.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { databaseUrlOf, type RunningHub } from './hub.ts';

type TableInfo = { name: string; pk: number };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Row values as JSON text; BLOBs as hex so two different blobs never hash alike. */
const encode = (row: unknown[]) => JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? `blob:${v.toString('hex')}` : v));

/**
 * SHA-256 over every table of the hub database (sqlite_sequence included), each table's
 * rows in primary-key order (all columns for a table without one). Nothing is excluded:
 * the hub keeps no "last used" style column that a refused request may touch.
 */
export async function hubContentHash(hub: Pick<RunningHub, 'dataDir'>): Promise<string> {
  const url = await databaseUrlOf(hub.dataDir);
  return url ? postgresContentHash(url) : sqliteContentHash(join(hub.dataDir, 'hub.db'));
}

type PgTable = { name: string; columns: string[]; order: string };
/** The schema never changes under a running hub, so each database's tables are read once. */
const pgTables = new Map<string, PgTable[]>();

async function tablesOf(client: pg.Client, url: string): Promise<PgTable[]> {
  const known = pgTables.get(url);
  if (known) return known;
  const names = (await client.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name")).rows;
  const tables: PgTable[] = [];
  for (const { name } of names) {
    const columns = (await client.query<{ name: string }>('SELECT column_name AS name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position', ['public', name])).rows.map((c) => c.name);
    const pk = (await client.query<{ name: string }>(
      `SELECT a.attname AS name FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
       WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey, a.attnum)`, [quote(name)])).rows.map((c) => c.name);
    tables.push({ name, columns, order: (pk.length > 0 ? pk : columns).map(quote).join(', ') });
  }
  pgTables.set(url, tables);
  return tables;
}

/** The same hash over a PostgreSQL database's public tables, in one REPEATABLE READ snapshot. */
async function postgresContentHash(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const hash = createHash('sha256');
    const tables = await tablesOf(client, url);
    for (const { name, columns, order } of tables) {
      hash.update(`table ${name} ${columns.join(',')}\n`);
      const rows = await client.query({ text: `SELECT * FROM ${quote(name)} ORDER BY ${order}`, rowMode: 'array' });
      for (const row of rows.rows as unknown[][]) {
        hash.update(encode(row));
        hash.update('\n');
      }
    }
    await client.query('COMMIT');
    return hash.digest('hex');
  } finally {
    await client.end();
  }
}

/** The same hash for any SQLite file (the workstation's database uses it too), read-only. */
export function sqliteContentHash(file: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const hash = createHash('sha256');
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").pluck().all() as string[];
    for (const table of tables) {
      const columns = db.prepare(`PRAGMA table_info(${quote(table)})`).all() as TableInfo[];
      const pk = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
      const order = (pk.length > 0 ? pk : columns).map((c) => quote(c.name)).join(', ');
      hash.update(`table ${table} ${columns.map((c) => c.name).join(',')}\n`);
      for (const row of db.prepare(`SELECT * FROM ${quote(table)} ORDER BY ${order}`).raw().iterate() as Iterable<unknown[]>) {
        hash.update(encode(row));
        hash.update('\n');
      }
    }
    return hash.digest('hex');
  } finally {
    db.close();
  }
}

/** Every file under the hub's artifact and upload folders, with its size, sorted. */
export function hubFileListing(hub: Pick<RunningHub, 'dataDir'>): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else out.push(`${relative(hub.dataDir, path)} ${st.size}`);
    }
  };
  walk(join(hub.dataDir, 'artifacts'));
  walk(join(hub.dataDir, 'tmp'));
  return out.sort();
}
