import { useEffect, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { DecisionSummary } from '../../../../shared/index.ts';
import { useRowKeys } from '../../hooks/useRowKeys.ts';
import { formatDateTime } from '../../format.ts';
import { BASIS_LABELS, DECISION_LABELS } from './DecisionFilters.tsx';

type Props = {
  rows: readonly DecisionSummary[];
  /** Asked for when the last rows come into view and the hub has more. */
  onNearEnd(): void;
  onOpen(submissionId: string): void;
};

const ROW_HEIGHT = 44;
/** How close to the last loaded row scrolling gets before the next page is asked for. */
const PAGE_IN_MARGIN = 20;
const COLUMNS = ['Candidate', 'Micro-credential', 'Attempt', 'Decision', 'Basis', 'Decided', 'Assessors', 'Rubric'];

/**
 * Final decisions as an ARIA table, virtualised like the queue: only the rows in view are
 * in the DOM, so a hundred thousand decisions page in without slowing. ↑/↓/Home/End move
 * between rows, Enter opens the decision.
 */
export function DecisionsTable({ rows, onNearEnd, onOpen }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const visible = virtualizer.getVirtualItems();
  const lastVisible = visible.at(-1)?.index ?? -1;

  useEffect(() => {
    if (lastVisible >= 0 && lastVisible >= rows.length - PAGE_IN_MARGIN) onNearEnd();
  }, [lastVisible, rows.length, onNearEnd]);

  const onKeyDown = useRowKeys(virtualizer, scroller, rows.length);

  return (
    <div role="table" aria-label="Decisions" aria-rowcount={rows.length + 1} className="queue-table decisions-table">
      <div role="rowgroup" className="queue-head">
        <div role="row" aria-rowindex={1} className="queue-row decisions-row">
          {COLUMNS.map((c) => <div key={c} role="columnheader">{c}</div>)}
        </div>
      </div>
      <div role="rowgroup" ref={scroller} className="queue-body" onKeyDown={onKeyDown} data-testid="decisions-scroller">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="presentation">
          {visible.map((v) => {
            const d = rows[v.index] as DecisionSummary;
            return (
              <div
                key={d.submissionId}
                role="row"
                aria-rowindex={v.index + 2}
                data-index={v.index}
                className="queue-row decisions-row"
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
              >
                <div role="cell">
                  <button type="button" className="row-open" data-submission={d.submissionId} aria-label={`Open the decision on ${d.candidateRef}, attempt ${d.attempt}`} onClick={() => onOpen(d.submissionId)}>
                    {d.candidateRef}
                  </button>
                </div>
                <div role="cell">{d.microCredentialId}</div>
                <div role="cell">{d.attempt}</div>
                <div role="cell"><span className={`badge badge-${d.decision}`}>{DECISION_LABELS[d.decision]}</span></div>
                <div role="cell">{BASIS_LABELS[d.basis]}</div>
                <div role="cell">{formatDateTime(d.decidedAt)}</div>
                <div role="cell">{d.assessorIds.join(', ')}</div>
                <div role="cell">{d.rubricId} v{d.rubricVersion}</div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
