import { useCallback } from 'react';
import * as Plot from '@observablehq/plot';
import type { TurnaroundReport } from '../../../../shared/index.ts';
import { ChartFigure } from '../../components/charts/ChartFigure.tsx';
import { PlotChart } from '../../components/charts/PlotChart.tsx';
import type { Palette } from '../../components/charts/palette.ts';
import { Figure, fixed, share } from '../../components/reports/Figure.tsx';

type Props = { report: TurnaroundReport; /** The SLA to draw, when every micro-credential shown has the same one. */ slaDays: number | null };

const SERIES = ['Median', '90th percentile'];
type Point = { start: Date; value: number; series: string };

const values = (report: TurnaroundReport, pick: (d: TurnaroundReport['byBucket'][number]['decisions']) => number | null) =>
  report.byBucket.flatMap((b) => { const v = pick(b.decisions); return v === null ? [] : [v]; });

function trendSummary(report: TurnaroundReport, slaDays: number | null): string {
  const per = report.bucket;
  const p90 = values(report, (d) => d.p90Days.value);
  if (p90.length === 0) return `No decisions in this period, so there is no ${per}ly trend.`;
  const over = slaDays === null ? [] : report.byBucket.filter((b) => (b.decisions.p90Days.value ?? 0) > slaDays).map((b) => b.bucket);
  return `Median and 90th-percentile days to decision per ${per} over ${report.byBucket.length} ${per}s; the 90th percentile ranges from ${Math.min(...p90).toFixed(1)} to ${Math.max(...p90).toFixed(1)} days.`
    + (slaDays === null ? '' : over.length === 0 ? ` It stays within the SLA of ${slaDays} days.` : ` It is beyond the SLA of ${slaDays} days in ${over.length} ${per}${over.length === 1 ? '' : 's'}: ${over.join(', ')}.`);
}

function shareSummary(report: TurnaroundReport): string {
  const shares = values(report, (d) => d.withinSla.value);
  if (shares.length === 0) return 'No decisions in this period.';
  const worst = report.byBucket.reduce((w, b) => ((b.decisions.withinSla.value ?? 1) < (w.decisions.withinSla.value ?? 1) ? b : w));
  return `The share of decisions within the SLA per ${report.bucket} ranges from ${share(Math.min(...shares))} to ${share(Math.max(...shares))}; the lowest is ${worst.bucket}.`;
}

/** The trend per bucket: median and p90 days to decision with the SLA drawn, and the share decided within it. */
export function Trend({ report, slaDays }: Props) {
  const drawDays = useCallback((palette: Palette): Plot.PlotOptions => {
    const points: Point[] = report.byBucket.flatMap((b) => [
      ...(b.decisions.medianDays.value === null ? [] : [{ start: new Date(b.start), value: b.decisions.medianDays.value, series: SERIES[0] as string }]),
      ...(b.decisions.p90Days.value === null ? [] : [{ start: new Date(b.start), value: b.decisions.p90Days.value, series: SERIES[1] as string }]),
    ]);
    const median = points.filter((p) => p.series === SERIES[0]);
    const p90 = points.filter((p) => p.series === SERIES[1]);
    return {
      width: 720,
      height: 260,
      x: { type: 'utc', label: null },
      y: { grid: true, label: '↑ Days to decision', zero: true },
      color: { domain: SERIES, range: [palette.cool, palette.warm], legend: true },
      marks: [
        Plot.lineY(median, { x: 'start', y: 'value', stroke: 'series', strokeWidth: 2 }),
        Plot.lineY(p90, { x: 'start', y: 'value', stroke: 'series', strokeWidth: 2, strokeDasharray: '6,3' }),
        Plot.dot(points, { x: 'start', y: 'value', fill: 'series', symbol: (p: Point) => (p.series === SERIES[0] ? 'circle' : 'square'), r: 3 }),
        ...(slaDays === null ? [] : [Plot.ruleY([slaDays], { stroke: palette.ink, strokeDasharray: '4,3', strokeWidth: 2 }),
          Plot.text([slaDays], { y: (d: number) => d, frameAnchor: 'right', text: () => `SLA ${slaDays} days`, dy: -8, textAnchor: 'end', fill: palette.ink })]),
      ],
    };
  }, [report, slaDays]);
  const drawShare = useCallback((palette: Palette): Plot.PlotOptions => {
    const points = report.byBucket.flatMap((b) => (b.decisions.withinSla.value === null ? [] : [{ start: new Date(b.start), value: b.decisions.withinSla.value }]));
    return {
      width: 720,
      height: 200,
      x: { type: 'utc', label: null },
      y: { domain: [0, 1], tickFormat: '.0%', grid: true, label: '↑ Within the SLA' },
      marks: [Plot.lineY(points, { x: 'start', y: 'value', stroke: palette.cool, strokeWidth: 2 }), Plot.dot(points, { x: 'start', y: 'value', fill: palette.cool, r: 3 })],
    };
  }, [report]);
  const table = (
    <table className="data-table">
      <caption>Days to decision per {report.bucket}</caption>
      <thead><tr><th scope="col">{report.bucket === 'week' ? 'Week of' : 'Month'}</th><th scope="col">Decisions</th><th scope="col">Median days</th><th scope="col">p90 days</th><th scope="col">Within the SLA</th></tr></thead>
      <tbody>
        {report.byBucket.map((b) => (
          <tr key={b.bucket}>
            <th scope="row">{b.bucket}</th><td>{b.decisions.n}</td><td><Figure measure={b.decisions.medianDays} format={fixed(1)} /></td>
            <td><Figure measure={b.decisions.p90Days} format={fixed(1)} /></td><td><Figure measure={b.decisions.withinSla} format={share} /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <>
      <ChartFigure title={`Days to decision per ${report.bucket}`} summary={trendSummary(report, slaDays)} chart={<PlotChart draw={drawDays} testId="trend-days" />} table={table} />
      <ChartFigure title={`Share within the SLA per ${report.bucket}`} summary={shareSummary(report)} chart={<PlotChart draw={drawShare} testId="trend-share" />} table={table} />
    </>
  );
}
