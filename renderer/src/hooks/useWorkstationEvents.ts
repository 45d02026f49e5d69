import { useEffect } from 'react';
import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import type { DownloadsStatus, SyncStatus, WorkstationEvent } from '../../../shared/index.ts';
import { useApi } from '../api/ApiContext.tsx';
import { queryKey } from '../api/query-keys.ts';

const EMPTY = {} as Record<string, never>;
/** Download progress arrives many times a second; the queue is refreshed at most this often. */
const QUEUE_REFRESH_MS = 1000;

function applyEvent(client: QueryClient, event: WorkstationEvent, refreshQueue: () => void): void {
  switch (event.name) {
    case 'sync.progress':
      client.setQueryData(queryKey('sync.status', EMPTY), event.payload);
      if (event.payload.state === 'idle') {
        refreshQueue();
        // A sync may bring a new qualification date (a passed attempt) or a suspension.
        void client.invalidateQueries({ queryKey: ['calibration.standing'] });
        void client.invalidateQueries({ queryKey: ['calibration.attempts'] });
      }
      return;
    case 'connectivity':
      client.setQueryData<SyncStatus>(queryKey('sync.status', EMPTY), (old) => (old ? { ...old, online: event.payload.online } : old));
      if (event.payload.online) void client.invalidateQueries({ queryKey: ['calibration.attempts'] });
      return;
    case 'outbox.changed':
      client.setQueryData(queryKey('outbox.status', EMPTY), event.payload);
      // A review leaving the outbox changes its draft's status (queued → synced or back to draft).
      void client.invalidateQueries({ queryKey: ['draft.get'] });
      // The last review of a calibration attempt reaching the hub completes the attempt.
      void client.invalidateQueries({ queryKey: ['calibration.attempts'] });
      refreshQueue();
      return;
    case 'download.progress': {
      const { file, batch } = event.payload;
      client.setQueryData<DownloadsStatus>(queryKey('downloads.status', EMPTY), (old) => {
        const files = old?.files ?? [];
        if (!file) return { files, batch };
        const others = files.filter((f) => f.artifactId !== file.artifactId);
        return { files: [...others, file], batch };
      });
      if (file && (file.state === 'complete' || file.state === 'error')) {
        void client.invalidateQueries({ queryKey: ['submission.get'] });
      }
      refreshQueue();
      return;
    }
    case 'assignments.changed':
      void client.invalidateQueries({ queryKey: ['queue.list'] });
      for (const assignmentId of event.payload.assignmentIds) {
        void client.invalidateQueries({ queryKey: queryKey('submission.get', { assignmentId }) });
        void client.invalidateQueries({ queryKey: queryKey('draft.get', { assignmentId }) });
      }
      return;
  }
}

/** Keeps react-query's cache in step with the core's pushes. Mount once, near the root. */
export function useWorkstationEvents(): void {
  const api = useApi();
  const client = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const refreshQueue = () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void client.invalidateQueries({ queryKey: ['queue.list'] });
      }, QUEUE_REFRESH_MS);
    };
    const unsubscribe = api.subscribe((event) => applyEvent(client, event, refreshQueue));
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [api, client]);
}
