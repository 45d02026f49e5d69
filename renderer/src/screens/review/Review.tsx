import { useApiQuery } from '../../hooks/useApiQuery.ts';
import { useDraft } from '../../hooks/useDraft.ts';
import { useSubmissionView } from '../../hooks/useSubmissionView.ts';
import { ReviewWorkspace } from '../../components/review/ReviewWorkspace.tsx';

type Props = { assignmentId: string; onDone(): void };

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
