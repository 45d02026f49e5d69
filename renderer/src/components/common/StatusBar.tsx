import { useApiQuery } from '../../hooks/useApiQuery.ts';
import { formatDateTime, percent } from '../../format.ts';

const EMPTY = {};

/** Always visible: connectivity, outbox, last sync and the overall download progress. */
export function StatusBar({ signedIn }: { signedIn: boolean }) {
  const sync = useApiQuery('sync.status', EMPTY, { enabled: signedIn, refetchInterval: 30_000 });
  const outbox = useApiQuery('outbox.status', EMPTY, { enabled: signedIn });
  // Pushed progress keeps this current; polling while a batch runs covers a dropped event stream.
  const downloads = useApiQuery('downloads.status', EMPTY, {
    enabled: signedIn,
    refetchInterval: (query) => (query.state.data && query.state.data.batch.filesDone < query.state.data.batch.filesTotal ? 2000 : 30_000),
  });
  const online = sync.data?.online ?? false;
  const batch = downloads.data?.batch;
  const pct = batch ? percent(batch.bytesDone, batch.bytesTotal) : 0;
  return (
    <footer className="status-bar" role="status" aria-label="Workstation status">
      {!signedIn ? (
        <span>Signed out</span>
      ) : (
        <>
          <span className={online ? 'dot dot-online' : 'dot dot-offline'}>{online ? 'Online' : 'Offline'}</span>
          <span data-testid="outbox-pending">{outbox.data ? `${outbox.data.pending} pending in outbox` : 'Outbox …'}{outbox.data && outbox.data.failed > 0 ? `, ${outbox.data.failed} failed` : ''}</span>
          <span>Last sync: {sync.data?.lastSyncAt ? formatDateTime(sync.data.lastSyncAt) : 'never'}</span>
          {sync.data?.state === 'error' && sync.data.lastError && <span className="warn">Sync error: {sync.data.lastError}</span>}
          <span className="download-progress">
            <label htmlFor="overall-download">Downloads</label>
            <progress id="overall-download" max={100} value={pct} />
            <span data-testid="download-text">
              {batch && batch.filesTotal > 0 ? `${pct}% (${batch.filesDone} of ${batch.filesTotal} files)` : 'nothing to download'}
            </span>
          </span>
        </>
      )}
    </footer>
  );
}
