import type { MicroCredential, Rubric } from '../../shared/index.ts';
import type { Db } from '../db/open.ts';

/**
 * Rubrics (immutable per version, so parsed copies are cached safely) and
 * micro-credentials (read fresh: their policy may change).
 */
export function createCatalogRepo(db: Db) {
  const insertRubric = db.prepare('INSERT INTO rubrics (id, version, body) VALUES (?, ?, ?)');
  const rubric = db.prepare<[string, number], { body: string }>('SELECT body FROM rubrics WHERE id = ? AND version = ?');
  const insertMc = db.prepare('INSERT INTO micro_credentials (id, body) VALUES (?, ?)');
  const mc = db.prepare<[string], { body: string }>('SELECT body FROM micro_credentials WHERE id = ?');
  const rubricCache = new Map<string, Rubric>();
  return {
    insertRubric(r: Rubric): void {
      insertRubric.run(r.id, r.version, JSON.stringify(r));
    },
    rubric(id: string, version: number): Rubric | undefined {
      const key = `${id}@${version}`;
      const cached = rubricCache.get(key);
      if (cached) return cached;
      const row = rubric.get(id, version);
      if (!row) return undefined;
      const parsed = JSON.parse(row.body) as Rubric;
      rubricCache.set(key, parsed);
      return parsed;
    },
    insertMicroCredential(m: MicroCredential): void {
      insertMc.run(m.id, JSON.stringify(m));
    },
    microCredential(id: string): MicroCredential | undefined {
      const row = mc.get(id);
      return row && (JSON.parse(row.body) as MicroCredential);
    },
  };
}

export type CatalogRepo = ReturnType<typeof createCatalogRepo>;
