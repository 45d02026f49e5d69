import { useState } from 'react';
import type { AssignmentRole, QueueFilter, QueueSort } from '../../../../shared/index.ts';
import { QueueFilters } from './QueueFilters.tsx';
import { QueueTable } from './QueueTable.tsx';
import { useApiMutation, useApiQuery } from '../../hooks/useApiQuery.ts';

type Props = {
  onOpen(assignmentId: string, role: AssignmentRole): void;
  onCalibrate?: () => void;
  /** A fixed part of the filter (the master rater's "Master scoring" list), and that list's heading. */
  scope?: { title: string; filter: QueueFilter };
};

export function QueueScreen({ onOpen, onCalibrate, scope }: Props) {
  const [chosen, setFilter] = useState<QueueFilter>({});
  const filter = scope ? { ...chosen, ...scope.filter } : chosen;
  const [sort, setSort] = useState<QueueSort>({ by: 'dueAt', dir: 'asc' });
  const queue = useApiQuery('queue.list', { filter, sort }, { keepPrevious: true });
  const sync = useApiMutation('sync.now', ['queue.list', 'sync.status', 'downloads.status']);
  const items = queue.data?.items ?? [];
  const filtered = Object.values(chosen).some((value) => value !== undefined);
  return (
    <div className="queue">
      <div className="screen-head">
        <h1>{scope?.title ?? 'Assignments'}</h1>
        <button type="button" onClick={() => sync.mutate({})} disabled={sync.isPending}>{sync.isPending ? 'Syncing…' : 'Sync now'}</button>
      </div>
      {sync.error && <p role="alert" className="error">Sync failed: {sync.error.message}</p>}
      <QueueFilters filter={chosen} sort={sort} microCredentials={queue.data?.microCredentials ?? []} onFilter={setFilter} onSort={setSort} />
      <p className="muted" aria-live="polite" data-testid="queue-count">
        {queue.isPending ? 'Loading assignments…' : `${items.length} of ${queue.data?.total ?? 0} assignments`}
      </p>
      {queue.error && <p role="alert" className="error">Could not load the queue: {queue.error.message}</p>}
      {!queue.isPending && items.length === 0 && !queue.error ? (
        filtered ? (
          <div className="empty">
            <p>No assignments match these filters.</p>
            <button type="button" onClick={() => setFilter({})}>Clear filters</button>
          </div>
        ) : (
          <p className="empty">No assignments yet. Sync to fetch new work.</p>
        )
      ) : (
        <QueueTable items={items} onOpen={onOpen} onCalibrate={onCalibrate} />
      )}
    </div>
  );
}
