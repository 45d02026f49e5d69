import type { OwnerRepo, StoreOwner } from './types.ts';
import { write, type Db } from './write.ts';

type Row = { hub_url: string; user_id: string; display_name: string };

// Child tables first, so foreign keys hold at every step of the hand-over.
const OWNED_TABLES = [
  'salvage_held', 'journal', 'outbox', 'opened_reports', 'drafts', 'local_artifacts', 'assignments', 'submission_artifacts',
  'artifacts', 'submissions', 'qualifications', 'micro_credentials', 'rubrics', 'sync_state',
];

export function createOwnerRepo(db: Db): OwnerRepo {
  const getStmt = db.prepare<[], Row>('SELECT hub_url, user_id, display_name FROM owner WHERE id = 1');
  const setStmt = db.prepare(
    `INSERT INTO owner (id, hub_url, user_id, display_name) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET hub_url = excluded.hub_url, user_id = excluded.user_id, display_name = excluded.display_name`,
  );
  const unsentStmt = db.prepare<[], { queued: number; drafts: number }>(
    `SELECT (SELECT count(*) FROM outbox WHERE kind != 'opened') + (SELECT count(*) FROM salvage_held WHERE kind = 'outbox') AS queued,
            (SELECT count(*) FROM drafts WHERE status = 'draft' AND revision > 0)
              + (SELECT count(*) FROM salvage_held WHERE kind = 'draft' AND json_extract(body, '$.status') IN ('draft', 'queued')) AS drafts`,
  );
  const filesStmt = db.prepare<[], { path: string }>("SELECT path FROM local_artifacts WHERE path IS NOT NULL AND state = 'complete'");
  const wipeStmts = OWNED_TABLES.map((t) => db.prepare(`DELETE FROM ${t}`));
  const set = (o: StoreOwner) => setStmt.run(o.hubUrl, o.userId, o.displayName);
  return {
    get() {
      const row = getStmt.get();
      return row ? { hubUrl: row.hub_url, userId: row.user_id, displayName: row.display_name } : null;
    },
    unsentWork() {
      return unsentStmt.get() ?? { queued: 0, drafts: 0 };
    },
    claim(next) {
      write(db, () => set(next));
    },
    handOver(next) {
      return write(db, () => {
        const files = filesStmt.all().map((r) => r.path);
        for (const stmt of wipeStmts) stmt.run();
        set(next);
        return { removedFiles: files };
      });
    },
  };
}
