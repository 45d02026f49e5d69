import type { StoredReview } from '../../../../shared/index.ts';
import { useApiQuery } from '../../hooks/useApiQuery.ts';
import { useDraft } from '../../hooks/useDraft.ts';
import { useSubmissionView } from '../../hooks/useSubmissionView.ts';
import { AdjudicationWorkspace } from './AdjudicationWorkspace.tsx';

type Props = { assignmentId: string; onDone(): void };

/** Loads what an adjudication needs (the task with both reads, the draft, settings), then shows the workspace. */
export function AdjudicationScreen({ assignmentId, onDone }: Props) {
  const view = useSubmissionView(assignmentId);
  const settings = useApiQuery('settings.get', {});
  const draft = useDraft(assignmentId);
  const reads = view.data?.assignment.reads;
  const error = view.error ?? draft.loadError ?? settings.error
    ?? (view.data && reads?.length !== 2 ? new Error('the two reads of this submission have not reached this device; sync and try again') : null);
  if (error) {
    return (
      <div className="review-error">
        <h1>Adjudication</h1>
        <p role="alert" className="error">Could not open this adjudication: {error.message}</p>
        <button type="button" onClick={onDone}>Back to assignments</button>
      </div>
    );
  }
  if (!view.data || !draft.draft || !settings.data || !reads) return <p className="loading">Opening the adjudication…</p>;
  return <AdjudicationWorkspace view={view.data} reads={reads as [StoredReview, StoredReview]} handle={draft} draft={draft.draft} settings={settings.data} onDone={onDone} />;
}
