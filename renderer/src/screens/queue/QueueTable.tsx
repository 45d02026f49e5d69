import { useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { AssignmentRole, QueueItem } from '../../../../shared/index.ts';
import { ROLE_LABELS } from '../../components/review/role-label.ts';
import { useRowKeys } from '../../hooks/useRowKeys.ts';
import { formatDate, percent } from '../../format.ts';
import { REVIEW_STATUS_LABELS } from './QueueFilters.tsx';

type Props = {
  items: readonly QueueItem[];
  /** Opens a row's work; the role says which workspace (a review, an adjudication, a consensus task). */
  onOpen(assignmentId: string, role: AssignmentRole): void;
  /** Where a locked row's "Calibrate" link goes; without it the row only says why it is locked. */
  onCalibrate?: () => void;
};

const ROW_HEIGHT = 52;
const COLUMNS = ['Candidate', 'Micro-credential', 'Attempt', 'Due', 'Download', 'Review'];

const isOpenWork = (item: QueueItem) =>
  (item.assignmentState === 'assigned' || item.assignmentState === 'in_progress') && (item.reviewStatus === 'new' || item.reviewStatus === 'draft');

function DownloadCell({ item }: { item: QueueItem }) {
  const { state, bytesDone, bytesTotal } = item.download;
  // Finished work is not downloaded (and is purged after the retention period).
  if (state !== 'complete' && !isOpenWork(item)) return <span className="cell-note">Not on this device</span>;
  const pct = state === 'complete' ? 100 : percent(bytesDone, bytesTotal);
  const text = state === 'complete' ? 'Downloaded' : state === 'error' ? 'Failed' : state === 'pending' ? 'Waiting' : `${pct}%`;
  return (
    <>
      <progress max={100} value={pct} aria-label={`Download for ${item.candidateRef}`} />
      <span className="cell-note">{text}</span>
    </>
  );
}

/**
 * The assignment queue as an ARIA table, virtualised: only the rows in view exist in the
 * DOM, so thousands of assignments stay smooth. ↑/↓ move between rows, Enter opens one.
 */
export function QueueTable({ items, onOpen, onCalibrate }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });

  const onKeyDown = useRowKeys(virtualizer, scroller, items.length);

  return (
    <div role="table" aria-label="Assignments" aria-rowcount={items.length + 1} className="queue-table">
      <div role="rowgroup" className="queue-head">
        <div role="row" aria-rowindex={1} className="queue-row">
          {COLUMNS.map((c) => <div key={c} role="columnheader">{c}</div>)}
        </div>
      </div>
      <div role="rowgroup" ref={scroller} className="queue-body" onKeyDown={onKeyDown} data-testid="queue-scroller">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }} role="presentation">
          {virtualizer.getVirtualItems().map((v) => {
            const item = items[v.index] as QueueItem;
            const blocked = item.qualificationExpired;
            const role = ROLE_LABELS[item.role];
            return (
              <div
                key={item.assignmentId}
                role="row"
                aria-rowindex={v.index + 2}
                data-index={v.index}
                className={`queue-row${item.overdue ? ' overdue' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
              >
                <div role="cell">
                  <button type="button" className="row-open" data-assignment={item.assignmentId} disabled={blocked} onClick={() => onOpen(item.assignmentId, item.role)}>
                    {item.candidateRef}
                  </button>
                  {role && <span className="badge badge-role">{role}</span>}
                  {blocked && (
                    <span className="cell-note warn">
                      {item.qualificationState === 'suspended' ? 'Calibration required' : 'Qualification expired'}
                      {onCalibrate && <> · <button type="button" className="link" onClick={onCalibrate}>Calibrate</button></>}
                    </span>
                  )}
                </div>
                <div role="cell">{item.microCredentialTitle}</div>
                <div role="cell">{item.attempt}{item.attempt > 1 ? ' (resubmission)' : ''}</div>
                <div role="cell">
                  {formatDate(item.dueAt)}
                  {item.overdue && <span className="badge badge-overdue">Overdue</span>}
                </div>
                <div role="cell" className="cell-download"><DownloadCell item={item} /></div>
                <div role="cell">{REVIEW_STATUS_LABELS[item.reviewStatus]}</div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
