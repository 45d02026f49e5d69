import { useCallback } from 'react';
import * as Plot from '@observablehq/plot';
import type { AssessorReliability } from '../../../../shared/index.ts';
import { ChartFigure } from '../../components/charts/ChartFigure.tsx';
import { PlotChart } from '../../components/charts/PlotChart.tsx';
import type { Palette } from '../../components/charts/palette.ts';
import { share } from '../../components/reports/Figure.tsx';
import { AGAINST_LABEL, confusionCells, type Against, type ConfusionCell } from './reliability-data.ts';

type Props = { assessors: readonly AssessorReliability[]; against: Against; points: number };

const levelsOf = (points: number) => Array.from({ length: points }, (_, i) => i + 1);

const REFERENCE_AXIS: Record<Against, string> = { master: 'Master level', peer: 'Other reader’s level' };

function summaryOf(cells: readonly ConfusionCell[], against: Against, who: string): string {
  const total = cells.reduce((s, c) => s + c.count, 0);
  if (total === 0) return `No ratings of ${who} to compare with ${AGAINST_LABEL[against]} in this period.`;
  const sum = (keep: (c: ConfusionCell) => boolean) => cells.filter(keep).reduce((s, c) => s + c.count, 0);
  const same = sum((c) => c.assessorLevel === c.referenceLevel);
  const higher = sum((c) => c.assessorLevel > c.referenceLevel);
  return `${total} ratings of ${who} against ${AGAINST_LABEL[against]}: ${same} (${share(same / total)}) on the same level, `
    + `${higher} higher than the reference and ${total - same - higher} lower.`;
}

/** The confusion matrix of assessor level against the reference's, as a heatmap with the count in each cell. */
export function ConfusionHeatmap({ assessors, against, points }: Props) {
  const cells = confusionCells(assessors, against, points);
  const who = assessors.length === 1 ? (assessors[0] as AssessorReliability).displayName : `all ${assessors.length} assessors`;
  const levels = levelsOf(points);
  const draw = useCallback((palette: Palette): Plot.PlotOptions => {
    const axis = levelsOf(points);
    const data = confusionCells(assessors, against, points);
    const max = Math.max(1, ...data.map((c) => c.count));
    return {
      width: 80 + points * 52,
      height: 80 + points * 44,
      marginLeft: 60,
      padding: 0.05,
      x: { domain: axis, label: REFERENCE_AXIS[against], axis: 'top' },
      y: { domain: [...axis].reverse(), label: 'Assessor level' },
      color: { type: 'linear', domain: [0, max], range: [palette.heatLow, palette.heatHigh] },
      marks: [
        Plot.cell(data, { x: 'referenceLevel', y: 'assessorLevel', fill: 'count', stroke: palette.other, strokeOpacity: 0.3 }),
        Plot.text(data, { x: 'referenceLevel', y: 'assessorLevel', text: 'count', fill: (c: ConfusionCell) => (c.count / max > 0.55 ? palette.heatInk : palette.ink) }),
      ],
    };
  }, [assessors, against, points]);
  const count = (i: number, j: number) => cells.find((c) => c.assessorLevel === i && c.referenceLevel === j)?.count ?? 0;
  return (
    <ChartFigure
      title={`Confusion matrix against ${AGAINST_LABEL[against]}`}
      summary={summaryOf(cells, against, who)}
      chart={<PlotChart draw={draw} testId="confusion-heatmap" />}
      table={(
        <table className="data-table" data-testid="confusion-table">
          <caption>Ratings of {who} by assessor level (rows) and {REFERENCE_AXIS[against].toLowerCase()} (columns)</caption>
          <thead><tr><td />{levels.map((j) => <th key={j} scope="col">{REFERENCE_AXIS[against]} {j}</th>)}</tr></thead>
          <tbody>
            {[...levels].reverse().map((i) => (
              <tr key={i}><th scope="row">Assessor level {i}</th>{levels.map((j) => <td key={j}>{count(i, j)}</td>)}</tr>
            ))}
          </tbody>
        </table>
      )}
    />
  );
}
