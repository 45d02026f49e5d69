import type { QueueFilter, QueueSort, ReviewStatus } from '../../../../shared/index.ts';

type Props = {
  filter: QueueFilter;
  sort: QueueSort;
  microCredentials: readonly { id: string; title: string }[];
  onFilter(filter: QueueFilter): void;
  onSort(sort: QueueSort): void;
};

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  new: 'Not started',
  draft: 'Draft',
  queued: 'Submitted, pending',
  synced: 'Submitted, synced',
  read_only: 'Read-only',
};

const SORT_LABELS: Record<QueueSort['by'], string> = {
  dueAt: 'Due date',
  assignedAt: 'Assigned date',
  attempt: 'Attempt',
  microCredential: 'Micro-credential',
  candidateRef: 'Candidate',
};

/** Filters and sort for the queue; every change is a new queue.list query. */
export function QueueFilters({ filter, sort, microCredentials, onFilter, onSort }: Props) {
  const state = filter.reviewStatus?.[0] ?? '';
  return (
    <div className="queue-filters" role="group" aria-label="Filter and sort">
      <div className="field">
        <label htmlFor="f-state">State</label>
        <select id="f-state" value={state} onChange={(e) => onFilter({ ...filter, reviewStatus: e.target.value ? [e.target.value as ReviewStatus] : undefined })}>
          <option value="">All</option>
          {Object.entries(REVIEW_STATUS_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-mc">Micro-credential</label>
        <select id="f-mc" value={filter.microCredentialId ?? ''} onChange={(e) => onFilter({ ...filter, microCredentialId: e.target.value || undefined })}>
          <option value="">All</option>
          {microCredentials.map((mc) => <option key={mc.id} value={mc.id}>{mc.title}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-text">Candidate</label>
        <input id="f-text" type="search" value={filter.text ?? ''} onChange={(e) => onFilter({ ...filter, text: e.target.value || undefined })} />
      </div>
      <div className="field field-check">
        <input id="f-overdue" type="checkbox" checked={filter.overdue === true} onChange={(e) => onFilter({ ...filter, overdue: e.target.checked ? true : undefined })} />
        <label htmlFor="f-overdue">Overdue only</label>
      </div>
      <div className="field">
        <label htmlFor="f-sort">Sort by</label>
        <select id="f-sort" value={sort.by} onChange={(e) => onSort({ ...sort, by: e.target.value as QueueSort['by'] })}>
          {Object.entries(SORT_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="f-dir">Order</label>
        <select id="f-dir" value={sort.dir} onChange={(e) => onSort({ ...sort, dir: e.target.value as QueueSort['dir'] })}>
          <option value="asc">Ascending</option>
          <option value="desc">Descending</option>
        </select>
      </div>
    </div>
  );
}
