// What a refused Workstation API call must leave untouched: every row of the workstation
// database, the media folder, and the small files beside them (settings, secrets, key).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { sqliteContentHash } from './hub-content.ts';

const DB_FILES = new Set(['assay.db', 'assay.db-wal', 'assay.db-shm']);

export type WorkstationSnapshot = { db: string; media: string[]; files: Record<string, string> };

/**
 * `coreDir` holds the core's database and media (the web host keeps them in a subfolder).
 * The database by content (a checkpoint rewrites its pages without changing a row), the
 * media folder by name and size, and every other file in the data folder by its bytes.
 */
export function workstationSnapshot(dataDir: string, coreDir = dataDir): WorkstationSnapshot {
  const mediaDir = join(coreDir, 'media');
  const media = existsSync(mediaDir) ? readdirSync(mediaDir).map((f) => `${f} ${statSync(join(mediaDir, f)).size}`).sort() : [];
  const files: Record<string, string> = {};
  for (const dir of new Set([dataDir, coreDir])) {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (DB_FILES.has(name) || !statSync(path).isFile()) continue;
      files[join(dir, name)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  }
  return { db: sqliteContentHash(join(coreDir, 'assay.db')), media, files };
}
