import * as Plot from '@observablehq/plot';
import { keyed } from './PlotChart.tsx';

type Row = { key: string; at: Date; value: number; group: string; count: number };

const ROWS: readonly Row[] = [0, 1, 2].flatMap((i) => [0, 1, 2].map((j) => ({
  key: `k${i}`, at: new Date(Date.UTC(2026, j, 1)), value: (i + j) / 4 - 0.5, group: `g${j}`, count: i * 3 + j,
})));
const colour = (r: Row) => (r.value >= 0 ? '#B34700' : '#0072B2');

/** One small chart per kind the report screens draw: the same marks, scales and channels. */
const CHARTS: readonly (() => Plot.PlotOptions)[] = [
  () => ({
    x: { type: 'utc' }, y: { domain: [-1, 1], tickFormat: '.0%', grid: true },
    marks: [
      Plot.lineY(ROWS, { x: 'at', y: 'value', z: 'key', stroke: colour, strokeDasharray: '6,3' }),
      Plot.ruleY([0], { strokeDasharray: '4,3' }),
      Plot.dot(ROWS, { x: 'at', y: 'value', r: 4, fill: colour, ...keyed(ROWS, (r) => ({ 'data-key': r.key })) }),
      Plot.text(ROWS, { x: 'at', y: 'value', text: 'key', dx: 8, textAnchor: 'start' }),
    ],
  }),
  () => ({
    fx: { label: null, padding: 0.12 }, x: { ticks: [-0.5, 0, 0.5], tickFormat: '+.1f' },
    marks: [
      Plot.frame({ strokeOpacity: 0.4 }),
      Plot.barX(ROWS, { x: 'value', y: 'key', fx: 'group', fill: colour, fillOpacity: (r: Row) => (Math.abs(r.value) >= 0.5 ? 1 : 0.45), ...keyed(ROWS, (r) => ({ 'data-key': r.key })) }),
      Plot.ruleX([-0.5, 0, 0.5]),
    ],
  }),
  () => ({
    padding: 0.05, x: { axis: 'top' }, color: { type: 'linear', domain: [0, 8], range: ['#ffffff', '#0072B2'] },
    marks: [Plot.cell(ROWS, { x: 'group', y: 'key', fill: 'count' }), Plot.text(ROWS, { x: 'group', y: 'key', text: 'count' })],
  }),
  () => ({
    y: { grid: true }, color: { domain: ['a', 'b'], range: ['#0072B2', '#B34700'], legend: true },
    marks: [
      Plot.rectY(ROWS, { x1: (r: Row) => r.count - 1, x2: 'count', y: 'value', fill: (r: Row) => (r.count < 4 ? 'a' : 'b'), insetLeft: 1 }),
      Plot.text([4], { x: (d: number) => d, frameAnchor: 'top', text: () => 'SLA' }),
    ],
  }),
];

let warmed = false;

/**
 * Draws each kind of report chart once, small and off the page, while the browser is idle:
 * V8 compiles Observable Plot's and d3's code on first use, and that compiling and the first
 * slow runs were most of what a first visit to Reliability cost beyond later visits
 * (docs/ARCHITECTURE.md, "ui"). One chart per idle period, so no task runs long.
 */
export function prewarmCharts(): void {
  if (warmed) return;
  warmed = true;
  const idle = (run: () => void) => (typeof requestIdleCallback === 'function' ? requestIdleCallback(run, { timeout: 5000 }) : setTimeout(run, 200));
  const next = (i: number) => {
    const chart = CHARTS[i];
    if (!chart) return;
    idle(() => {
      Plot.plot(chart());
      next(i + 1);
    });
  };
  next(0);
}
