import { useCallback } from 'react';
import * as Plot from '@observablehq/plot';
import type { TurnaroundReport } from '../../../../shared/index.ts';
import { ChartFigure } from '../../components/charts/ChartFigure.tsx';
import { PlotChart } from '../../components/charts/PlotChart.tsx';
import type { Palette } from '../../components/charts/palette.ts';
import { Figure, fixed, share } from '../../components/reports/Figure.tsx';

type Entry = TurnaroundReport['byMicroCredential'][number];
type Props = { entry: Entry; title: string };

const BANDS = ['Within the SLA', 'Beyond the SLA'];

function summaryOf(entry: Entry, title: string): string {
  const d = entry.decisions;
  if (d.n === 0) return `No decisions on ${title} in this period.`;
  const days = entry.daysHistogram.map((b) => b.days);
  const within = d.withinSla.value === null ? '' : `${share(d.withinSla.value)} within the SLA of ${entry.slaDays} days`;
  const median = d.medianDays.value === null ? '' : `, median ${d.medianDays.value.toFixed(1)} days`;
  return `${d.n} decisions on ${title}, taking ${Math.min(...days)} to ${Math.max(...days)} days: ${within}${median}.`;
}

/**
 * The distribution of days to decision for one micro-credential, a bar per whole day (rounded
 * up): cool within the SLA, warm beyond it, the SLA drawn as a rule at its right edge.
 */
export function DaysHistogram({ entry, title }: Props) {
  const draw = useCallback((palette: Palette): Plot.PlotOptions => {
    const data = entry.daysHistogram.map((b) => ({ ...b, band: b.days <= entry.slaDays ? BANDS[0] : BANDS[1] }));
    const last = Math.max(entry.slaDays + 1, ...data.map((b) => b.days));
    // A decision in no time at all is a bar at 0, drawn left of the axis's 0.
    const first = Math.min(0, ...data.map((b) => b.days - 1));
    return {
      width: 640,
      height: 240,
      x: { domain: [first, last], label: 'Days from submission to decision (rounded up) →' },
      y: { grid: true, label: '↑ Decisions' },
      color: { domain: BANDS, range: [palette.cool, palette.warm], legend: true },
      marks: [
        Plot.rectY(data, { x1: (b: { days: number }) => b.days - 1, x2: 'days', y: 'decisions', fill: 'band', insetLeft: 1, insetRight: 1 }),
        Plot.ruleY([0], { stroke: palette.ink }),
        Plot.ruleX([entry.slaDays], { stroke: palette.ink, strokeDasharray: '4,3', strokeWidth: 2 }),
        Plot.text([entry.slaDays], { x: (d: number) => d, frameAnchor: 'top', text: () => `SLA ${entry.slaDays} days`, dx: 6, textAnchor: 'start', fill: palette.ink }),
      ],
    };
  }, [entry]);
  return (
    <ChartFigure
      title={`Days to decision: ${title}`}
      summary={summaryOf(entry, title)}
      chart={<PlotChart draw={draw} testId={`days-histogram-${entry.microCredentialId}`} />}
      table={(
        <table className="data-table">
          <caption>Decisions on {title} by days to decision (SLA {entry.slaDays} days)</caption>
          <thead><tr><th scope="col">Days (rounded up)</th><th scope="col">Decisions</th><th scope="col">Within the SLA</th></tr></thead>
          <tbody>
            {entry.daysHistogram.map((b) => (
              <tr key={b.days}><th scope="row">{b.days}</th><td>{b.decisions}</td><td>{b.days <= entry.slaDays ? 'Yes' : 'No'}</td></tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">All (n = {entry.decisions.n})</th>
              <td>median <Figure measure={entry.decisions.medianDays} format={fixed(1)} />, p90 <Figure measure={entry.decisions.p90Days} format={fixed(1)} /> days</td>
              <td><Figure measure={entry.decisions.withinSla} format={share} /></td>
            </tr>
          </tfoot>
        </table>
      )}
    />
  );
}
