import { z } from 'zod';
import { Assignment, AssignmentRole, AssignmentState, Id, IsoTime } from '../domain/index.ts';
import { Measure } from '../stats/types.ts';

/**
 * Reliability and turnaround reports (issue #13). Every figure carries the n it is over;
 * one with too little data is null with its reason (shared/stats' Measure), never NaN.
 */

export const ReportBucket = z.enum(['week', 'month']);

const period = {
  /** Inclusive lower and exclusive upper bound on when a rating was made or a decision taken. */
  from: IsoTime.optional(),
  to: IsoTime.optional(),
};
const ordered = (q: { from?: string; to?: string }) => q.from === undefined || q.to === undefined || Date.parse(q.from) < Date.parse(q.to);
const orderedIssue = { message: 'from must be before to', path: ['to'] };

export const ReliabilityQuery = z.object({ microCredentialId: Id, ...period, bucket: ReportBucket.default('month') }).strict().refine(ordered, orderedIssue);
export const TurnaroundQuery = z.object({ microCredentialId: Id.optional(), ...period, bucket: ReportBucket.default('week') }).strict().refine(ordered, orderedIssue);

const Count = z.number().int().min(0);

/** Level agreement over n rating pairs (one pair per item and criterion). */
export const LevelFigures = z.object({
  n: Count,
  exact: Measure,
  adjacent: Measure,
  /** Quadratic weighted kappa with the categories 1..points. */
  qwk: Measure,
  /** Assessor − reference: positive is lenient, negative severe. */
  meanDifference: Measure,
});

export const CriterionFigures = LevelFigures.extend({ criterionId: Id });

/** Counts of (assessor level, reference level): `counts[assessor − 1][reference − 1]`. */
export const ConfusionFigures = z.object({ points: z.union([z.literal(5), z.literal(7)]), n: Count, counts: z.array(z.array(Count)) });

export const Comparison = LevelFigures.extend({
  /** Same decision as the reference, over n items. */
  decision: z.object({ n: Count, agreement: Measure }),
  criteria: z.array(CriterionFigures),
  confusion: ConfusionFigures,
});

/** One bucket of an assessor's agreement with master scores. */
export const DriftPoint = z.object({
  /** "2026-11-30" (the Monday a week starts, UTC) or "2026-11" (a month). */
  bucket: z.string(),
  start: IsoTime,
  n: Count,
  exact: Measure,
  adjacent: Measure,
  /** The policy's calibration measure (exact or adjacent) in this bucket. */
  measure: Measure,
});

export const ReliabilityFlag = z.object({
  kind: z.enum(['below_pass_mark', 'drifting', 'lenient', 'severe']),
  /** What the assessor was compared with: master scores or the other reader. */
  against: z.enum(['master', 'peer']),
  criterionId: Id.optional(),
  /** The figure that tripped it: the measure, the drop below the earlier mean, or the mean difference. */
  value: z.number(),
  threshold: z.number(),
  n: Count,
});

export const AssessorReliability = z.object({
  assessorId: Id,
  displayName: z.string(),
  /** Against master scores: calibration attempt items and validity reads. */
  master: Comparison,
  /** Against the other reader of double-scored submissions. */
  peer: Comparison,
  drift: z.array(DriftPoint),
  flags: z.array(ReliabilityFlag),
});

export const ReliabilityReport = z.object({
  microCredentialId: Id,
  from: IsoTime.nullable(),
  to: IsoTime.nullable(),
  bucket: ReportBucket,
  points: z.union([z.literal(5), z.literal(7)]),
  criteria: z.array(Id),
  /** Each criterion's title in the micro-credential's rubric: staff devices hold no rubric. */
  criterionTitles: z.record(Id, z.string()),
  policy: z.object({ measure: z.enum(['exact', 'adjacent']), passMark: z.number() }),
  thresholds: z.object({ drift: z.number(), driftMinN: Count, bias: z.number(), biasMinN: Count }),
  assessors: z.array(AssessorReliability),
});

/** Submission-to-decision days over n decisions; within the SLA against each decision's own policy. */
export const DurationFigures = z.object({ n: Count, medianDays: Measure, p90Days: Measure, withinSla: Measure });
/** From assignment to its first reported opening (POST /v1/assignments/{id}/opened), in hours. */
export const OpeningFigures = z.object({ n: Count, medianHours: Measure, p90Hours: Measure });

export const OpenWorkItem = z.object({
  assignmentId: Id,
  submissionId: Id,
  microCredentialId: Id,
  assessorId: Id,
  /** The assessor's display name: staff devices hold no user list. */
  assessorName: z.string(),
  role: AssignmentRole,
  state: AssignmentState,
  assignedAt: IsoTime,
  dueAt: IsoTime,
  overdue: z.boolean(),
  /** A resubmission held by its original assessor: reassignable only once its due date has passed. */
  resubmission: z.boolean(),
});

export const TurnaroundReport = z.object({
  from: IsoTime.nullable(),
  to: IsoTime.nullable(),
  bucket: ReportBucket,
  generatedAt: IsoTime,
  byMicroCredential: z.array(z.object({
    microCredentialId: Id, slaDays: z.number().int(), decisions: DurationFigures, firstOpening: OpeningFigures,
    /**
     * The distribution behind the figures: decisions per whole day, the days rounded up (a
     * decision in 6.2 days counts at 7, within an SLA of 7), ascending, empty days left out.
     */
    daysHistogram: z.array(z.object({ days: Count, decisions: z.number().int().min(1) })),
  })),
  byAssessor: z.array(z.object({ assessorId: Id, displayName: z.string(), decisions: DurationFigures, firstOpening: OpeningFigures })),
  byBucket: z.array(z.object({ bucket: z.string(), start: IsoTime, decisions: DurationFigures })),
  /** Open live work overdue or due within 48 hours, soonest due first. */
  openWork: z.array(OpenWorkItem),
});

export const ReassignRequest = z.object({ reason: z.string().trim().min(1).max(1000) }).strict();
/** The new assignment (with another assessor) and the old one, now revoked. */
/** The new assignment and the revoked one, with both assessors' display names by id (staff devices hold no user list). */
export const ReassignResponse = z.object({ assignment: Assignment, previous: Assignment, assessorNames: z.record(Id, z.string()) });

export type ReportBucket = z.infer<typeof ReportBucket>;
export type ReliabilityQuery = z.infer<typeof ReliabilityQuery>;
export type TurnaroundQuery = z.infer<typeof TurnaroundQuery>;
export type LevelFigures = z.infer<typeof LevelFigures>;
export type CriterionFigures = z.infer<typeof CriterionFigures>;
export type ConfusionFigures = z.infer<typeof ConfusionFigures>;
export type Comparison = z.infer<typeof Comparison>;
export type DriftPoint = z.infer<typeof DriftPoint>;
export type ReliabilityFlag = z.infer<typeof ReliabilityFlag>;
export type AssessorReliability = z.infer<typeof AssessorReliability>;
export type ReliabilityReport = z.infer<typeof ReliabilityReport>;
export type DurationFigures = z.infer<typeof DurationFigures>;
export type OpeningFigures = z.infer<typeof OpeningFigures>;
export type OpenWorkItem = z.infer<typeof OpenWorkItem>;
export type TurnaroundReport = z.infer<typeof TurnaroundReport>;
export type ReassignRequest = z.infer<typeof ReassignRequest>;
export type ReassignResponse = z.infer<typeof ReassignResponse>;
