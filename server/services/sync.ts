import { OPEN_STATES, type MicroCredential, type Rubric, type Submission, type SyncResponse } from '../../shared/index.ts';
import { invalid } from '../http/errors.ts';
import type { HubContext } from './context.ts';
import { toWireAssignment, toWireSubmission } from './wire.ts';

const LIVE_STATES = new Set<string>([...OPEN_STATES, 'submitted']);

/**
 * Pull changes: the caller's assignments changed after the cursor (all of them without
 * one), with the submissions, earlier attempts, rubrics and micro-credentials they need.
 * The cursor is the global change sequence, read in the same snapshot as the rows.
 */
export function createSync(ctx: HubContext) {
  const { repos } = ctx;

  function parseCursor(raw: string | null, current: number): number {
    if (raw === null) return 0;
    const bad = (message: string) => invalid('the cursor is not valid', [{ path: 'cursor', message }]);
    if (!/^(0|[1-9]\d{0,14})$/.test(raw)) throw bad('not a cursor this hub issued');
    const seq = Number(raw);
    if (seq > current) throw bad('ahead of this hub');
    return seq;
  }

  const pull = ctx.db.transaction((userId: string, rawCursor: string | null): SyncResponse => {
    const current = repos.meta.changeSeq();
    const since = parseCursor(rawCursor, current);
    const rows = repos.assignments.ofAssessorSince(userId, since);
    const live = rows.filter((a) => LIVE_STATES.has(a.state));
    const submissions = new Map<string, Submission>();
    for (const a of live) {
      let id: string | null = a.submissionId;
      while (id !== null && !submissions.has(id)) {
        const s = repos.submissions.byId(id);
        if (!s) break;
        submissions.set(id, toWireSubmission(repos, s));
        id = s.previousSubmissionId;
      }
    }
    const rubrics = new Map<string, Rubric>();
    const microCredentials = new Map<string, MicroCredential>();
    for (const s of submissions.values()) {
      const r = repos.catalog.rubric(s.rubricId, s.rubricVersion);
      if (r) rubrics.set(`${r.id}@${r.version}`, r);
      if (!microCredentials.has(s.microCredentialId)) {
        const m = repos.catalog.microCredential(s.microCredentialId);
        if (m) microCredentials.set(m.id, m);
      }
    }
    return {
      cursor: String(current),
      assignments: live.map((a) => toWireAssignment(repos, a)),
      revoked: rows.filter((a) => !LIVE_STATES.has(a.state)).map((a) => a.id),
      submissions: [...submissions.values()],
      rubrics: [...rubrics.values()],
      microCredentials: [...microCredentials.values()],
      qualifications: repos.users.qualificationsOf(userId),
    };
  });

  return { pull: (userId: string, cursor: string | null) => pull.deferred(userId, cursor) };
}

export type Sync = ReturnType<typeof createSync>;
