import { useId, type ReactNode } from 'react';

type Props = { title: string; summary: string; chart: ReactNode; table: ReactNode; testId?: string };

/**
 * A chart with what a screen-reader user gets instead of the picture: a title, a one- or
 * two-sentence summary (its caption) and the figures as a data table behind a disclosure,
 * reachable by keyboard (Tab to "Data table", Enter opens it).
 */
export function ChartFigure({ title, summary, chart, table, testId }: Props) {
  const titleId = useId();
  return (
    <figure className="chart-figure" aria-labelledby={titleId} data-testid={testId}>
      <h3 id={titleId}>{title}</h3>
      {chart}
      <figcaption>{summary}</figcaption>
      <details className="chart-data">
        <summary>Data table</summary>
        {table}
      </details>
    </figure>
  );
}
