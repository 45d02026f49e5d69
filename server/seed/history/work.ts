import type { LockedCriterion } from '../../../shared/index.ts';
import type { AssignmentRecord } from '../../repos/assignments.ts';
import { validityDraw } from '../../services/calibration/validity.ts';
import { finalResultOf } from '../../services/scoring/views.ts';
import type { Levels } from './raters.ts';
import { ACTOR, between, DAY_MS, evidenceLevels, feedbackFor, HOUR_MS, iso, stableId, textArtifact, type HistoryRun } from './run.ts';

type Work = Pick<AssignmentRecord, 'id' | 'submissionId' | 'assessorId' | 'role'> & { locked: Record<string, LockedCriterion>; assignedAt: string };

/** Share of "not yet" first attempts that come back as a resubmission. */
const RESUBMITTED = 0.4;

/**
 * When an assignment is first opened and when its read comes in. Work assigned from a week
 * before the backlogged month until eight days before its end waits: opened days later and
 * read more than the 7-day SLA after, yet within that month, so the month stands out.
 */
function timing(run: HistoryRun, assignedAt: number): { openAt: number; readAt: number } {
  const { backlog, random } = run;
  if (assignedAt >= backlog.start - 7 * DAY_MS && assignedAt < backlog.end - 8 * DAY_MS) {
    const openAt = assignedAt + between(random, 2, 5) * DAY_MS;
    return { openAt, readAt: Math.min(assignedAt + between(random, 8, 13) * DAY_MS, backlog.end - between(random, 2, 20) * HOUR_MS) };
  }
  const openAt = assignedAt + between(random, 1, 20) * HOUR_MS;
  return { openAt, readAt: Math.max(openAt + HOUR_MS, assignedAt + between(random, 1, 5) * DAY_MS + between(random, 0, 8) * HOUR_MS) };
}

/** The history's live work: submissions through intake, each read opened and submitted as its assessor would, and what follows. */
export function createLiveWork(run: HistoryRun) {
  const { services, ctx } = run.clock;
  const known = new Set<string>();
  const submitted = new Map<string, { scores: Levels; criterionFeedback: Record<string, string> }>();
  /** Each submission's artifact, which its resubmission brings again. */
  const artifacts = new Map<string, string>();

  /** Opens, then reads, an assignment: live work against its evidence, a validity copy against its item's master score. */
  function take(a: Work, microCredentialId: string): void {
    if (known.has(a.id)) return;
    known.add(a.id);
    const { openAt, readAt } = timing(run, Date.parse(a.assignedAt));
    run.schedule.add(openAt, async () => {
      await services.openings.opened(a.assessorId, a.id, iso(run.clock.now()));
    });
    run.schedule.add(readAt, async () => {
      const use = (await ctx.query((repos) => repos.submissions.useOf(a.submissionId)))!;
      const copy = use.purpose === 'copy';
      const rubric = run.rubrics.get(microCredentialId)!;
      const locked = Object.fromEntries(Object.entries(a.locked).map(([id, l]) => [id, l.level]));
      const scores = run.raters.get(a.assessorId)!.levels(rubric, microCredentialId, run.truth.get(copy ? use.sourceSubmissionId! : a.submissionId)!, run.clock.now(), copy ? 'master' : 'live', { locked });
      const criterionFeedback = { ...feedbackFor(rubric, scores), ...Object.fromEntries(Object.entries(a.locked).map(([id, l]) => [id, l.feedback])) };
      await services.reviews.put(a.assessorId, stableId(`review:${a.id}`), {
        assignmentId: a.id, rubricId: rubric.id, rubricVersion: rubric.version, scores, criterionFeedback,
        overallFeedback: 'Thank you for a clear submission; the feedback per criterion says what the evidence shows.', notes: [], timeSpentSec: 900 + Math.floor(run.random() * 1800),
      });
      submitted.set(a.id, { scores, criterionFeedback });
      if (!copy) await afterRead(a.submissionId, microCredentialId);
    });
  }

  /** Once a read is in: an adjudication to do, or a final "not yet" that may be resubmitted. */
  async function afterRead(submissionId: string, microCredentialId: string): Promise<void> {
    const assignments = await ctx.query((repos) => repos.assignments.ofSubmission(submissionId));
    const task = assignments.find((x) => x.role === 'adjudication' && x.state === 'assigned' && !known.has(x.id));
    if (task) {
      known.add(task.id);
      run.schedule.add(run.clock.now() + between(run.random, 0.5, 2) * DAY_MS, () => adjudicate(task, assignments, microCredentialId));
      return;
    }
    await afterDecision(submissionId, microCredentialId);
  }

  /** The history's master rater settles a disagreement on the evidence, keeping a read's text wherever it already says that. */
  async function adjudicate(task: AssignmentRecord, assignments: readonly AssignmentRecord[], microCredentialId: string): Promise<void> {
    const rubric = run.rubrics.get(microCredentialId)!;
    const read = (role: string) => submitted.get(assignments.find((x) => x.role === role && x.state === 'submitted')!.id)!;
    const [first, second] = [read('primary'), read('second')];
    const truth = run.truth.get(task.submissionId)!;
    const own = feedbackFor(rubric, truth);
    const criteria = Object.fromEntries(rubric.criteria.map((c) => {
      const level = task.locked[c.id]?.level ?? truth[c.id]!;
      const basis = first.scores[c.id] === level ? 'first' : second.scores[c.id] === level ? 'second' : 'own';
      const feedback = basis === 'first' ? first.criterionFeedback[c.id]! : basis === 'second' ? second.criterionFeedback[c.id]! : task.locked[c.id]?.feedback ?? own[c.id]!;
      return [c.id, { level, feedback, basis }] as const;
    }));
    await services.scoring.adjudications.put(task.assessorId, stableId(`adjudication:${task.id}`), {
      assignmentId: task.id, criteria, overallFeedback: 'Thank you for a clear submission; the feedback per criterion says what the evidence shows.',
      rationale: 'The two reads differed; each final level follows the descriptor closest to what the evidence shows.',
    });
    await afterDecision(task.submissionId, microCredentialId);
  }

  async function afterDecision(submissionId: string, microCredentialId: string): Promise<void> {
    const final = await ctx.query((repos) => finalResultOf(repos, submissionId));
    const at = run.clock.now() + between(run.random, 10, 20) * DAY_MS;
    if (final?.decision !== 'not_yet' || submissionId.endsWith('b') || at > run.intakeEnd || run.random() >= RESUBMITTED) return;
    const previous = run.truth.get(submissionId)!;
    const rubric = run.rubrics.get(microCredentialId)!;
    // The candidate worked on what was not yet met.
    run.truth.set(`${submissionId}b`, Object.fromEntries(rubric.criteria.map((c) => [c.id, Math.max(previous[c.id]!, Math.min(c.metLevel, previous[c.id]! + 1))])));
    const ref = (await ctx.query((repos) => repos.submissions.byId(submissionId)))!.candidateRef;
    submit(at, microCredentialId, `${submissionId}b`, { id: submissionId, ref, artifactId: artifacts.get(submissionId)! });
  }

  /**
   * A live submission through intake; its reads (and any validity item drawn beside it) are
   * then taken. A resubmission brings the same lesson notes and student work again, with a new reflection.
   */
  function submit(at: number, microCredentialId: string, id: string, previous: { id: string; ref: string; artifactId: string } | null): void {
    run.schedule.add(at, async () => {
      const ref = previous?.ref ?? `cand-H${(Number(id.slice(5)) * 7919).toString(36).toUpperCase()}`;
      const work = previous?.artifactId ?? (await textArtifact(run, `Lesson notes and student work (${ref}): the questions planned, the students' answers, what changed next time.\n`));
      artifacts.set(id, work);
      const { assignments } = (await services.intake.intake({
        id, candidateRef: ref, microCredentialId, previousSubmissionId: previous?.id ?? null, reflection: previous ? `What I changed since the feedback on my first attempt (${ref}).` : `What I tried in this lesson, and what I would change (${ref}).`,
        artifactIds: [work], recipient: { email: `${ref.toLowerCase()}@teachers.example.org` },
      }, { actor: ACTOR })).body;
      for (const a of assignments) take(a, microCredentialId);
      // The validity draw is the hub's own, recomputable from the assignment id: look for the copy only when it seeded one.
      const primary = assignments.find((a) => a.role === 'primary');
      if (!primary || validityDraw(primary.id) >= run.opts.validityRate) return;
      for (const copy of await ctx.query((repos) => repos.assignments.openOf(primary.assessorId, microCredentialId, ['primary']))) take(copy, microCredentialId);
    });
  }

  return {
    /** The n-th first attempt (1-based), arriving at `at`: evidence earning about two times in three. */
    firstAttempt(n: number, at: number, microCredentialId: string): void {
      const rubric = run.rubrics.get(microCredentialId)!;
      const id = `sub-h${String(n).padStart(4, '0')}`;
      run.truth.set(id, evidenceLevels(run.random, rubric, run.random() < 0.66 ? 0 : -1));
      submit(at, microCredentialId, id, null);
    },
  };
}
