import { useCallback, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { unwrap, type ApiError } from '../../api/api-error.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { HubError } from '../../components/staff/HubError.tsx';
import { saveFile } from '../../components/staff/save-file.ts';
import { useApiMutation } from '../../hooks/useApiQuery.ts';
import { DecisionFilters, type DecisionFilterValues } from './DecisionFilters.tsx';
import { DecisionsTable } from './DecisionsTable.tsx';

/** Decisions per hub request: a screenful several times over, small enough to answer at once. */
export const DECISIONS_PAGE = 200;

/** Issuer staff's list of final decisions: filtered on the hub, paged in as the list scrolls. */
export function DecisionsScreen({ onOpen }: { onOpen(submissionId: string): void }) {
  const api = useApi();
  const [filters, setFilters] = useState<DecisionFilterValues>({});
  const pages = useInfiniteQuery<Awaited<ReturnType<typeof fetchPage>>, ApiError>({
    queryKey: ['staff.decisions', filters],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => fetchPage(pageParam as string | undefined),
    getNextPageParam: (last) => last.next,
  });
  async function fetchPage(cursor: string | undefined) {
    return unwrap(await api.call('staff.decisions', { ...filters, limit: DECISIONS_PAGE, ...(cursor === undefined ? {} : { cursor }) }));
  }
  const rows = pages.data?.pages.flatMap((p) => p.decisions) ?? [];
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = pages;
  const more = useCallback(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const exportCsv = useApiMutation('staff.decisionsCsv');
  const download = () => exportCsv.mutate(filters, { onSuccess: ({ csv, filename }) => saveFile(csv, filename, 'text/csv;charset=utf-8') });

  return (
    <div className="queue decisions">
      <div className="screen-head">
        <h1>Decisions</h1>
        <button type="button" onClick={download} disabled={exportCsv.isPending || rows.length === 0}>
          {exportCsv.isPending ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
      {exportCsv.error && <HubError error={exportCsv.error} what="the CSV export" />}
      <DecisionFilters applied={filters} onApply={setFilters} />
      <p className="muted" aria-live="polite" data-testid="decisions-count">
        {pages.isPending ? 'Loading decisions…' : `${rows.length} decision${rows.length === 1 ? '' : 's'} loaded${hasNextPage ? ', more on the hub' : ''}`}
      </p>
      {pages.error && <HubError error={pages.error} what="the decisions" onRetry={() => void pages.refetch()} />}
      {!pages.isPending && rows.length === 0 && !pages.error && <p className="empty">No final decisions match these filters.</p>}
      {rows.length > 0 && <DecisionsTable rows={rows} onNearEnd={more} onOpen={onOpen} />}
      {hasNextPage && (
        <p>
          <button type="button" onClick={more} disabled={isFetchingNextPage}>{isFetchingNextPage ? 'Loading…' : 'Load more'}</button>
        </p>
      )}
    </div>
  );
}
