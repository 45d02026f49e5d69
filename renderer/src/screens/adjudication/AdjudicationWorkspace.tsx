import { useCallback, useMemo, useState } from 'react';
import { adjudicationIssues, type Draft, type Settings, type StoredReview, type SubmissionView } from '../../../../shared/index.ts';
import { CheatSheet } from '../../components/common/CheatSheet.tsx';
import { ResizableSplit } from '../../components/common/ResizableSplit.tsx';
import { DecisionPreview } from '../../components/review/DecisionPreview.tsx';
import { readNotes } from '../../components/review/ReadsCompare.tsx';
import { SaveStatus } from '../../components/review/SaveStatus.tsx';
import { SubmitDialog } from '../../components/review/SubmitDialog.tsx';
import { effectiveReview, readOnlyText } from '../../components/review/review-state.ts';
import { formatDate } from '../../format.ts';
import { useApiMutation } from '../../hooks/useApiQuery.ts';
import type { DraftHandle } from '../../hooks/useDraft.ts';
import { useShortcuts } from '../../hooks/useShortcuts.ts';
import { mediaShortcuts, useMediaSlot } from '../../media/media-controller.ts';
import { ariaKeyshortcut, resolveShortcuts } from '../../shortcuts/shortcut-map.ts';
import { FinalCriterion } from './FinalCriterion.tsx';
import { useWorkspaceNavigation } from '../../components/review/useWorkspaceNavigation.ts';
import { ReadOnlyEvidence } from '../../components/review/ReadOnlyEvidence.tsx';

type Props = { view: SubmissionView; reads: readonly [StoredReview, StoredReview]; handle: DraftHandle; draft: Draft; settings: Settings; onDone(): void };

/**
 * The master rater's adjudication of a disagreement: the evidence with both readers' notes on
 * the left; per criterion both reads, then the final level and feedback (A or B takes that
 * read's, 1–7 sets the level, typing makes it your own); then the decision the shared rule
 * gives, one rationale for the whole, and submit with a confirmation. The draft is saved on
 * the device like a review's, and submit queues it in the outbox, so all of it works offline.
 */
export function AdjudicationWorkspace({ view, reads, handle, draft, settings, onDone }: Props) {
  const { rubric, submission } = view;
  const slot = useMediaSlot();
  const nav = useWorkspaceNavigation(view);
  const { active, setActive, activeCriterion, moveCriterion } = nav;
  const [dialog, setDialog] = useState<'submit' | 'cheat' | null>(null);
  const submit = useApiMutation('adjudication.submit', ['queue.list', 'draft.get', 'outbox.status']);
  const lockedText = readOnlyText(view, draft);
  const readOnly = lockedText !== null;
  const { scores, feedback } = useMemo(() => effectiveReview(draft, view.locked), [draft, view.locked]);
  const keys = useMemo(() => resolveShortcuts(settings.shortcutMap), [settings.shortcutMap]);
  const notes = useMemo(() => readNotes(reads), [reads]);
  const artifactName = useCallback((id: string) => view.artifacts.find((a) => a.id === id)?.filename ?? id, [view.artifacts]);
  const tolerance = view.microCredential.policy.doubleScoring.tolerance;
  const editable = (id: string) => !readOnly && !view.locked[id];

  const take = (criterionId: string, which: 'first' | 'second') => {
    const read = reads[which === 'first' ? 0 : 1];
    const level = read.scores[criterionId];
    if (!editable(criterionId) || level === undefined) return;
    handle.update({ scores: { [criterionId]: level }, criterionFeedback: { [criterionId]: read.criterionFeedback[criterionId] ?? '' }, criterionBasis: { [criterionId]: which } }, 'now');
  };
  const setLevel = (criterionId: string, level: number) => {
    if (!editable(criterionId) || level > rubric.scale.points || scores[criterionId] === level) return;
    handle.update({ scores: { [criterionId]: level }, criterionBasis: { [criterionId]: 'own' } }, 'now');
  };
  const setFeedback = (criterionId: string, text: string) => {
    if (editable(criterionId)) handle.update({ criterionFeedback: { [criterionId]: text }, criterionBasis: { [criterionId]: 'own' } }, 'debounced');
  };
  useShortcuts(
    {
      ...mediaShortcuts(slot),
      nextCriterion: () => moveCriterion(1),
      prevCriterion: () => moveCriterion(-1),
      cheatSheet: () => setDialog('cheat'),
      setLevel: (level) => activeCriterion && setLevel(activeCriterion.id, level),
      takeRead: (which) => activeCriterion && take(activeCriterion.id, which),
      saveNow: () => void handle.saveNow(),
      submit: () => !readOnly && setDialog('submit'),
    },
    { enabled: settings.shortcutsEnabled && dialog === null, keys },
  );

  const issues = adjudicationIssues(rubric, { scores, criterionFeedback: feedback, criterionBasis: draft.criterionBasis, rationale: draft.rationale });
  const confirmSubmit = async () => {
    if (!(await handle.saveNow())) return;
    submit.mutate({ assignmentId: view.assignment.id }, { onSuccess: () => setDialog(null) });
  };

  return (
    <div className="review">
      <header className="review-head">
        <div>
          <h1>Adjudication: {view.microCredential.title}</h1>
          <p className="muted">Candidate {submission.candidateRef} · attempt {submission.attempt} · due {formatDate(view.assignment.dueAt)}</p>
        </div>
        <SaveStatus save={handle.save} readOnlyText={lockedText} />
        <div className="review-actions">
          <button type="button" onClick={() => setDialog('cheat')} aria-keyshortcuts={settings.shortcutsEnabled ? ariaKeyshortcut(keys.cheatSheet) : undefined}>Shortcuts</button>
          {!readOnly && <button type="button" className="primary" onClick={() => setDialog('submit')} aria-keyshortcuts="Control+Enter">Submit adjudication</button>}
          {readOnly && <button type="button" onClick={onDone}>Back to assignments</button>}
        </div>
      </header>
      {draft.status === 'draft' && draft.statusReason && <p className="notice notice-warn" role="alert">The hub sent this adjudication back: {draft.statusReason}</p>}
      <p className="notice">
        The two reads disagree. For each criterion, take Read A (key A) or Read B (key B), or set your own level (1–{rubric.scale.points}) and feedback.
      </p>
      <ResizableSplit
        label="Resize evidence and reads"
        left={
          <ReadOnlyEvidence view={view} nav={nav} notes={notes} settings={settings} artifactName={artifactName} />
        }
        right={
          <section aria-label="Reads and final levels" className="pane pane-rubric">
            <h2 className="pane-title">{rubric.title}</h2>
            <div className="rubric-criteria">
              {rubric.criteria.map((c, i) => (
                <FinalCriterion
                  key={c.id} criterion={c} labels={rubric.scale.labels} reads={reads} tolerance={tolerance}
                  level={scores[c.id] ?? null} feedback={feedback[c.id] ?? ''} basis={draft.criterionBasis[c.id]}
                  readOnly={readOnly} locked={view.locked[c.id] !== undefined} active={i === active} onActivate={() => setActive(i)}
                  onTake={(which) => take(c.id, which)} onLevel={(level) => setLevel(c.id, level)} onFeedback={(text) => setFeedback(c.id, text)}
                />
              ))}
            </div>
            <div className="field">
              <label htmlFor="overall">Overall comment to the candidate</label>
              <textarea id="overall" rows={3} value={draft.overallFeedback} readOnly={readOnly} onChange={(e) => handle.update({ overallFeedback: e.target.value }, 'debounced')} />
            </div>
            <DecisionPreview rubric={rubric} scores={scores} />
            <div className="field">
              <label htmlFor="rationale">Rationale for the adjudication</label>
              <textarea
                id="rationale" rows={3} value={draft.rationale} readOnly={readOnly} required aria-describedby="rationale-hint"
                aria-invalid={(!readOnly && draft.rationale.trim() === '') || undefined}
                onChange={(e) => handle.update({ rationale: e.target.value }, 'debounced')}
              />
              <p id="rationale-hint" className={!readOnly && draft.rationale.trim() === '' ? 'hint hint-warn' : 'hint'}>Required: why the final levels, for the record (not shown to the candidate).</p>
            </div>
          </section>
        }
      />
      <SubmitDialog
        open={dialog === 'submit'} rubric={rubric} draft={draft} scores={scores} feedback={feedback} role={view.assignment.role}
        submitting={submit.isPending} error={submit.error?.message ?? null} onConfirm={() => void confirmSubmit()} onClose={() => setDialog(null)}
        kind={{ title: 'Submit adjudication', issues, consequence: 'Once submitted, the adjudication is queued for the hub, becomes the final result, and can no longer be changed. Both reads stay on record.' }}
      />
      <CheatSheet open={dialog === 'cheat'} keys={keys} singleKeysOn={settings.shortcutsEnabled} readKeys submitLabel="Submit adjudication" onClose={() => setDialog(null)} />
    </div>
  );
}
