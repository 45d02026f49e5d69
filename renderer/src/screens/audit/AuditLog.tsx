import { useInfiniteQuery } from '@tanstack/react-query';
import type { Result } from '../../../../shared/index.ts';
import { unwrap, type ApiError } from '../../api/api-error.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { ChainBadge } from '../../components/staff/ChainBadge.tsx';
import { HubError } from '../../components/staff/HubError.tsx';
import { formatDateTime } from '../../format.ts';
import { useApiQuery } from '../../hooks/useApiQuery.ts';
import { VerifyResult } from './VerifyResult.tsx';

/** Events per page of the list: the hub pages oldest first. */
export const AUDIT_PAGE = 100;

/** A list the hub pages with `after`/`next`, loaded a page at a time on request. */
function usePaged<T extends { next?: number }>(method: string, page: (after: number) => Promise<Result<T>>) {
  return useInfiniteQuery<T, ApiError>({
    queryKey: [method, 'pages'],
    initialPageParam: 0,
    queryFn: async ({ pageParam }) => unwrap(await page(pageParam as number)),
    getNextPageParam: (last) => last.next,
  });
}

/** The audit log for staff: verify the chain now, its latest signed checkpoint, every event. */
export function AuditLogScreen() {
  const api = useApi();
  const verify = useApiQuery('audit.verify', {});
  const events = usePaged('audit.events', (after) => api.call('audit.events', { after, limit: AUDIT_PAGE }));
  const checkpoints = usePaged('audit.checkpoints', (after) => api.call('audit.checkpoints', { after, limit: AUDIT_PAGE }));
  const rows = events.data?.pages.flatMap((p) => p.events) ?? [];
  const signed = checkpoints.data?.pages.flatMap((p) => p.checkpoints) ?? [];
  const badSeq = verify.data && !verify.data.ok ? verify.data.firstBadSeq : undefined;

  return (
    <div className="staff-screen audit-screen">
      <div className="screen-head">
        <h1>Audit log</h1>
        <div className="review-actions">
          <ChainBadge verify={verify.data} pending={verify.isFetching} error={verify.error} />
          <button type="button" className="primary" onClick={() => void verify.refetch()} disabled={verify.isFetching}>
            {verify.isFetching ? 'Verifying…' : 'Verify now'}
          </button>
        </div>
      </div>
      {verify.error ? <HubError error={verify.error} what="the verification" onRetry={() => void verify.refetch()} /> : verify.data && <VerifyResult verify={verify.data} />}

      <section className="pane staff-section" aria-labelledby="checkpoints-title">
        <h2 id="checkpoints-title">Signed checkpoints</h2>
        {checkpoints.error && <HubError error={checkpoints.error} what="the checkpoints" onRetry={() => void checkpoints.refetch()} />}
        {checkpoints.data && signed.length === 0 && <p className="muted">No checkpoint has been signed yet.</p>}
        {signed.length > 0 && (
          <ul className="checkpoint-list" aria-label="Signed checkpoints">
            {signed.map((c) => <li key={c.seq}>seq {c.seq}, signed {formatDateTime(c.at)} <code>{c.hash.slice(0, 16)}…</code></li>)}
          </ul>
        )}
        {checkpoints.hasNextPage && <button type="button" onClick={() => void checkpoints.fetchNextPage()} disabled={checkpoints.isFetchingNextPage}>More checkpoints</button>}
      </section>

      <section className="pane staff-section" aria-labelledby="events-title">
        <h2 id="events-title">Events</h2>
        {events.error && <HubError error={events.error} what="the audit events" onRetry={() => void events.refetch()} />}
        <p className="muted" aria-live="polite" data-testid="audit-count">{events.isPending ? 'Loading events…' : `${rows.length} events shown${events.hasNextPage ? ', more on the hub' : ''}`}</p>
        {rows.length > 0 && (
          <div className="table-scroll" role="region" aria-label="Audit events" tabIndex={0}>
            <table className="audit-table">
              <thead>
                <tr><th scope="col">Seq</th><th scope="col">Time</th><th scope="col">Actor</th><th scope="col">Action</th><th scope="col">Subject</th></tr>
              </thead>
              <tbody>
                {rows.map((e) => (
                  <tr key={e.seq} className={e.seq === badSeq ? 'audit-bad' : undefined} aria-label={e.seq === badSeq ? `seq ${e.seq}: first bad entry` : undefined}>
                    <td>{e.seq}</td>
                    <td><time dateTime={e.at}>{formatDateTime(e.at)}</time></td>
                    <td>{e.actor}</td>
                    <td>{e.action}</td>
                    <td>{e.subject}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {events.hasNextPage && <button type="button" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>{events.isFetchingNextPage ? 'Loading…' : 'Load more events'}</button>}
      </section>
    </div>
  );
}
