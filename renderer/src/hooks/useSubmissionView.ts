import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SubmissionView } from '../../../shared/index.ts';
import type { ApiError } from '../api/api-error.ts';
import { unwrap } from '../api/api-error.ts';
import { useApi } from '../api/ApiContext.tsx';
import { queryKey } from '../api/query-keys.ts';

/**
 * submission.get, and as soon as it answers, the media URLs the review opens with (the first
 * video and its captions): asked together, before the workspace renders, the video starts sooner.
 */
export function useSubmissionView(assignmentId: string) {
  const api = useApi();
  const client = useQueryClient();
  return useQuery<SubmissionView, ApiError>({
    queryKey: queryKey('submission.get', { assignmentId }),
    staleTime: 30_000,
    queryFn: async () => {
      const view = unwrap(await api.call('submission.get', { assignmentId }));
      const opening = [view.artifacts.find((a) => a.kind === 'video'), view.artifacts.find((a) => a.kind === 'captions')];
      for (const artifact of opening) {
        if (artifact?.download.state !== 'complete') continue;
        const input = { artifactId: artifact.id };
        void client.prefetchQuery({ queryKey: queryKey('media.url', input), queryFn: async () => unwrap(await api.call('media.url', input)), staleTime: Infinity });
      }
      return view;
    },
  });
}
