// What a refused Workstation API call must leave untouched: every row of the workstation
// database, the media folder, and the small files beside them (settings, secrets, key).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sqliteContentHash } from './hub-content.ts';

const DB_FILES = new Set(['assay.db', 'assay.db-wal', 'assay.db-shm']);

export type WorkstationSnapshot = { db: string; media: string[]; files: Record<string, string> };

/**
 * The database by content (a checkpoint rewrites its pages without changing a row), the
 * media folder by name and size, and every other file in the data folder by its bytes.
 */
export function workstationSnapshot(dataDir: string): WorkstationSnapshot {
  const mediaDir = join(dataDir, 'media');
  const media = existsSync(mediaDir) ? readdirSync(mediaDir).map((f) => `${f} ${statSync(join(mediaDir, f)).size}`).sort() : [];
  const files: Record<string, string> = {};
  for (const name of readdirSync(dataDir).sort()) {
    const path = join(dataDir, name);
    if (DB_FILES.has(name) || !statSync(path).isFile()) continue;
    files[name] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return { db: sqliteContentHash(join(dataDir, 'assay.db')), media, files };
}
