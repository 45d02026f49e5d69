// What a refused request must leave untouched on a hub: every row of every table and the
// files under the data folder. Takes the running hub's handle so a PostgreSQL branch can
// be added beside the SQLite one without changing its callers.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import type { RunningHub } from './hub.ts';

type TableInfo = { name: string; pk: number };

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Row values as JSON text; BLOBs as hex so two different blobs never hash alike. */
const encode = (row: unknown[]) => JSON.stringify(row, (_k, v: unknown) => (Buffer.isBuffer(v) ? `blob:${v.toString('hex')}` : v));

/**
 * SHA-256 over every table of the hub database (sqlite_sequence included), each table's
 * rows in primary-key order (all columns for a table without one). Nothing is excluded:
 * the hub keeps no "last used" style column that a refused request may touch.
 */
export function hubContentHash(hub: Pick<RunningHub, 'dataDir'>): string {
  return sqliteContentHash(join(hub.dataDir, 'hub.db'));
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
