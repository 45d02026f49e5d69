import { OPEN_STATES, type Rubric, type Submission, type SyncResponse } from '../../../shared/index.ts';
import { invalid } from '../../http/errors.ts';
import type { Changes } from '../../repos/changes.ts';
import type { Repos } from '../../repos/index.ts';
import { qualificationState } from '../../repos/users.ts';
import type { HubContext } from '../context.ts';
import { toWireAssignments } from './wire.ts';

const LIVE_LIST: readonly string[] = [...OPEN_STATES, 'submitted'];
const LIVE_STATES = new Set(LIVE_LIST);

const badCursor = (message: string) => invalid('the cursor is not valid', [{ path: 'cursor', message }]);

function parseCursor(raw: string | null): number {
  if (raw === null) return 0;
  if (!/^(0|[1-9]\d{0,14})$/.test(raw)) throw badCursor('not a cursor this hub issued');
  return Number(raw);
}

/** The submissions the live assignments name (read with the changes), and every earlier attempt they build on, with their artifacts. */
async function submissionChains(repos: Repos, named: readonly Submission[]): Promise<Submission[]> {
  const found = new Map<string, Submission>();
  for (let rows = named; rows.length > 0; ) {
    for (const s of rows) found.set(s.id, s);
    const next = [...new Set(rows.flatMap((s) => (s.previousSubmissionId && !found.has(s.previousSubmissionId) ? [s.previousSubmissionId] : [])))];
    rows = await repos.submissions.withArtifacts(next);
  }
  return [...found.values()];
}

/**
 * Pull changes: the caller's assignments changed after the cursor (all of them without
 * one), with the submissions, earlier attempts, rubrics and micro-credentials they need.
 * The cursor is the global change sequence, read by the same statement as the caller's
 * assignments, qualifications, the live ones' submissions and their micro-credentials
 * (repos/changes.ts), so in one snapshot;
 * every sequence number is handed out under the writers' lock, so a number above the cursor
 * can only belong to a change that snapshot does not see yet (docs/ARCHITECTURE.md).
 * Everything read after it is named by those rows and was committed with or before them:
 * earlier attempts, artifact lists, rubric versions and reviews never change once written,
 * so later statements read what the snapshot held.
 *
 * A consensus past its days escalates before a sync can show it (docs/PROTOCOL.md, "Double
 * scoring"). The same statement says whether any is due, so the common case costs no extra
 * round trip; when one is, it escalates and the sync reads again.
 */
export function createSync(ctx: HubContext, escalateDue: () => Promise<void>) {
  const read = (userId: string, since: number) => ctx.query(async (repos) => {
    const changes = await repos.changes.since(userId, since, LIVE_LIST, ctx.now().toISOString());
    return changes.consensusDue ? undefined : answer(repos, changes, since);
  });

  async function answer(repos: Repos, changes: Changes, since: number): Promise<SyncResponse> {
    if (since > changes.changeSeq) throw badCursor('ahead of this hub');
    const live = changes.assignments.filter((a) => LIVE_STATES.has(a.state));
    const submissions = await submissionChains(repos, changes.submissions);
    const rubrics = new Map<string, Rubric>();
    for (const s of submissions) {
      const key = `${s.rubricId}@${s.rubricVersion}`;
      if (rubrics.has(key)) continue;
      const r = await repos.catalog.rubric(s.rubricId, s.rubricVersion);
      if (r) rubrics.set(key, r);
    }
    return {
      cursor: String(changes.changeSeq),
      assignments: await toWireAssignments(repos, live),
      revoked: changes.assignments.filter((a) => !LIVE_STATES.has(a.state)).map((a) => a.id),
      submissions,
      rubrics: [...rubrics.values()],
      // An earlier attempt is always for its resubmission's micro-credential (intake refuses
      // another), so the snapshot's micro-credentials cover the whole chain.
      microCredentials: changes.microCredentials,
      qualifications: changes.qualifications.map((q) => ({ microCredentialId: q.microCredentialId, calibratedUntil: q.calibratedUntil, state: qualificationState(q, ctx.now()) })),
    };
  }

  async function pull(userId: string, rawCursor: string | null): Promise<SyncResponse> {
    const since = parseCursor(rawCursor);
    const first = await read(userId, since);
    if (first) return first;
    await escalateDue();
    // Escalation is one write that leaves nothing due as of its own clock reading; a
    // consensus falling due between the two reads waits for the next sync or the timer.
    return ctx.query(async (repos) => answer(repos, await repos.changes.since(userId, since, LIVE_LIST, ctx.now().toISOString()), since));
  }

  return { pull };
}

export type Sync = ReturnType<typeof createSync>;
