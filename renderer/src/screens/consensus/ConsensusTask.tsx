import { useCallback, useMemo, useState } from 'react';
import { validateReview, type ConsensusState, type Draft, type Settings, type StoredReview, type SubmissionView } from '../../../../shared/index.ts';
import { ResizableSplit } from '../../components/common/ResizableSplit.tsx';
import { DecisionPreview } from '../../components/review/DecisionPreview.tsx';
import { readNotes } from '../../components/review/ReadsCompare.tsx';
import { SaveStatus } from '../../components/review/SaveStatus.tsx';
import { SubmitDialog } from '../../components/review/SubmitDialog.tsx';
import { formatDate } from '../../format.ts';
import { useApiMutation } from '../../hooks/useApiQuery.ts';
import type { DraftHandle } from '../../hooks/useDraft.ts';
import { useShortcuts } from '../../hooks/useShortcuts.ts';
import { mediaShortcuts, useMediaSlot } from '../../media/media-controller.ts';
import { resolveShortcuts } from '../../shortcuts/shortcut-map.ts';
import { ProposalCriterion } from './ProposalCriterion.tsx';
import { turnText } from './turn.ts';
import { useWorkspaceNavigation } from '../../components/review/useWorkspaceNavigation.ts';
import { ReadOnlyEvidence } from '../../components/review/ReadOnlyEvidence.tsx';

type Props = {
  view: SubmissionView; reads: readonly [StoredReview, StoredReview]; consensus: ConsensusState;
  handle: DraftHandle; draft: Draft; settings: Settings; onDone(): void;
};

const INVALIDATES = ['queue.list', 'draft.get', 'outbox.status', 'submission.get'] as const;

/**
 * A consensus task (the NEA model): both reads and the current proposal, a plain statement of
 * whose turn it is, and the one move this reader has: the primary reader proposes final
 * levels and feedback (their draft, saved on the device); the second reader agrees or returns
 * it with a comment. Either move is queued in the outbox, so it works offline too.
 */
export function ConsensusTask({ view, reads, consensus, handle, draft, settings, onDone }: Props) {
  const { rubric, submission } = view;
  const slot = useMediaSlot();
  const nav = useWorkspaceNavigation(view);
  const { active, setActive, activeCriterion, moveCriterion } = nav;
  const [proposing, setProposing] = useState(false);
  const [comment, setComment] = useState('');
  const propose = useApiMutation('consensus.propose', [...INVALIDATES]);
  const respond = useApiMutation('consensus.respond', [...INVALIDATES]);
  const turn = turnText(consensus, draft, view.assignment.state);
  const closed = view.readOnlyReason !== null;
  const writing = consensus.proposer && turn.mine && !closed;
  const answering = !consensus.proposer && turn.mine && !closed;
  const shown = writing ? draft : consensus.proposal;
  const scores = useMemo(() => shown?.scores ?? {}, [shown]);
  const feedback = shown?.criterionFeedback ?? {};
  const keys = useMemo(() => resolveShortcuts(settings.shortcutMap), [settings.shortcutMap]);
  const notes = useMemo(() => readNotes(reads), [reads]);
  const artifactName = useCallback((id: string) => view.artifacts.find((a) => a.id === id)?.filename ?? id, [view.artifacts]);

  const setLevel = (criterionId: string, level: number) => {
    if (writing && level <= rubric.scale.points) handle.update({ scores: { [criterionId]: level } }, 'now');
  };
  useShortcuts(
    {
      ...mediaShortcuts(slot),
      nextCriterion: () => moveCriterion(1),
      prevCriterion: () => moveCriterion(-1),
      setLevel: (level) => activeCriterion && setLevel(activeCriterion.id, level),
      saveNow: () => void handle.saveNow(),
      submit: () => writing && setProposing(true),
    },
    { enabled: settings.shortcutsEnabled && !proposing, keys },
  );

  const confirmProposal = async () => {
    if (!(await handle.saveNow())) return;
    propose.mutate({ assignmentId: view.assignment.id }, { onSuccess: () => setProposing(false) });
  };
  const issues = validateReview(rubric, { scores: draft.scores, criterionFeedback: draft.criterionFeedback, notes: [] });

  return (
    <div className="review">
      <header className="review-head">
        <div>
          <h1>Consensus: {view.microCredential.title}</h1>
          <p className="muted">
            Candidate {submission.candidateRef} · attempt {submission.attempt} · you are the {consensus.proposer ? 'primary' : 'second'} reader ·
            {' '}unresolved by {formatDate(consensus.dueAt)}, it goes to adjudication
          </p>
        </div>
        {writing && <SaveStatus save={handle.save} readOnlyText={null} />}
        <div className="review-actions">
          {writing && <button type="button" className="primary" onClick={() => setProposing(true)} aria-keyshortcuts="Control+Enter">Propose round {consensus.round + 1}</button>}
          <button type="button" onClick={onDone}>Back to assignments</button>
        </div>
      </header>
      <p className={turn.mine ? 'notice notice-turn' : 'notice'} role="status" data-testid="consensus-turn">{closed ? `Read-only: ${view.readOnlyReason}` : turn.text}</p>
      {consensus.returnedComment !== null && (
        <blockquote className="notice" aria-label="The second reader's comment">Returned with: {consensus.returnedComment}</blockquote>
      )}
      {(propose.error ?? respond.error) && <p role="alert" className="error">{(propose.error ?? respond.error)?.message}</p>}
      <ResizableSplit
        label="Resize evidence and reads"
        left={
          <ReadOnlyEvidence view={view} nav={nav} notes={notes} settings={settings} artifactName={artifactName} />
        }
        right={
          <section aria-label={writing ? 'Reads and your proposal' : `Reads and proposal of round ${consensus.round}`} className="pane pane-rubric">
            <h2 className="pane-title">{shown ? (writing ? `Your proposal for round ${consensus.round + 1}` : `Proposal of round ${consensus.round}`) : 'No proposal yet'}</h2>
            <div className="rubric-criteria">
              {rubric.criteria.map((c, i) => (
                <ProposalCriterion
                  key={c.id} criterion={c} labels={rubric.scale.labels} reads={reads} tolerance={view.microCredential.policy.doubleScoring.tolerance}
                  level={scores[c.id] ?? null} feedback={feedback[c.id] ?? ''} editable={writing} active={i === active} onActivate={() => setActive(i)}
                  onLevel={(level) => setLevel(c.id, level)} onFeedback={(text) => handle.update({ criterionFeedback: { [c.id]: text } }, 'debounced')}
                />
              ))}
            </div>
            <div className="field">
              <label htmlFor="overall">Proposed overall comment</label>
              <textarea id="overall" rows={3} value={shown?.overallFeedback ?? ''} readOnly={!writing} onChange={(e) => handle.update({ overallFeedback: e.target.value }, 'debounced')} />
            </div>
            <DecisionPreview rubric={rubric} scores={scores} />
            {answering && (
              <div className="consensus-answer">
                <button type="button" className="primary" disabled={respond.isPending} onClick={() => respond.mutate({ assignmentId: view.assignment.id, agree: true })}>Agree with round {consensus.round}</button>
                <div className="field">
                  <label htmlFor="return-comment">Comment for the primary reader</label>
                  <textarea id="return-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
                </div>
                <button type="button" disabled={respond.isPending || comment.trim() === ''} onClick={() => respond.mutate({ assignmentId: view.assignment.id, agree: false, comment: comment.trim() })}>
                  Return with comment
                </button>
              </div>
            )}
          </section>
        }
      />
      <SubmitDialog
        open={proposing} rubric={rubric} draft={draft} scores={draft.scores} feedback={draft.criterionFeedback} role={view.assignment.role}
        submitting={propose.isPending} error={propose.error?.message ?? null} onConfirm={() => void confirmProposal()} onClose={() => setProposing(false)}
        kind={{ title: `Propose round ${consensus.round + 1}`, issues, consequence: 'The proposal is queued for the hub and goes to the second reader, who agrees or returns it with a comment.' }}
      />
    </div>
  );
}
