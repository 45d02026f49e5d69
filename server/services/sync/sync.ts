import { OPEN_STATES, type MicroCredential, type Rubric, type SyncResponse } from '../../../shared/index.ts';
import { invalid } from '../../http/errors.ts';
import type { Repos } from '../../repos/index.ts';
import type { SubmissionRecord } from '../../repos/submissions.ts';
import type { HubContext } from '../context.ts';
import { toWireAssignments, toWireSubmissions } from './wire.ts';

const LIVE_STATES = new Set<string>([...OPEN_STATES, 'submitted']);

function parseCursor(raw: string | null, current: number): number {
  if (raw === null) return 0;
  const bad = (message: string) => invalid('the cursor is not valid', [{ path: 'cursor', message }]);
  if (!/^(0|[1-9]\d{0,14})$/.test(raw)) throw bad('not a cursor this hub issued');
  const seq = Number(raw);
  if (seq > current) throw bad('ahead of this hub');
  return seq;
}

/** The submissions the live assignments name, and every earlier attempt they build on. */
async function submissionChains(repos: Repos, ids: readonly string[]): Promise<SubmissionRecord[]> {
  const found = new Map<string, SubmissionRecord>();
  for (let next = [...new Set(ids)]; next.length > 0; ) {
    const rows = await repos.submissions.byIds(next);
    for (const s of rows) found.set(s.id, s);
    next = [...new Set(rows.flatMap((s) => (s.previousSubmissionId && !found.has(s.previousSubmissionId) ? [s.previousSubmissionId] : [])))];
  }
  return [...found.values()];
}

/**
 * Pull changes: the caller's assignments changed after the cursor (all of them without
 * one), with the submissions, earlier attempts, rubrics and micro-credentials they need.
 * The cursor is the global change sequence, read in the same snapshot as the rows; every
 * sequence number is handed out under the writers' lock, so a number above the cursor
 * can only belong to a change this snapshot does not see yet (docs/ARCHITECTURE.md).
 */
export function createSync(ctx: HubContext) {
  const pull = (userId: string, rawCursor: string | null): Promise<SyncResponse> => ctx.read(async (repos) => {
    const current = await repos.meta.changeSeq();
    const since = parseCursor(rawCursor, current);
    const rows = await repos.assignments.ofAssessorSince(userId, since);
    const live = rows.filter((a) => LIVE_STATES.has(a.state));
    const submissions = await toWireSubmissions(repos, await submissionChains(repos, live.map((a) => a.submissionId)));
    const rubrics = new Map<string, Rubric>();
    const microCredentials = new Map<string, MicroCredential>();
    for (const s of submissions) {
      const r = await repos.catalog.rubric(s.rubricId, s.rubricVersion);
      if (r) rubrics.set(`${r.id}@${r.version}`, r);
      if (!microCredentials.has(s.microCredentialId)) {
        const m = await repos.catalog.microCredential(s.microCredentialId);
        if (m) microCredentials.set(m.id, m);
      }
    }
    return {
      cursor: String(current),
      assignments: await toWireAssignments(repos, live),
      revoked: rows.filter((a) => !LIVE_STATES.has(a.state)).map((a) => a.id),
      submissions,
      rubrics: [...rubrics.values()],
      microCredentials: [...microCredentials.values()],
      qualifications: await repos.users.qualificationsOf(userId, ctx.now()),
    };
  });

  return { pull };
}

export type Sync = ReturnType<typeof createSync>;
