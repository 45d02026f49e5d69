import { randomUUID } from 'node:crypto';
import { seededRandom, type MicroCredential, type Rubric } from '../../../shared/index.ts';
import { hashPassword } from '../../services/accounts/passwords.ts';
import { withSeededRandom, type HubContext } from '../../services/context.ts';
import { pastClock } from '../past-clock.ts';
import { calibrationAttempt, calibrationWave } from './calibration.ts';
import type { HistoryOptions } from './cast.ts';
import { Rater } from './raters.ts';
import { ACTOR, between, DAY_MS, HOUR_MS, type HistoryRun } from './run.ts';
import { Schedule } from './schedule.ts';
import { createLiveWork } from './work.ts';

export { BRIEF_DEMO_HISTORY, DEMO_HISTORY, type HistoryOptions } from './cast.ts';

/** Live submissions start once the first wave has qualified the first assessors. */
const INTAKE_STARTS_DAY = 7;

/**
 * A year of past work for the demo, made through the live services on a clock set back in
 * time, so routing, calibration, validity draws, double scoring and the audit log are what
 * a hub that ran for a year would hold (resources/demo/README.md "Past work"):
 * - a master rater scores a wave of calibration items each quarter, and every assessor takes
 *   an attempt on each wave (a few fail and retake), and a last one at the end;
 * - live submissions arrive over the year, validity items are drawn beside them and a
 *   share is double-scored, disagreements adjudicated by the master rater; every read is
 *   opened first, then submitted days later, and some "not yet" attempts come back;
 * - the assessors rate as their profiles say (cast.ts), which plants a lenient assessor, a
 *   drifting one and, in the schedule, a backlogged month.
 * Ids and draws come from `opts.seed`, so the same options give the same history.
 *
 * It ends by `endBy`, before the live accounts exist, with its people deactivated, and
 * leaves the policies as it found them: routing would otherwise fill the demo accounts'
 * queues with a year of finished work.
 */
export async function seedHistory(ctx: HubContext, microCredentialIds: readonly string[], opts: HistoryOptions, endBy: number): Promise<void> {
  const random = seededRandom(opts.seed);
  const ids = seededRandom(opts.seed ^ 0x5eed);
  await withSeededRandom(ids, () => run(ctx, microCredentialIds, opts, endBy, random));
}

async function run(ctx: HubContext, microCredentialIds: readonly string[], opts: HistoryOptions, endBy: number, random: () => number): Promise<void> {
  const real = ctx.now().getTime();
  const start = real - opts.fromDaysAgo * DAY_MS;
  const clock = pastClock(ctx, start);
  const { services } = clock;
  const rubrics = new Map<string, Rubric>();
  const current = new Map<string, MicroCredential>();
  for (const mc of (await services.calibration.policies.list()).filter((m) => microCredentialIds.includes(m.id))) {
    current.set(mc.id, mc);
    rubrics.set(mc.id, (await clock.ctx.query((repos) => repos.catalog.rubric(mc.rubricId, mc.rubricVersion)))!);
  }
  const endMonth = new Date(endBy);
  const backlogStart = Date.UTC(endMonth.getUTCFullYear(), endMonth.getUTCMonth() - opts.backlogMonthsBeforeEnd, 1);
  const h: HistoryRun = {
    opts, clock, schedule: new Schedule(), random, start, intakeEnd: real - opts.toDaysAgo * DAY_MS, endBy,
    backlog: { start: backlogStart, end: Date.UTC(endMonth.getUTCFullYear(), endMonth.getUTCMonth() - opts.backlogMonthsBeforeEnd + 1, 1) },
    rubrics, raters: new Map(opts.assessors.map((a) => [a.id, new Rater(a, endBy, random)])), truth: new Map(),
  };
  const people = [opts.master, ...opts.assessors];
  const hashes = await Promise.all(people.map(() => hashPassword(randomUUID())));
  const join = (i: number, roles: ('assessor' | 'master_rater')[]) => clock.ctx.write(async ({ repos, audit }) => {
    const u = people[i]!;
    await repos.users.insert({ id: u.id, username: u.username, displayName: u.displayName, roles, active: true, school: null, district: null, passwordHash: hashes[i]!, demo: false });
    await audit(ACTOR, 'user.created', u.id, { username: u.username, roles, active: true });
  });

  // The first weeks: calibration only, single-scored, no validity items (nothing is published yet).
  for (const id of microCredentialIds) await services.calibration.policies.patch(ACTOR, id, { doubleScoring: { mode: 'none' }, validity: { rate: 0 } });
  await join(0, ['master_rater']);
  const waves = Math.floor((h.intakeEnd - start) / (opts.waveDays * DAY_MS)) + 1;
  for (let w = 0; w < waves; w++) for (const id of microCredentialIds) calibrationWave(h, id, w, start + w * opts.waveDays * DAY_MS);
  /** Attempts each assessor has been scheduled so far (a planted failure names its number). */
  const attempts = new Map<string, number>();
  for (const [i, a] of opts.assessors.entries()) {
    const joins = start + a.joinsDay * DAY_MS;
    h.schedule.add(joins, () => join(i + 1, ['assessor']));
    const mcs = a.microCredentialIds.filter((id) => microCredentialIds.includes(id));
    for (let w = 0; w < waves; w++) {
      // An attempt on every wave since joining (the one current when they join first); the first one qualifies them.
      if (start + (w + 1) * opts.waveDays * DAY_MS <= joins) continue;
      const at = Math.max(joins, start + w * opts.waveDays * DAY_MS) + (3 + between(random, 0, 2)) * DAY_MS;
      const nth = attempts.get(a.id) ?? 0;
      attempts.set(a.id, nth + 1);
      mcs.forEach((id, k) => calibrationAttempt(h, a, id, nth, at + k * 6 * HOUR_MS));
    }
  }
  h.schedule.add(start + INTAKE_STARTS_DAY * DAY_MS, async () => {
    for (const id of microCredentialIds) {
      await services.calibration.policies.patch(ACTOR, id, {
        validity: { rate: opts.validityRate },
        doubleScoring: { mode: 'sample', percent: opts.samplePercent, seed: `demo-history-${opts.seed}`, resolution: 'adjudication', tolerance: 1 },
      });
    }
  });
  const live = createLiveWork(h);
  const span = h.intakeEnd - (start + INTAKE_STARTS_DAY * DAY_MS);
  for (let n = 1; n <= opts.submissions; n++) {
    const at = start + INTAKE_STARTS_DAY * DAY_MS + HOUR_MS + Math.floor(((n - 1 + random() * 0.9) * span) / opts.submissions);
    live.firstAttempt(n, at, microCredentialIds[(n + Math.floor(random() * 2)) % microCredentialIds.length]!);
  }
  await h.schedule.run(clock, endBy);

  // The year-end refresher, after all other work, so each assessor's last report bucket holds a whole attempt.
  for (const a of opts.assessors) {
    const nth = attempts.get(a.id) ?? 0;
    a.microCredentialIds.filter((id) => microCredentialIds.includes(id)).forEach((id, k) => calibrationAttempt(h, a, id, nth, Math.max(clock.now(), endBy - 12 * HOUR_MS) + k * HOUR_MS));
  }
  await h.schedule.run(clock, endBy);
  for (const mc of current.values()) await services.calibration.policies.restore(ACTOR, mc.id, mc.policy);
  await clock.ctx.write(async ({ repos, audit }) => {
    for (const u of people) {
      await repos.users.setActive(u.id, false);
      await audit(ACTOR, 'user.updated', u.id, { active: false });
    }
  });
}
