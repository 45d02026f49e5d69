// Reliability and turnaround answers for the renderer tests, built through the shared schemas.
import { ReliabilityReport, TurnaroundReport, type AssessorReliability, type MicroCredential } from '../../../shared/index.ts';
import { microCredential } from './calibration-fixtures.ts';

export const MICRO_CREDENTIALS: MicroCredential[] = [microCredential('mc-formative-data', 'Using Formative Assessment Data'), microCredential('mc-questioning', 'Questioning')];
export const CRITERIA = ['fa-analyzes', 'fa-adjusts'];
const none = { value: null, reason: 'no_ratings' } as const;
const v = (value: number) => ({ value });
const MONTHS = ['2026-09', '2026-10', '2026-11'];

/** A 5-point confusion matrix with `same` ratings on the diagonal at level 3 and `higher` one level above it. */
function confusion(same: number, higher: number) {
  const counts = Array.from({ length: 5 }, () => Array.from({ length: 5 }, () => 0));
  (counts[2] as number[])[2] = same;
  (counts[3] as number[])[2] = higher;
  return { points: 5 as const, n: same + higher, counts };
}

function comparison(n: number, exact: number | null, diffs: Record<string, number | null>, cm: ReturnType<typeof confusion>) {
  const figure = (x: number | null) => (x === null ? none : v(x));
  return {
    n, exact: figure(exact), adjacent: figure(exact === null ? null : 1), qwk: exact === null ? none : { value: null, reason: 'no_variation' as const }, meanDifference: figure(diffs[CRITERIA[0] as string] ?? null),
    decision: { n: Math.floor(n / 3), agreement: figure(exact) },
    criteria: CRITERIA.map((criterionId) => ({ criterionId, n: diffs[criterionId] === null ? 0 : n, exact: figure(exact), adjacent: figure(1), qwk: figure(0.6), meanDifference: figure(diffs[criterionId] ?? null) })),
    confusion: cm,
  };
}

function assessor(id: string, name: string, drift: number[], master: ReturnType<typeof comparison>, flags: AssessorReliability['flags']): AssessorReliability {
  return {
    assessorId: id, displayName: name, master, peer: comparison(0, null, { 'fa-analyzes': null, 'fa-adjusts': null }, confusion(0, 0)),
    drift: drift.map((m, i) => ({ bucket: MONTHS[i] as string, start: `${MONTHS[i]}-01T00:00:00.000Z`, n: 12, exact: v(m), adjacent: v(1), measure: v(m) })),
    flags,
  };
}

/** Priya lenient on fa-analyzes against master scores, Jonas drifting, Lee unflagged with little data. */
export function reliabilityReport(): ReliabilityReport {
  return ReliabilityReport.parse({
    microCredentialId: 'mc-formative-data', from: '2025-12-01T00:00:00.000Z', to: null, bucket: 'month', points: 5, criteria: CRITERIA,
    criterionTitles: { 'fa-analyzes': 'Analyzes the evidence', 'fa-adjusts': 'Adjusts instruction' },
    policy: { measure: 'exact', passMark: 0.8 },
    thresholds: { drift: 0.1, driftMinN: 10, bias: 0.5, biasMinN: 20 },
    assessors: [
      assessor('u-priya', 'Priya Natarajan', [0.82, 0.84, 0.83], comparison(25, 0.84, { 'fa-analyzes': 0.8, 'fa-adjusts': 0.1 }, confusion(20, 5)),
        [{ kind: 'lenient', against: 'master', criterionId: 'fa-analyzes', value: 0.8, threshold: 0.5, n: 25 }]),
      assessor('u-jonas', 'Jonas Weber', [0.9, 0.88, 0.7], comparison(36, 0.83, { 'fa-analyzes': -0.2, 'fa-adjusts': -0.1 }, confusion(30, 6)),
        [{ kind: 'drifting', against: 'master', value: 0.19, threshold: 0.1, n: 12 }, { kind: 'below_pass_mark', against: 'master', value: 0.7, threshold: 0.8, n: 12 }]),
      assessor('u-lee', 'Lee Park', [0.9], comparison(4, 1, { 'fa-analyzes': 0, 'fa-adjusts': null }, confusion(4, 0)), []),
    ],
  });
}

export const GENERATED_AT = '2026-12-01T12:00:00.000Z';
const durations = (n: number, median: number, p90: number, within: number) => ({ n, medianDays: v(median), p90Days: v(p90), withinSla: v(within) });

/** Two micro-credentials (SLA 7), a backlogged week, one overdue first read and one resubmission due within the day. */
export function turnaroundReport(): TurnaroundReport {
  return TurnaroundReport.parse({
    from: null, to: null, bucket: 'week', generatedAt: GENERATED_AT,
    byMicroCredential: [
      { microCredentialId: 'mc-formative-data', slaDays: 7, decisions: durations(10, 4, 9, 0.8), firstOpening: { n: 6, medianHours: v(5), p90Hours: v(20) },
        daysHistogram: [{ days: 2, decisions: 3 }, { days: 4, decisions: 4 }, { days: 7, decisions: 1 }, { days: 9, decisions: 2 }] },
      { microCredentialId: 'mc-questioning', slaDays: 7, decisions: { n: 0, medianDays: none, p90Days: none, withinSla: none }, firstOpening: { n: 0, medianHours: none, p90Hours: none }, daysHistogram: [] },
    ],
    byAssessor: [
      { assessorId: 'u-assessor1', displayName: 'Ada Assessor', decisions: durations(6, 3, 7, 1), firstOpening: { n: 3, medianHours: v(4), p90Hours: v(9) } },
      { assessorId: 'u-assessor2', displayName: 'Ben Assessor', decisions: durations(4, 8, 9.5, 0.5), firstOpening: { n: 0, medianHours: none, p90Hours: none } },
    ],
    byBucket: [
      { bucket: '2026-11-09', start: '2026-11-09T00:00:00.000Z', decisions: durations(5, 3, 5, 1) },
      { bucket: '2026-11-16', start: '2026-11-16T00:00:00.000Z', decisions: durations(5, 8, 9.6, 0.6) },
    ],
    openWork: [
      { assignmentId: 'asg-late', submissionId: 'sub-03', microCredentialId: 'mc-formative-data', assessorId: 'u-assessor1', assessorName: 'Ada Assessor', role: 'primary', state: 'assigned',
        assignedAt: '2026-11-22T12:00:00.000Z', dueAt: '2026-11-29T12:00:00.000Z', overdue: true, resubmission: false },
      { assignmentId: 'asg-resub', submissionId: 'sub-07', microCredentialId: 'mc-questioning', assessorId: 'u-assessor4', assessorName: 'Dee Newcomer', role: 'primary', state: 'in_progress',
        assignedAt: '2026-11-25T00:00:00.000Z', dueAt: '2026-12-02T00:00:00.000Z', overdue: false, resubmission: true },
    ],
  });
}
