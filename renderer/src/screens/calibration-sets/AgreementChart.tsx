import { useCallback } from 'react';
import * as Plot from '@observablehq/plot';
import { PlotChart } from '../../components/charts/PlotChart.tsx';
import type { Palette } from '../../components/charts/palette.ts';
import type { CriterionAgreement } from './agreement.ts';

type Props = { rows: readonly CriterionAgreement[]; passMark: number; title(criterionId: string): string };

const BANDS = ['At or above the pass mark', 'Below the pass mark'];

/**
 * A small bar chart of mean agreement per criterion with the pass mark as a rule: cool at or
 * above it, warm below. A picture of the table next to it (see
 * PlotChart).
 */
export function AgreementChart({ rows, passMark, title }: Props) {
  const draw = useCallback((palette: Palette): Plot.PlotOptions => {
    const data = rows.filter((r) => r.mean !== null).map((r) => ({
      criterion: title(r.criterionId), mean: r.mean as number, band: (r.mean as number) >= passMark ? BANDS[0] : BANDS[1],
    }));
    return {
      width: 520,
      height: 40 + data.length * 34,
      marginLeft: 180,
      x: { domain: [0, 1], label: 'Mean agreement with the master', tickFormat: '.0%', grid: true },
      y: { label: null },
      color: { domain: BANDS, range: [palette.cool, palette.warm], legend: true },
      marks: [
        Plot.barX(data, { x: 'mean', y: 'criterion', fill: 'band' }),
        Plot.ruleX([passMark], { stroke: palette.ink, strokeDasharray: '4,3', strokeWidth: 2 }),
        Plot.text(data, { x: 'mean', y: 'criterion', text: (d: { mean: number }) => `${Math.round(d.mean * 100)}%`, dx: 18, fill: palette.ink }),
      ],
    };
  }, [rows, passMark, title]);
  return <PlotChart draw={draw} testId="agreement-chart" />;
}
