import { useCallback } from 'react';
import * as Plot from '@observablehq/plot';
import type { AssessorReliability, ReliabilityReport } from '../../../../shared/index.ts';
import { ChartFigure } from '../../components/charts/ChartFigure.tsx';
import { keyed, PlotChart } from '../../components/charts/PlotChart.tsx';
import type { Palette } from '../../components/charts/palette.ts';
import { Figure, signed } from '../../components/reports/Figure.tsx';
import { AGAINST_LABEL, severityRows, type Against, type SeverityRow } from './reliability-data.ts';

type Props = {
  report: ReliabilityReport;
  assessors: readonly AssessorReliability[];
  against: Against;
  criterion(id: string): string;
  onPick(assessorId: string): void;
};

function summaryOf(report: ReliabilityReport, rows: readonly SeverityRow[], assessors: readonly AssessorReliability[], against: Against, criterion: (id: string) => string): string {
  const values = rows.flatMap((r) => (r.value === null ? [] : [r.value]));
  const head = `Mean difference from ${AGAINST_LABEL[against]} per criterion for ${assessors.length} assessor${assessors.length === 1 ? '' : 's'}; positive is lenient, negative severe.`;
  if (values.length === 0) return `${head} There are no ratings to compare in this period.`;
  const biased = assessors.flatMap((a) => a.flags.filter((f) => f.against === against && (f.kind === 'lenient' || f.kind === 'severe'))
    .map((f) => `${a.displayName} ${f.kind} on ${criterion(f.criterionId ?? '')} (${signed(f.value)}, n = ${f.n})`));
  return `${head} Differences range from ${signed(Math.min(...values))} to ${signed(Math.max(...values))} levels. `
    + (biased.length === 0
      ? `No assessor is lenient or severe by ${report.thresholds.bias} levels or more over at least ${report.thresholds.biasMinN} ratings.`
      : `Flagged at ${report.thresholds.bias} levels or more over at least ${report.thresholds.biasMinN} ratings: ${biased.join('; ')}.`);
}

/**
 * Severity by criterion: a diverging bar per assessor and criterion, 0 in the middle, lenient
 * (warm) to the right and severe (cool) to the left; bars past the flag threshold are solid,
 * the others faded, and the threshold is drawn on both sides.
 */
export function SeverityChart({ report, assessors, against, criterion, onPick }: Props) {
  const rows = severityRows(assessors, against);
  const draw = useCallback((palette: Palette): Plot.PlotOptions => {
    const bars = severityRows(assessors, against).filter((r): r is SeverityRow & { value: number } => r.value !== null)
      .map((r) => ({ ...r, criterion: criterion(r.criterionId) }));
    const bias = report.thresholds.bias;
    const reach = Math.max(1, ...bars.map((b) => Math.abs(b.value)));
    const names = [...new Set(assessors.map((a) => a.displayName))];
    return {
      width: Math.max(520, 170 + report.criteria.length * 170),
      height: 70 + names.length * 20,
      marginLeft: 160,
      // Ticks inside the ends, so neighbouring criteria's labels do not run into each other.
      x: { domain: [-reach, reach], ticks: [-reach / 2, 0, reach / 2], label: '← severe · levels · lenient →', labelAnchor: 'center', tickFormat: '+.1f' },
      y: { domain: names, label: null },
      fx: { domain: report.criteria.map(criterion), label: null, padding: 0.12 },
      marks: [
        Plot.frame({ stroke: palette.other, strokeOpacity: 0.4 }),
        Plot.barX(bars, {
          x: 'value', y: 'name', fx: 'criterion',
          fill: (d: SeverityRow & { value: number }) => (d.value >= 0 ? palette.warm : palette.cool),
          fillOpacity: (d: SeverityRow & { value: number }) => (Math.abs(d.value) >= bias ? 1 : 0.45),
          ...keyed(bars, (d) => ({ 'data-key': d.assessorId, 'data-criterion': d.criterionId, 'data-value': signed(d.value) })),
        }),
        Plot.ruleX([0], { stroke: palette.ink }),
        Plot.ruleX([-bias, bias], { stroke: palette.ink, strokeDasharray: '3,3', strokeOpacity: 0.7 }),
      ],
    };
  }, [assessors, against, criterion, report]);
  return (
    <ChartFigure
      title="Severity by criterion"
      testId="severity-figure"
      summary={summaryOf(report, rows, assessors, against, criterion)}
      chart={<PlotChart draw={draw} testId="severity-chart" onPick={onPick} />}
      table={(
        <table className="data-table" data-testid="severity-table">
          <caption>Mean difference from {AGAINST_LABEL[against]} per assessor and criterion (levels; positive is lenient)</caption>
          <thead><tr><th scope="col">Assessor</th><th scope="col">Criterion</th><th scope="col">n</th><th scope="col">Mean difference</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.assessorId} ${r.criterionId}`}>
                <th scope="row">{r.name}</th><td>{criterion(r.criterionId)}</td><td>{r.n}</td><td><Figure measure={r.measure} format={signed} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    />
  );
}
