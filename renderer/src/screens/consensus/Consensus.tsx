import type { StoredReview } from '../../../../shared/index.ts';
import { useApiQuery } from '../../hooks/useApiQuery.ts';
import { useDraft } from '../../hooks/useDraft.ts';
import { useSubmissionView } from '../../hooks/useSubmissionView.ts';
import { ConsensusTask } from './ConsensusTask.tsx';

type Props = { assignmentId: string; onDone(): void };

/** Loads a consensus task (both reads and the consensus state, from the device), the draft and settings. */
export function ConsensusScreen({ assignmentId, onDone }: Props) {
  const view = useSubmissionView(assignmentId);
  const settings = useApiQuery('settings.get', {});
  const draft = useDraft(assignmentId);
  const reads = view.data?.assignment.reads;
  const consensus = view.data?.assignment.consensus;
  const error = view.error ?? draft.loadError ?? settings.error
    ?? (view.data && (reads?.length !== 2 || !consensus) ? new Error('both reads of this submission have not reached this device; sync and try again') : null);
  if (error) {
    return (
      <div className="review-error">
        <h1>Consensus</h1>
        <p role="alert" className="error">Could not open this consensus task: {error.message}</p>
        <button type="button" onClick={onDone}>Back to assignments</button>
      </div>
    );
  }
  if (!view.data || !draft.draft || !settings.data || !reads || !consensus) return <p className="loading">Opening the consensus task…</p>;
  return (
    <ConsensusTask
      view={view.data} reads={reads as [StoredReview, StoredReview]} consensus={consensus} handle={draft} draft={draft.draft} settings={settings.data} onDone={onDone}
    />
  );
}
