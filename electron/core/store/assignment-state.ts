import type { AssignmentState } from '../../../shared/index.ts';
import type { DraftRows } from './draft-rows.ts';
import { iso, type Db } from './write.ts';

/**
 * Local changes of an assignment's state that the hub or the assessor caused. A frozen
 * assignment keeps its draft for the record, read-only with the reason; a review the hub
 * already has stays "synced".
 */
export function createAssignmentState(db: Db, rows: DraftRows) {
  const freezeStmt = db.prepare('UPDATE assignments SET state = ?, read_only_reason = ?, updated_at = ? WHERE id = ?');
  const stateStmt = db.prepare('UPDATE assignments SET state = ?, updated_at = ? WHERE id = ?');
  return {
    freeze(assignmentId: string, state: AssignmentState, reason: string, now: Date): void {
      freezeStmt.run(state, reason, iso(now), assignmentId);
      const draft = rows.find(assignmentId);
      if (draft && draft.status !== 'synced') rows.setStatus(assignmentId, 'read_only', reason);
    },
    setState(assignmentId: string, state: AssignmentState, now: Date): void {
      stateStmt.run(state, iso(now), assignmentId);
    },
  };
}

export type AssignmentStateWriter = ReturnType<typeof createAssignmentState>;
