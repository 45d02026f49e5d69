import type { MicroCredential, Rubric } from '../../shared/index.ts';
import type { Executor } from '../db/open.ts';

/** Parsed rubrics by "id@version", kept for the process: a rubric version never changes. */
export type RubricCache = Map<string, Rubric>;

/**
 * Rubrics (immutable per version, so parsed copies are cached safely, even across hub
 * processes) and micro-credentials (read fresh: their policy may change).
 */
export function createCatalogRepo(db: Executor, rubricCache: RubricCache) {
  return {
    async insertRubric(r: Rubric): Promise<void> {
      await db.insertInto('rubrics').values({ id: r.id, version: r.version, body: JSON.stringify(r) }).execute();
    },
    async rubric(id: string, version: number): Promise<Rubric | undefined> {
      const key = `${id}@${version}`;
      const cached = rubricCache.get(key);
      if (cached) return cached;
      const row = await db.selectFrom('rubrics').select('body').where('id', '=', id).where('version', '=', version).executeTakeFirst();
      if (!row) return undefined;
      const parsed = JSON.parse(row.body) as Rubric;
      rubricCache.set(key, parsed);
      return parsed;
    },
    async insertMicroCredential(m: MicroCredential): Promise<void> {
      await db.insertInto('micro_credentials').values({ id: m.id, body: JSON.stringify(m) }).execute();
    },
    async microCredential(id: string): Promise<MicroCredential | undefined> {
      const row = await db.selectFrom('micro_credentials').select('body').where('id', '=', id).executeTakeFirst();
      return row && (JSON.parse(row.body) as MicroCredential);
    },
    /** Several micro-credentials by id (one query for a sync page). */
    async microCredentials(ids: readonly string[]): Promise<Map<string, MicroCredential>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('micro_credentials').select(['id', 'body']).where('id', 'in', [...ids]).execute();
      return new Map(rows.map((r) => [r.id, JSON.parse(r.body) as MicroCredential]));
    },
    /** Every micro-credential, by id (the policy screens list them). */
    async allMicroCredentials(): Promise<MicroCredential[]> {
      const rows = await db.selectFrom('micro_credentials').select('body').orderBy('id').execute();
      return rows.map((r) => JSON.parse(r.body) as MicroCredential);
    },
    /** A changed policy replaces the stored body; later reads (routing, calibration, sync) see it. */
    async updateMicroCredential(m: MicroCredential): Promise<void> {
      await db.updateTable('micro_credentials').set({ body: JSON.stringify(m) }).where('id', '=', m.id).execute();
    },
  };
}

export type CatalogRepo = ReturnType<typeof createCatalogRepo>;
