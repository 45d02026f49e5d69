import { useCallback, useMemo, useState } from 'react';
import { rationaleRequired, type Draft, type EvidenceNote, type Settings, type SubmissionView } from '../../../../shared/index.ts';
import { CheatSheet } from '../common/CheatSheet.tsx';
import { DecisionPreview } from './DecisionPreview.tsx';
import { EvidencePane } from './EvidencePane.tsx';
import type { NoteAnchor } from './NoteComposer.tsx';
import { RecuseDialog } from './RecuseDialog.tsx';
import { ResizableSplit } from '../common/ResizableSplit.tsx';
import { RubricPanel } from './RubricPanel.tsx';
import { SaveStatus } from './SaveStatus.tsx';
import { SubmitDialog } from './SubmitDialog.tsx';
import { formatDate } from '../../format.ts';
import { useApiMutation } from '../../hooks/useApiQuery.ts';
import type { DraftHandle } from '../../hooks/useDraft.ts';
import { useShortcuts } from '../../hooks/useShortcuts.ts';
import { mediaShortcuts, useMediaSlot } from '../../media/media-controller.ts';
import { ariaKeyshortcut, resolveShortcuts } from '../../shortcuts/shortcut-map.ts';
import { effectiveReview, readOnlyText } from './review-state.ts';
import { ROLE_LABELS } from './role-label.ts';
import { useWorkspaceNavigation } from './useWorkspaceNavigation.ts';

type Props = { view: SubmissionView; handle: DraftHandle; draft: Draft; settings: Settings; onDone(): void };

/** The review: evidence and rubric side by side, notes, decision preview, submit and recuse. */
export function ReviewWorkspace({ view, handle, draft, settings, onDone }: Props) {
  const { rubric, submission } = view;
  const slot = useMediaSlot();
  const { selected, setSelected, active, setActive, activeCriterion, seekRequest, moveCriterion, selectNote } = useWorkspaceNavigation(view);
  const [composer, setComposer] = useState<NoteAnchor | null>(null);
  const [dialog, setDialog] = useState<'submit' | 'recuse' | 'cheat' | null>(null);
  const submit = useApiMutation('review.submit', ['queue.list', 'draft.get', 'outbox.status']);
  const recuse = useApiMutation('assignment.recuse', ['queue.list', 'outbox.status']);
  const lockedText = readOnlyText(view, draft);
  const readOnly = lockedText !== null;
  const { scores, feedback } = useMemo(() => effectiveReview(draft, view.locked), [draft, view.locked]);
  const keys = useMemo(() => resolveShortcuts(settings.shortcutMap), [settings.shortcutMap]);
  const artifactName = useCallback((id: string) => view.artifacts.find((a) => a.id === id)?.filename ?? id, [view.artifacts]);
  // A second read is marked as one; primary work (validity items too) carries no mark.
  const roleLabel = ROLE_LABELS[view.assignment.role];

  const setLevel = useCallback((criterionId: string, level: number) => {
    if (readOnly || view.locked[criterionId] || level > rubric.scale.points) return;
    handle.update({ scores: { [criterionId]: level } }, 'now');
  }, [handle, readOnly, view.locked, rubric.scale.points]);

  const startNote = () => {
    const artifact = view.artifacts.find((a) => a.id === selected);
    if (readOnly || !artifact || artifact.download.state !== 'complete') return;
    const controller = slot.current;
    if (settings.pauseWhileTypingNote) controller?.pause();
    if (controller?.kind === 'video') setComposer({ artifactId: artifact.id, atSec: controller.position() });
    else if (controller?.kind === 'document') setComposer({ artifactId: artifact.id, page: controller.position() });
    else setComposer({ artifactId: artifact.id });
  };

  const saveNote = (note: EvidenceNote) => {
    handle.update({ notes: [...draft.notes, note] }, 'now');
    setComposer(null);
  };

  useShortcuts(
    {
      ...mediaShortcuts(slot),
      nextCriterion: () => moveCriterion(1),
      prevCriterion: () => moveCriterion(-1),
      addNote: startNote,
      cheatSheet: () => setDialog('cheat'),
      setLevel: (level) => activeCriterion && setLevel(activeCriterion.id, level),
      saveNow: () => void handle.saveNow(),
      submit: () => !readOnly && setDialog('submit'),
    },
    { enabled: settings.shortcutsEnabled && dialog === null, keys },
  );

  const confirmSubmit = async () => {
    if (!(await handle.saveNow())) return;
    submit.mutate({ assignmentId: view.assignment.id }, { onSuccess: () => setDialog(null) });
  };

  const previous = view.previous
    ? { attempt: view.previous.submission.attempt, scores: view.previous.review.scores, feedback: view.previous.review.criterionFeedback }
    : null;
  const earlier = useMemo(() => {
    if (!view.previous) return null;
    const carried = new Set(view.artifacts.map((a) => a.id));
    return { attempt: view.previous.submission.attempt, artifacts: view.previous.artifacts.filter((a) => !carried.has(a.id)) };
  }, [view.previous, view.artifacts]);

  return (
    <div className="review">
      <header className="review-head">
        <div>
          <h1>{view.microCredential.title}</h1>
          {roleLabel && <p><span className="badge badge-role">{roleLabel}</span></p>}
          <p className="muted">
            Candidate {submission.candidateRef} · attempt {submission.attempt} · due {formatDate(view.assignment.dueAt)}
          </p>
        </div>
        <SaveStatus save={handle.save} readOnlyText={lockedText} />
        <div className="review-actions">
          <button type="button" onClick={() => setDialog('cheat')} aria-keyshortcuts={settings.shortcutsEnabled ? ariaKeyshortcut(keys.cheatSheet) : undefined}>Shortcuts</button>
          {!readOnly && <button type="button" onClick={() => setDialog('recuse')}>I have a conflict of interest</button>}
          {!readOnly && <button type="button" className="primary" onClick={() => setDialog('submit')} aria-keyshortcuts="Control+Enter">Submit review</button>}
          {readOnly && <button type="button" onClick={onDone}>Back to assignments</button>}
        </div>
      </header>
      {draft.status === 'draft' && draft.statusReason && (
        <p className="notice notice-warn" role="alert">The hub sent this review back: {draft.statusReason}</p>
      )}
      {previous && (
        <p className="notice">
          Resubmission: attempt {submission.attempt}. Levels and feedback from attempt {previous.attempt} are shown with each criterion; criteria met then are locked.
        </p>
      )}
      <ResizableSplit
        label="Resize evidence and rubric"
        left={
          <EvidencePane
            submission={submission}
            artifacts={view.artifacts}
            isResubmission={previous !== null}
            earlier={earlier}
            selected={selected}
            onSelect={setSelected}
            playbackRate={settings.playbackRate}
            notes={draft.notes}
            seekRequest={seekRequest}
            readOnly={readOnly}
            composer={composer}
            criteria={rubric.criteria}
            activeCriterionId={activeCriterion?.id ?? null}
            onStartNote={startNote}
            onSaveNote={saveNote}
            onCancelNote={() => setComposer(null)}
            onRemoveNote={(note) => handle.update({ notes: draft.notes.filter((n) => n !== note) }, 'now')}
            onNoteSelect={selectNote}
            artifactName={artifactName}
          />
        }
        right={
          <section aria-label="Rubric" className="pane pane-rubric">
            <h2 className="pane-title">{rubric.title}</h2>
            <RubricPanel
              rubric={rubric}
              scores={scores}
              feedback={feedback}
              onLevel={setLevel}
              onFeedback={(id, text) => handle.update({ criterionFeedback: { [id]: text } }, 'debounced')}
              rationale={rationaleRequired(view.assignment.role) ? { texts: draft.criterionRationale, onChange: (id, text) => handle.update({ criterionRationale: { [id]: text } }, 'debounced') } : null}
              role={view.assignment.role}
              readOnly={readOnly}
              locked={view.locked}
              lockedAttempt={previous?.attempt ?? null}
              previous={previous}
              notes={draft.notes}
              artifactName={artifactName}
              onNoteSelect={selectNote}
              activeIndex={active}
              onActivate={setActive}
            />
            <div className="field">
              <label htmlFor="overall">Overall comment</label>
              <textarea id="overall" rows={3} value={draft.overallFeedback} readOnly={readOnly} onChange={(e) => handle.update({ overallFeedback: e.target.value }, 'debounced')} />
            </div>
            <DecisionPreview rubric={rubric} scores={scores} />
          </section>
        }
      />
      <SubmitDialog
        open={dialog === 'submit'}
        rubric={rubric}
        draft={draft}
        scores={scores}
        feedback={feedback}
        role={view.assignment.role}
        submitting={submit.isPending}
        error={submit.error?.message ?? null}
        onConfirm={() => void confirmSubmit()}
        onClose={() => setDialog(null)}
      />
      <RecuseDialog
        open={dialog === 'recuse'}
        busy={recuse.isPending}
        error={recuse.error?.message ?? null}
        onConfirm={(reason) => recuse.mutate({ assignmentId: view.assignment.id, reason }, { onSuccess: onDone })}
        onClose={() => setDialog(null)}
      />
      <CheatSheet open={dialog === 'cheat'} keys={keys} singleKeysOn={settings.shortcutsEnabled} onClose={() => setDialog(null)} />
    </div>
  );
}
