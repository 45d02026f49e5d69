import type { AssessorReliability, ReliabilityFlag, ReliabilityReport } from '../../../../shared/index.ts';
import { share, signed, type ReportMeasure } from '../../components/reports/Figure.tsx';

/** Which reference the severity chart and the confusion matrix compare with. */
export type Against = 'master' | 'peer';

export const AGAINST_LABEL: Record<Against, string> = { master: 'master scores', peer: 'the other reader' };

/** The assessors the charts show: the selected one alone, or everyone. */
export const shown = (report: ReliabilityReport, selected: string | null): AssessorReliability[] =>
  (selected === null ? report.assessors : report.assessors.filter((a) => a.assessorId === selected));

/** A flag in words, with the figure that tripped it and its n. */
export function flagText(flag: ReliabilityFlag, criterion: (id: string) => string): string {
  const against = flag.against === 'master' ? 'vs master' : 'vs other reader';
  switch (flag.kind) {
    case 'below_pass_mark':
      return `Below the pass mark (${share(flag.value)} < ${share(flag.threshold)}, n = ${flag.n}, ${against})`;
    case 'drifting':
      return `Drifting (${flag.value.toFixed(2)} below own earlier mean, n = ${flag.n}, ${against})`;
    default:
      return `${flag.kind === 'lenient' ? 'Lenient' : 'Severe'} on ${criterion(flag.criterionId ?? '')} (${signed(flag.value)} levels, n = ${flag.n}, ${against})`;
  }
}

export type DriftRow = { assessorId: string; name: string; bucket: string; start: Date; n: number; measure: ReportMeasure; value: number | null };

/** One row per assessor and bucket of agreement with master scores (the policy's measure). */
export const driftRows = (assessors: readonly AssessorReliability[]): DriftRow[] => assessors.flatMap((a) => a.drift.map((p) => ({
  assessorId: a.assessorId, name: a.displayName, bucket: p.bucket, start: new Date(p.start), n: p.n, measure: p.measure, value: p.measure.value,
})));

export type SeverityRow = { assessorId: string; name: string; criterionId: string; n: number; measure: ReportMeasure; value: number | null };

/** Mean signed difference (assessor − reference) per assessor and criterion. */
export const severityRows = (assessors: readonly AssessorReliability[], against: Against): SeverityRow[] => assessors.flatMap((a) => a[against].criteria.map((c) => ({
  assessorId: a.assessorId, name: a.displayName, criterionId: c.criterionId, n: c.n, measure: c.meanDifference, value: c.meanDifference.value,
})));

export type ConfusionCell = { assessorLevel: number; referenceLevel: number; count: number };

/** The confusion matrices of the assessors shown, summed: every (assessor level, reference level) cell, zeros too. */
export function confusionCells(assessors: readonly AssessorReliability[], against: Against, points: number): ConfusionCell[] {
  const cells: ConfusionCell[] = [];
  for (let i = 1; i <= points; i++) {
    for (let j = 1; j <= points; j++) {
      const count = assessors.reduce((sum, a) => sum + (a[against].confusion.counts[i - 1]?.[j - 1] ?? 0), 0);
      cells.push({ assessorLevel: i, referenceLevel: j, count });
    }
  }
  return cells;
}

/** Assessors with any flag get a colour of their own in the agreement chart. */
export const flagged = (a: AssessorReliability) => a.flags.length > 0;
