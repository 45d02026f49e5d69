import { useCallback } from 'react';
import * as Plot from '@observablehq/plot';
import type { AssessorReliability, ReliabilityReport } from '../../../../shared/index.ts';
import { ChartFigure } from '../../components/charts/ChartFigure.tsx';
import { keyed, PlotChart } from '../../components/charts/PlotChart.tsx';
import type { Palette } from '../../components/charts/palette.ts';
import { Figure, share } from '../../components/reports/Figure.tsx';
import { driftRows, flagged, type DriftRow } from './reliability-data.ts';

type Props = { report: ReliabilityReport; assessors: readonly AssessorReliability[]; selected: string | null; onPick(assessorId: string): void };

/**
 * Which lines get a colour: the selected assessor and the flagged ones, each its own hue,
 * dashed once the hues run out; every other line is grey, so fifty lines stay readable.
 */
function lineStyles(assessors: readonly AssessorReliability[], selected: string | null, palette: Palette) {
  const highlighted = assessors.filter((a) => a.assessorId === selected || flagged(a)).map((a) => a.assessorId);
  const styles = new Map(highlighted.map((id, i) => [id, { stroke: palette.series[i % palette.series.length] as string, dashed: i >= palette.series.length, highlighted: true }]));
  const grey = { stroke: palette.other, dashed: false, highlighted: false };
  return (id: string) => styles.get(id) ?? grey;
}

function summaryOf(report: ReliabilityReport, rows: readonly DriftRow[], assessors: readonly AssessorReliability[]): string {
  const values = rows.flatMap((r) => (r.value === null ? [] : [r.value]));
  const measure = report.policy.measure;
  const head = `${measure === 'exact' ? 'Exact' : 'Adjacent'} agreement with master scores per ${report.bucket} for ${assessors.length} assessor${assessors.length === 1 ? '' : 's'}, against a pass mark of ${share(report.policy.passMark)}.`;
  if (values.length === 0) return `${head} No bucket has master-scored ratings in this period.`;
  const below = assessors.filter((a) => a.flags.some((f) => f.kind === 'below_pass_mark')).map((a) => a.displayName);
  const drifting = assessors.filter((a) => a.flags.some((f) => f.kind === 'drifting')).map((a) => a.displayName);
  return `${head} Values range from ${share(Math.min(...values))} to ${share(Math.max(...values))}. `
    + (below.length === 0 ? 'No assessor is below the pass mark. ' : `Below the pass mark: ${below.join(', ')}. `)
    + (drifting.length === 0 ? 'No assessor is drifting.' : `Drifting: ${drifting.join(', ')}.`);
}

/** Agreement with master scores over time, a line per assessor, the pass mark drawn as a rule. */
export function AgreementOverTime({ report, assessors, selected, onPick }: Props) {
  const rows = driftRows(assessors);
  const draw = useCallback((palette: Palette): Plot.PlotOptions => {
    const styleOf = lineStyles(assessors, selected, palette);
    const points = driftRows(assessors).filter((r): r is DriftRow & { value: number } => r.value !== null);
    const grey = points.filter((p) => !styleOf(p.assessorId).highlighted);
    const solid = points.filter((p) => styleOf(p.assessorId).highlighted && !styleOf(p.assessorId).dashed);
    const dashed = points.filter((p) => styleOf(p.assessorId).dashed);
    const last = [...new Map(points.filter((p) => styleOf(p.assessorId).highlighted).map((p) => [p.assessorId, p])).values()];
    const line = { x: 'start', y: 'value', z: 'assessorId', stroke: (d: DriftRow) => styleOf(d.assessorId).stroke, strokeWidth: 2 };
    return {
      width: 760,
      height: 320,
      marginRight: 140,
      x: { type: 'utc', label: null },
      y: { domain: [0, 1], tickFormat: '.0%', grid: true, label: `${report.policy.measure === 'exact' ? 'Exact' : 'Adjacent'} agreement with master` },
      marks: [
        Plot.lineY(grey, { ...line, strokeWidth: 1.5 }),
        Plot.lineY(solid, line),
        Plot.lineY(dashed, { ...line, strokeDasharray: '6,3' }),
        Plot.ruleY([report.policy.passMark], { stroke: palette.ink, strokeDasharray: '4,3', strokeWidth: 2 }),
        Plot.dot(points, { x: 'start', y: 'value', r: 4, fill: (d: DriftRow) => styleOf(d.assessorId).stroke, ...keyed(points, (d) => ({ 'data-key': d.assessorId })) }),
        Plot.text(last, { x: 'start', y: 'value', text: 'name', dx: 8, textAnchor: 'start', fill: palette.ink }),
      ],
    };
  }, [assessors, selected, report]);
  return (
    <ChartFigure
      title="Agreement over time"
      summary={summaryOf(report, rows, assessors)}
      chart={<PlotChart draw={draw} testId="agreement-over-time" onPick={onPick} />}
      table={(
        <table className="data-table" data-testid="agreement-over-time-table">
          <caption>Agreement with master scores per {report.bucket}</caption>
          <thead><tr><th scope="col">Assessor</th><th scope="col">{report.bucket === 'week' ? 'Week of' : 'Month'}</th><th scope="col">n</th><th scope="col">Agreement</th></tr></thead>
          <tbody>
            {rows.map((r) => (
              <tr key={`${r.assessorId} ${r.bucket}`}>
                <th scope="row">{r.name}</th><td>{r.bucket}</td><td>{r.n}</td><td><Figure measure={r.measure} format={share} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    />
  );
}
