import type { AssignmentRole, Criterion, EvidenceNote, LockedCriterion } from '../../../../shared/index.ts';
import { feedbackRequired } from '../../../../shared/index.ts';
import { CriterionFrame, FeedbackField } from './CriterionFrame.tsx';
import { LevelRadioGroup } from './LevelRadioGroup.tsx';
import { NotesList } from './NotesList.tsx';

export type PreviousRead = { attempt: number; level: number | null; feedback: string };

type Props = {
  criterion: Criterion;
  labels: readonly string[];
  level: number | null;
  feedback: string;
  onLevel(level: number): void;
  onFeedback(text: string): void;
  /** A master review's rationale box (role `master`), required beside the level; null on other reviews. */
  rationale: { text: string; onChange(text: string): void } | null;
  role?: AssignmentRole;
  readOnly: boolean;
  locked: (LockedCriterion & { attempt: number }) | null;
  previous: PreviousRead | null;
  notes: readonly EvidenceNote[];
  artifactName(artifactId: string): string;
  onNoteSelect(note: EvidenceNote): void;
  active: boolean;
  onActivate(): void;
};

/** One criterion: its levels, weight, feedback box, the previous attempt's read and its notes. */
export function CriterionGroup(props: Props) {
  const { criterion, labels, level, feedback, locked, previous, readOnly } = props;
  const required = feedbackRequired(criterion, level ?? undefined, props.role);
  const missing = required && feedback.trim() === '' && !locked;
  const editable = !readOnly && !locked;
  return (
    <CriterionFrame criterion={criterion} active={props.active} onActivate={props.onActivate} lockedBadge={locked ? `Met on attempt ${locked.attempt}` : null}>
      {criterion.description && <p className="criterion-description">{criterion.description}</p>}
      {previous && (
        <div className="previous-read">
          <p>
            <span className="muted">Attempt {previous.attempt}:</span>{' '}
            {previous.level === null ? 'not scored' : `${previous.level} ${labels[previous.level - 1] ?? ''}`}
          </p>
          {previous.feedback && <blockquote>{previous.feedback}</blockquote>}
        </div>
      )}
      <LevelRadioGroup criterion={criterion} labels={labels} value={level} onChange={props.onLevel} disabled={!editable} />
      {props.rationale && <RationaleField criterion={criterion} rationale={props.rationale} editable={editable} />}
      <FeedbackField
        criterion={criterion} label={`Feedback for ${criterion.title}`} text={feedback} editable={editable} required={required} missing={missing}
        hint={locked ? 'Locked: met on an earlier attempt.' : required ? 'Required.'
          : criterion.feedback === 'required_below_met' && !props.rationale ? `Required below level ${criterion.metLevel}.` : 'Optional.'}
        onChange={props.onFeedback}
      />
      {props.notes.length > 0 && (
        <NotesList notes={props.notes} label={`Notes for ${criterion.title}`} artifactName={props.artifactName} onSelect={props.onNoteSelect} />
      )}
    </CriterionFrame>
  );
}

/** Why the master gave this level: what assessors see beside their own level after calibrating. */
function RationaleField({ criterion, rationale, editable }: { criterion: Criterion; rationale: NonNullable<Props['rationale']>; editable: boolean }) {
  const id = `rationale-${criterion.id}`;
  const hintId = `rationale-hint-${criterion.id}`;
  const missing = rationale.text.trim() === '';
  return (
    <div className="field field-rationale">
      <label htmlFor={id}>Rationale for {criterion.title}</label>
      <textarea
        id={id}
        value={rationale.text}
        readOnly={!editable}
        required
        aria-invalid={(missing && editable) || undefined}
        aria-describedby={hintId}
        rows={3}
        onChange={(e) => rationale.onChange(e.target.value)}
      />
      <p id={hintId} className={missing && editable ? 'hint hint-warn' : 'hint'}>Required: why this level, in terms of the descriptors.</p>
    </div>
  );
}
