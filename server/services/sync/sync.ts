import { OPEN_STATES, type Rubric, type Submission, type SyncResponse } from '../../../shared/index.ts';
import { invalid } from '../../http/errors.ts';
import type { Repos } from '../../repos/index.ts';
import { qualificationState } from '../../repos/users.ts';
import type { HubContext } from '../context.ts';
import { toWireAssignments } from './wire.ts';

const LIVE_STATES = new Set<string>([...OPEN_STATES, 'submitted']);

const badCursor = (message: string) => invalid('the cursor is not valid', [{ path: 'cursor', message }]);

function parseCursor(raw: string | null): number {
  if (raw === null) return 0;
  if (!/^(0|[1-9]\d{0,14})$/.test(raw)) throw badCursor('not a cursor this hub issued');
  return Number(raw);
}

/** The submissions the live assignments name, and every earlier attempt they build on, with their artifacts. */
async function submissionChains(repos: Repos, ids: readonly string[]): Promise<Submission[]> {
  const found = new Map<string, Submission>();
  for (let next = [...new Set(ids)]; next.length > 0; ) {
    const rows = await repos.submissions.withArtifacts(next);
    for (const s of rows) found.set(s.id, s);
    next = [...new Set(rows.flatMap((s) => (s.previousSubmissionId && !found.has(s.previousSubmissionId) ? [s.previousSubmissionId] : [])))];
  }
  return [...found.values()];
}

/**
 * Pull changes: the caller's assignments changed after the cursor (all of them without
 * one), with the submissions, earlier attempts, rubrics and micro-credentials they need.
 * The cursor is the global change sequence, read by the same statement as the caller's
 * assignments and qualifications (repos/changes.ts), so in one snapshot; every sequence
 * number is handed out under the writers' lock, so a number above the cursor can only
 * belong to a change that snapshot does not see yet (docs/ARCHITECTURE.md). Everything read
 * after it is named by those rows and was committed with or before them: submissions,
 * artifact lists, rubric versions and reviews never change once written, so later
 * statements read what the snapshot held; micro-credentials are read as they are now.
 */
export function createSync(ctx: HubContext) {
  const pull = (userId: string, rawCursor: string | null): Promise<SyncResponse> => ctx.query(async (repos) => {
    const since = parseCursor(rawCursor);
    const changes = await repos.changes.since(userId, since);
    if (since > changes.changeSeq) throw badCursor('ahead of this hub');
    const live = changes.assignments.filter((a) => LIVE_STATES.has(a.state));
    const submissions = await submissionChains(repos, live.map((a) => a.submissionId));
    const rubrics = new Map<string, Rubric>();
    for (const s of submissions) {
      const key = `${s.rubricId}@${s.rubricVersion}`;
      if (rubrics.has(key)) continue;
      const r = await repos.catalog.rubric(s.rubricId, s.rubricVersion);
      if (r) rubrics.set(key, r);
    }
    const microCredentialIds = [...new Set(submissions.map((s) => s.microCredentialId))];
    const microCredentials = await repos.catalog.microCredentials(microCredentialIds);
    return {
      cursor: String(changes.changeSeq),
      assignments: await toWireAssignments(repos, live),
      revoked: changes.assignments.filter((a) => !LIVE_STATES.has(a.state)).map((a) => a.id),
      submissions,
      rubrics: [...rubrics.values()],
      microCredentials: microCredentialIds.flatMap((id) => microCredentials.get(id) ?? []),
      qualifications: changes.qualifications.map((q) => ({ microCredentialId: q.microCredentialId, calibratedUntil: q.calibratedUntil, state: qualificationState(q, ctx.now()) })),
    };
  });

  return { pull };
}

export type Sync = ReturnType<typeof createSync>;
