import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { decide, seededRandom, type Rubric } from '../../shared/index.ts';
import { uuidV5 } from '../credentials/stable-uuid.ts';
import { hashPassword } from '../services/accounts/passwords.ts';
import { addDays, type HubContext } from '../services/context.ts';
import { pastClock } from './past-clock.ts';

/** One assessor who did the past work and has since left the pool. */
export type FormerAssessor = { id: string; username: string; displayName: string };

/** How much past work the demo gets: enough decided submissions for the staff screens to page. */
export type HistoryOptions = { submissions: number; seed: number; fromDaysAgo: number; toDaysAgo: number; assessors: readonly FormerAssessor[] };

export const DEMO_HISTORY: HistoryOptions = {
  submissions: 110, seed: 12, fromDaysAgo: 180, toDaysAgo: 45,
  assessors: [
    { id: 'u-former-1', username: 'former1', displayName: 'Rosa Lindqvist (former)' },
    { id: 'u-former-2', username: 'former2', displayName: 'Tomas Achebe (former)' },
    { id: 'u-former-3', username: 'former3', displayName: 'Mei Hartono (former)' },
  ],
};

const DAY_MS = 86_400_000;
const ACTOR = 'system';
const NAMESPACE = '5c6d1f3e-2b7a-4e8f-9d10-3a4b5c6d7e8f';
const FEEDBACK = {
  below: 'The evidence does not yet show this consistently; the clip and the notes show it once, briefly.',
  met: 'The evidence shows this clearly and more than once, as the rubric describes.',
  above: 'Strong, sustained evidence: this is a model of the practice the rubric describes.',
} as const;


type Step = { at: number; run: () => Promise<void> };

/**
 * Past decided work for the demo, made through the live services on a clock set back in
 * time, so routing, decisions and the audit log are what a hub that ran for months would
 * hold: first attempts spread over the window, each read a few days later by the assessor
 * it was routed to, and some "not yet" attempts resubmitted to the same assessor. Each
 * submission carries one tiny text artifact and a recipient. The same options give the
 * same submissions, scores and decisions.
 *
 * The work is read by its own assessors, created first and deactivated at the end, and it
 * ends by `endBy`, before the live accounts exist: routing would otherwise fill the demo
 * assessors' queues with months of finished reads. A later resubmission from this history
 * is rerouted, because its original assessor is inactive.
 */
export async function seedHistory(ctx: HubContext, microCredentialIds: readonly string[], opts: HistoryOptions, endBy: number): Promise<void> {
  const rand = seededRandom(opts.seed);
  const real = ctx.now().getTime();
  const clock = pastClock(ctx, real - opts.fromDaysAgo * DAY_MS);
  const past = clock.ctx;
  const { artifacts, intake, reviews } = clock.services;
  const hashes = await Promise.all(opts.assessors.map(() => hashPassword(randomUUID())));
  await past.write(async ({ repos, audit }) => {
    for (const [i, u] of opts.assessors.entries()) {
      await repos.users.insert({ ...u, roles: ['assessor'], active: true, school: null, district: null, passwordHash: hashes[i]!, demo: false });
      await audit(ACTOR, 'user.created', u.id, { username: u.username, roles: ['assessor'], active: true });
      for (const mcId of microCredentialIds) {
        const until = addDays(new Date(clock.now()).toISOString(), opts.fromDaysAgo + 365);
        await repos.users.setQualification(u.id, mcId, until);
        await audit(ACTOR, 'qualification.set', u.id, { microCredentialId: mcId, calibratedUntil: until });
      }
    }
  });
  // The past ran single-scored, with no validity items: the manifest's policies (which may
  // double-score everything) are what the issuer runs today, set again once the past is done.
  const policies = clock.services.calibration.policies;
  const current = (await policies.list()).filter((m) => microCredentialIds.includes(m.id));
  for (const mc of current) await policies.patch(ACTOR, mc.id, { doubleScoring: { mode: 'none' }, validity: { rate: 0 } });
  const rubrics = new Map<string, Rubric>();
  for (const id of microCredentialIds) {
    const mc = (await ctx.query((repos) => repos.catalog.microCredential(id)))!;
    rubrics.set(id, (await ctx.query((repos) => repos.catalog.rubric(mc.rubricId, mc.rubricVersion)))!);
  }
  const steps: Step[] = [];
  const span = (opts.fromDaysAgo - opts.toDaysAgo) * DAY_MS;

  const attemptAt = (n: number, at: number, mcId: string, ref: string, previous: string | null): void => {
    steps.push({
      at,
      run: async () => {
        const file = await artifacts.store({
          body: Readable.from([Buffer.from(`Lesson notes, attempt ${previous ? 2 : 1}: the questions planned, the students' answers, what changed next time.\n`)]),
          contentType: 'text/plain', filename: 'lesson-notes.txt',
        }, ACTOR);
        const id = `sub-h${String(n).padStart(3, '0')}${previous ? 'b' : ''}`;
        const { assignments } = (await intake.intake({
          id, candidateRef: ref, microCredentialId: mcId, previousSubmissionId: previous, reflection: `What I tried in this lesson, and what I would change (${ref}).`,
          artifactIds: [file.id], recipient: { email: `${ref.toLowerCase()}@teachers.example.org` },
        }, { actor: ACTOR })).body;
        const a = assignments[0];
        if (!a) return;
        const rubric = rubrics.get(mcId)!;
        // Resubmissions lean upward; first attempts earn about two times in three.
        const lift = previous ? 1 : rand() < 0.66 ? 0 : -1;
        const scores = Object.fromEntries(rubric.criteria.map((c) => {
          const level = a.locked[c.id]?.level ?? Math.min(rubric.scale.labels.length, Math.max(1, c.metLevel + lift + Math.floor(rand() * 2)));
          return [c.id, level];
        }));
        const criterionFeedback = Object.fromEntries(rubric.criteria.map((c) => [c.id, a.locked[c.id]?.feedback
          ?? FEEDBACK[scores[c.id]! < c.metLevel ? 'below' : scores[c.id]! > c.metLevel ? 'above' : 'met']]));
        const readAt = at + (1 + Math.floor(rand() * 5)) * DAY_MS + Math.floor(rand() * 8) * 3_600_000;
        steps.push({
          at: readAt,
          run: async () => {
            const put = await reviews.put(a.assessorId, uuidV5(NAMESPACE, `review:${id}`), {
              assignmentId: a.id, rubricId: rubric.id, rubricVersion: rubric.version, scores, criterionFeedback,
              overallFeedback: 'Thank you for a clear submission; the feedback per criterion says what the evidence shows.', notes: [], timeSpentSec: 900 + Math.floor(rand() * 1800),
            });
            if (!previous && decide(rubric, scores).decision === 'not_yet' && rand() < 0.4) attemptAt(n, readAt + 10 * DAY_MS, mcId, ref, put.review.submissionId);
          },
        });
      },
    });
  };

  for (let n = 1; n <= opts.submissions; n++) {
    const mcId = microCredentialIds[n % microCredentialIds.length]!;
    attemptAt(n, real - opts.fromDaysAgo * DAY_MS + Math.floor((span * (n - 1)) / opts.submissions), mcId, `cand-H${(n * 7919).toString(36).toUpperCase()}`, null);
  }
  // Run in time order; a step may add later ones (a read, a resubmission), which join the queue.
  while (steps.length > 0) {
    steps.sort((x, y) => x.at - y.at);
    const next = steps.shift()!;
    clock.advanceTo(Math.min(next.at, endBy));
    await next.run();
  }
  for (const mc of current) await policies.patch(ACTOR, mc.id, { doubleScoring: mc.policy.doubleScoring, validity: mc.policy.validity });
  await past.write(async ({ repos, audit }) => {
    for (const u of opts.assessors) {
      await repos.users.setActive(u.id, false);
      await audit(ACTOR, 'user.updated', u.id, { active: false });
    }
  });
}
