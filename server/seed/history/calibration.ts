import type { HistoryAssessor } from './cast.ts';
import { ACTOR, between, DAY_MS, evidenceLevels, feedbackFor, HOUR_MS, rationaleFor, stableId, textArtifact, type HistoryRun } from './run.ts';

const SHORT: Record<string, string> = { 'mc-questioning': 'q', 'mc-formative-data': 'f' };
const short = (microCredentialId: string) => SHORT[microCredentialId] ?? microCredentialId.replace(/^mc-/, '');

/**
 * A calibration wave on one micro-credential: new items through intake (purpose
 * "calibration"), a set routed to the history's master rater, master-scored with a rationale
 * per criterion over the next two days, and published.
 */
export function calibrationWave(run: HistoryRun, microCredentialId: string, wave: number, at: number): void {
  const rubric = run.rubrics.get(microCredentialId)!;
  const { services, ctx } = run.clock;
  const setId = `cset-hist-${short(microCredentialId)}-${wave + 1}`;
  run.schedule.add(at, async () => {
    const ids: string[] = [];
    for (let i = 1; i <= run.opts.itemsPerWave; i++) {
      const id = `cal-h${wave + 1}-${short(microCredentialId)}-${String(i).padStart(2, '0')}`;
      const ref = `cand-C${short(microCredentialId).toUpperCase()}${wave + 1}${String(i).padStart(2, '0')}H`;
      // Calibration items span the scale, so attempts and validity reads test every level.
      run.truth.set(id, evidenceLevels(run.random, rubric, Math.floor(run.random() * 3) - 1));
      const artifactId = await textArtifact(run, `Calibration item ${id}: the lesson plan, the questions asked, and three students' answers.\n`);
      await services.intake.intake({ candidateRef: ref, microCredentialId, reflection: `What this lesson shows about my practice (${ref}).`, artifactIds: [artifactId], purpose: 'calibration' },
        { actor: ACTOR, id });
      ids.push(id);
    }
    const { set } = await services.calibration.sets.create(ACTOR, { id: setId, microCredentialId, title: `Anchor set ${wave + 1} (${rubric.title})`, submissionIds: ids });
    for (const [i, item] of set.items.entries()) {
      run.schedule.add(at + between(run.random, 2, 30) * HOUR_MS + i * HOUR_MS, async () => {
        const a = (await ctx.query((repos) => repos.assignments.byId(item.masterAssignmentId!)))!;
        const scores = run.truth.get(item.submissionId)!;
        await services.reviews.put(a.assessorId, stableId(`master:${a.id}`), {
          assignmentId: a.id, rubricId: rubric.id, rubricVersion: rubric.version, scores, criterionFeedback: feedbackFor(rubric, scores),
          overallFeedback: 'Master score for calibration: each level follows the descriptor closest to what the evidence shows.', notes: [],
          timeSpentSec: 1500, criterionRationale: rationaleFor(rubric, scores),
        });
      });
    }
    run.schedule.add(at + 2 * DAY_MS, async () => {
      await services.calibration.sets.publish(ACTOR, setId);
    });
  });
}

/**
 * A calibration attempt: its items scored over a few hours against the items' master
 * scores, as the assessor rates. A planted failure (`nth` counts the assessor's attempts
 * from 0, retakes aside) is retaken two days later.
 */
export function calibrationAttempt(run: HistoryRun, who: HistoryAssessor, microCredentialId: string, nth: number, at: number, retake = false): void {
  const rubric = run.rubrics.get(microCredentialId)!;
  const { services, ctx } = run.clock;
  const failing = !retake && (who.fails?.some((f) => f.microCredentialId === microCredentialId && f.attempt === nth) ?? false);
  run.schedule.add(at, async () => {
    const attempt = await services.calibration.attempts.start(who.id, microCredentialId);
    for (const [i, assignmentId] of attempt.assignmentIds.entries()) {
      run.schedule.add(at + (i + 1) * between(run.random, 0.5, 2) * HOUR_MS, async () => {
        const source = await ctx.query(async (repos) => (await repos.submissions.useOf((await repos.assignments.byId(assignmentId))!.submissionId))!.sourceSubmissionId!);
        const scores = run.raters.get(who.id)!.levels(rubric, microCredentialId, run.truth.get(source)!, run.clock.now(), 'master', { failing });
        await services.reviews.put(who.id, stableId(`attempt:${assignmentId}`), {
          assignmentId, rubricId: rubric.id, rubricVersion: rubric.version, scores, criterionFeedback: feedbackFor(rubric, scores),
          overallFeedback: 'Calibration practice: levels as the descriptors read.', notes: [], timeSpentSec: 1200,
        });
      });
    }
    if (failing) calibrationAttempt(run, who, microCredentialId, nth, at + 2 * DAY_MS, true);
  });
}
