// Calibration answers for the renderer tests, built through the shared schemas.
import { CalibrationAttempt, CalibrationPolicy, CalibrationStanding, type MicroCredential } from '../../../shared/index.ts';
import { makeView, rubric } from './fixtures.ts';

export const POLICY = CalibrationPolicy.parse({});
export const CRITERIA = { criteria: rubric.criteria.map((c) => ({ id: c.id, title: c.title })), labels: rubric.scale.labels };

export function standing(over: Partial<CalibrationStanding> & Pick<CalibrationStanding, 'microCredentialId' | 'title'>): CalibrationStanding {
  return CalibrationStanding.parse({
    calibratedUntil: '2027-06-01T00:00:00.000Z', state: 'current', daysLeft: 200, openCalibrationItems: 0, lockedAssignments: 0, policy: POLICY, ...over,
  });
}

/** A completed attempt; `lean` is each criterion's mean difference from the master. */
export function completedAttempt(
  id: string, opts: { state?: 'passed' | 'failed'; assessorId?: string; lean?: Record<string, number>; exact?: number; completedAt?: string } = {},
): CalibrationAttempt {
  const lean = opts.lean ?? {};
  return CalibrationAttempt.parse({
    id, microCredentialId: 'mc-q', state: opts.state ?? 'passed', assignmentIds: [`${id}-1`], startedAt: '2026-11-19T10:00:00.000Z', completedAt: opts.completedAt ?? '2026-11-20T10:00:00.000Z',
    ...(opts.assessorId ? { assessorId: opts.assessorId } : {}),
    agreement: {
      ratings: 3, exact: opts.exact ?? 2 / 3, adjacent: 1, qwk: 0.75, meanDifference: 0.33, decisionAgreement: 1, maxDiscrepancy: 1,
      perCriterion: rubric.criteria.map((c) => ({ criterionId: c.id, exact: (lean[c.id] ?? 0) === 0 ? 1 : 0, adjacent: 1, meanDifference: lean[c.id] ?? 0 })),
    },
    items: [{
      submissionId: `${id}-sub`, decision: 'earned', masterDecision: 'earned',
      criteria: [
        { criterionId: 'c-questions', level: 4, masterLevel: 4, masterRationale: 'Follow-up questions on every answer.' },
        { criterionId: 'c-discourse', level: 4, masterLevel: 3, masterRationale: 'Students answer the teacher, rarely each other.' },
        { criterionId: 'c-reflection', level: 3, masterLevel: 3, masterRationale: 'Names one concrete change.' },
      ],
    }],
    ...(opts.state === 'failed' ? {} : { qualification: { microCredentialId: 'mc-q', calibratedUntil: '2027-11-20T10:00:00.000Z' } }),
  });
}

export function microCredential(id: string, title: string): MicroCredential {
  return { ...makeView().microCredential, id, title };
}
