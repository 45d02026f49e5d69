import { useId, useState, type ReactNode } from 'react';

type Props = { title: string; summary: string; chart: ReactNode; table: ReactNode; testId?: string };

/**
 * A chart with what a screen-reader user gets instead of the picture: a title, a one- or
 * two-sentence summary (its caption) and the figures as a data table behind a disclosure,
 * reachable by keyboard (Tab to "Data table", Enter opens it). The table is rendered once
 * opened: closed, it is not reachable anyway, and fifty assessors × 24 buckets are 1,200 rows.
 */
export function ChartFigure({ title, summary, chart, table, testId }: Props) {
  const titleId = useId();
  const [open, setOpen] = useState(false);
  return (
    <figure className="chart-figure" aria-labelledby={titleId} data-testid={testId}>
      <h3 id={titleId}>{title}</h3>
      {chart}
      <figcaption>{summary}</figcaption>
      <details className="chart-data" onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>Data table</summary>
        {open && table}
      </details>
    </figure>
  );
}
