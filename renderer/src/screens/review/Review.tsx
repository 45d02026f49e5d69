import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { SubmissionView } from '../../../../shared/index.ts';
import type { ApiError } from '../../api/api-error.ts';
import { unwrap } from '../../api/api-error.ts';
import { useApi } from '../../api/ApiContext.tsx';
import { queryKey } from '../../api/query-keys.ts';
import { useApiQuery } from '../../hooks/useApiQuery.ts';
import { useDraft } from '../../hooks/useDraft.ts';
import { ReviewWorkspace } from '../../components/review/ReviewWorkspace.tsx';

type Props = { assignmentId: string; onDone(): void };

/**
 * submission.get, and as soon as it answers, the media URLs the review opens with (the first
 * video and its captions): asked together, before the workspace renders, the video starts sooner.
 */
function useSubmissionView(assignmentId: string) {
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

/** Loads what a review needs (submission view, draft, settings), then shows the workspace. */
export function ReviewScreen({ assignmentId, onDone }: Props) {
  const view = useSubmissionView(assignmentId);
  const settings = useApiQuery('settings.get', {});
  const draft = useDraft(assignmentId);
  const error = view.error ?? draft.loadError ?? settings.error;
  if (error) {
    return (
      <div className="review-error">
        <h1>Review</h1>
        <p role="alert" className="error">Could not open this assignment: {error.message}</p>
        <button type="button" onClick={onDone}>Back to assignments</button>
      </div>
    );
  }
  if (!view.data || !draft.draft || !settings.data) return <p className="loading">Opening the submission…</p>;
  return <ReviewWorkspace view={view.data} handle={draft} draft={draft.draft} settings={settings.data} onDone={onDone} />;
}
