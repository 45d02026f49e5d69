import { useEffect, useRef } from 'react';
import * as Plot from '@observablehq/plot';
import { useColorScheme } from '../../hooks/useColorScheme.ts';
import type { CriterionAgreement } from './agreement.ts';

type Props = { rows: readonly CriterionAgreement[]; passMark: number; title(criterionId: string): string };

/**
 * Okabe–Ito colours, told apart with the common colour-vision deficiencies, in a shade per
 * scheme that keeps 3:1 against the page: blue at or above the pass mark, vermillion below.
 */
const PALETTES = {
  light: { pass: '#0072B2', below: '#B34700', ink: '#1b1f24' },
  dark: { pass: '#56B4E9', below: '#E69F00', ink: '#e7eaee' },
} as const;

/**
 * A small bar chart of mean agreement per criterion with the pass mark as a rule. It is a
 * picture of the table next to it: hidden from screen readers, which read the figure's
 * caption (a text summary) and the table instead.
 */
export function AgreementChart({ rows, passMark, title }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const scheme = useColorScheme();
  useEffect(() => {
    const palette = PALETTES[scheme];
    const data = rows.filter((r) => r.mean !== null).map((r) => ({
      criterion: title(r.criterionId), mean: r.mean as number, band: (r.mean as number) >= passMark ? 'At or above the pass mark' : 'Below the pass mark',
    }));
    const chart = Plot.plot({
      width: 520,
      height: 40 + data.length * 34,
      marginLeft: 180,
      style: { background: 'transparent', color: palette.ink, fontSize: '13px' },
      x: { domain: [0, 1], label: 'Mean agreement with the master', tickFormat: '.0%', grid: true },
      y: { label: null },
      color: { domain: ['At or above the pass mark', 'Below the pass mark'], range: [palette.pass, palette.below], legend: true },
      marks: [
        Plot.barX(data, { x: 'mean', y: 'criterion', fill: 'band' }),
        Plot.ruleX([passMark], { stroke: palette.ink, strokeDasharray: '4,3', strokeWidth: 2 }),
        Plot.text(data, { x: 'mean', y: 'criterion', text: (d: { mean: number }) => `${Math.round(d.mean * 100)}%`, dx: 18, fill: palette.ink }),
      ],
    });
    chart.setAttribute('aria-hidden', 'true');
    host.current?.replaceChildren(chart);
    return () => chart.remove();
  }, [rows, passMark, title, scheme]);
  return <div className="chart" ref={host} data-testid="agreement-chart" />;
}
