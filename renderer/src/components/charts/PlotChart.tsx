import { useEffect, useRef } from 'react';
import * as Plot from '@observablehq/plot';
import { useColorScheme } from '../../hooks/useColorScheme.ts';
import { PALETTES, type Palette } from './palette.ts';

type Props = {
  /** The chart for a palette; keep it stable (useCallback) so the chart redraws only when its data changes. */
  draw(palette: Palette): Plot.PlotOptions;
  testId: string;
  /** Called with the `data-key` of a clicked mark (see `keyed`): pointer selection; the keyboard path is the table. */
  onPick?(key: string): void;
};

/**
 * One Observable Plot chart, drawn to SVG in the scheme's palette and redrawn when the
 * system switches scheme. The SVG is a picture of the figures beside it: hidden from screen
 * readers, which read the figure's text summary and data table instead.
 */
export function PlotChart({ draw, testId, onPick }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const scheme = useColorScheme();
  useEffect(() => {
    const palette = PALETTES[scheme];
    const options = draw(palette);
    const chart = Plot.plot({ ...options, style: { background: 'transparent', color: palette.ink, fontSize: '13px', overflow: 'visible' } });
    chart.setAttribute('aria-hidden', 'true');
    host.current?.replaceChildren(chart);
    return () => chart.remove();
  }, [draw, scheme]);
  useEffect(() => {
    const element = host.current;
    if (!element || !onPick) return undefined;
    const click = (event: MouseEvent) => {
      const key = (event.target as Element).closest('[data-key]')?.getAttribute('data-key');
      if (key) onPick(key);
    };
    element.addEventListener('click', click);
    return () => element.removeEventListener('click', click);
  }, [onPick]);
  return <div className={onPick ? 'chart chart-pickable' : 'chart'} ref={host} data-testid={testId} />;
}

/**
 * A render transform that writes attributes on each drawn element of a mark (bar, dot, cell)
 * from its datum: `data-key` makes it pickable, others let a test read what a bar shows.
 */
export function keyed<T>(data: readonly T[], attributes: (d: T) => Record<string, string>): Pick<Plot.MarkOptions, 'render'> {
  return {
    render(index, scales, values, dimensions, context, next) {
      const group = next?.(index, scales, values, dimensions, context) ?? null;
      const drawn = group ? [...group.children].filter((e) => e.tagName !== 'title') : [];
      drawn.forEach((element, i) => {
        const datum = data[index[i] as number];
        if (datum === undefined) return;
        for (const [name, value] of Object.entries(attributes(datum))) element.setAttribute(name, value);
      });
      return group;
    },
  };
}
