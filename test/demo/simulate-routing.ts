// The demo's routing expectation, computed from the manifest as the hub routes it: a primary
// read goes to the eligible assessor with the least open work (tie-break by username); a
// resubmission goes back to the assessor who decided the previous attempt. Eligible means
// qualified for the micro-credential (unexpired when routed: at submission with
// `routedWhenSubmitted`, else at seeding) and not sharing a school or district with the
// candidate. Double scoring is decided after the primary: the mode (`first_n` counts the live
// submissions before this one, `prior` of them from past work), then probation for a primary
// reader not released; the second read goes the same way to anyone but the primary reader.
// Seeded reads are submitted at once and stop counting as open work; two reads that disagree
// give both readers a consensus task, or the least-busy master rater an adjudication.
import type { SeedManifest, SeedSubmission } from '../../server/seed/manifest.ts';
import { agreementOf } from '../../shared/index.ts';

export type SimulatedTask = { submissionId: string; role: 'primary' | 'second' | 'consensus' | 'adjudication' };
export type RoutingOutcome = {
  /** Who was routed each submission's primary read. */
  assignee: Map<string, string>;
  /** Who was routed each double-scored submission's second read. */
  second: Map<string, string>;
  /** Each user's open work at the end, in the order it arrived. */
  open: Map<string, SimulatedTask[]>;
  /** How each double-scored submission stands at the end. */
  resolution: Map<string, 'awaiting_reads' | 'final' | 'consensus' | 'adjudication'>;
};

/** `prior`: live submissions of each micro-credential before the manifest's (the demo history's). */
export function simulateRouting(m: SeedManifest, prior: Readonly<Record<string, number>> = {}): RoutingOutcome {
  const assignee = new Map<string, string>();
  const second = new Map<string, string>();
  const open = new Map<string, SimulatedTask[]>();
  const resolution: RoutingOutcome['resolution'] = new Map();
  const ordinal = new Map(Object.entries(prior));
  const users = m.users.filter((u) => u.active);
  const candidates = new Map(m.candidates.map((c) => [c.ref, c]));
  const openCount = (username: string) => open.get(username)?.length ?? 0;
  const give = (username: string, task: SimulatedTask) => open.set(username, [...(open.get(username) ?? []), task]);
  const close = (username: string, submissionId: string, role: SimulatedTask['role']) =>
    open.set(username, (open.get(username) ?? []).filter((t) => t.submissionId !== submissionId || t.role !== role));
  const byLeastWork = (pool: SeedManifest['users']) =>
    [...pool].sort((a, b) => openCount(a.username) - openCount(b.username) || a.username.localeCompare(b.username))[0]?.username;

  const eligible = (s: SeedSubmission) => users.filter((u) => {
    const cand = candidates.get(s.candidateRef);
    const routedDaysAgo = m.routedWhenSubmitted ? s.submittedDaysAgo : 0;
    const qualified = u.roles.includes('assessor') && u.qualifications.some((q) => q.microCredentialId === s.microCredentialId && q.calibratedUntilDays > -routedDaysAgo);
    const conflict = (u.school !== undefined && u.school === cand?.school) || (u.district !== undefined && u.district === cand?.district);
    return qualified && !conflict;
  });

  for (const s of m.submissions) {
    const pool = eligible(s);
    const previous = s.previousSubmissionId === null ? undefined : assignee.get(s.previousSubmissionId);
    const primary = previous !== undefined && pool.some((u) => u.username === previous) ? previous : byLeastWork(pool);
    if (primary === undefined) throw new Error(`no eligible assessor for ${s.id}`);
    assignee.set(s.id, primary);
    give(primary, { submissionId: s.id, role: 'primary' });

    const mc = m.microCredentials.find((x) => x.id === s.microCredentialId)!;
    const policy = mc.policy.doubleScoring;
    const n = ordinal.get(mc.id) ?? 0;
    ordinal.set(mc.id, n + 1);
    const released = users.find((u) => u.username === primary)!.qualifications.some((q) => q.microCredentialId === mc.id && q.releasedFromProbation);
    const selected = policy.mode === 'all' || (policy.mode === 'first_n' && n < policy.n) || (policy.probation !== undefined && !released);
    if (policy.mode === 'sample') throw new Error('the demo simulation does not draw samples');
    const reader = selected ? byLeastWork(pool.filter((u) => u.username !== primary)) : undefined;
    if (selected && reader === undefined) throw new Error(`no eligible second reader for ${s.id}`);
    if (reader !== undefined) {
      second.set(s.id, reader);
      give(reader, { submissionId: s.id, role: 'second' });
      resolution.set(s.id, 'awaiting_reads');
    }

    if (!s.decidedReview) continue;
    close(primary, s.id, 'primary');
    if (reader === undefined || !s.secondReview) continue;
    close(reader, s.id, 'second');
    const rubric = m.rubrics.find((r) => r.id === mc.rubricId && r.version === mc.rubricVersion)!;
    if (agreementOf(rubric, s.decidedReview.scores, s.secondReview.scores, policy.tolerance).agreed) {
      resolution.set(s.id, 'final');
    } else if (policy.resolution === 'consensus') {
      resolution.set(s.id, 'consensus');
      for (const u of [primary, reader]) give(u, { submissionId: s.id, role: 'consensus' });
    } else {
      resolution.set(s.id, 'adjudication');
      const master = byLeastWork(users.filter((u) => u.roles.includes('master_rater') && u.username !== primary && u.username !== reader));
      if (master === undefined) throw new Error(`no master rater to adjudicate ${s.id}`);
      give(master, { submissionId: s.id, role: 'adjudication' });
    }
  }
  return { assignee, second, open, resolution };
}
