import type { AssignmentRole, Criterion, EvidenceNote, LockedCriterion } from '../../../../shared/index.ts';
import { feedbackRequired } from '../../../../shared/index.ts';
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
  const titleId = `criterion-title-${criterion.id}`;
  const feedbackId = `feedback-${criterion.id}`;
  const hintId = `feedback-hint-${criterion.id}`;
  const required = feedbackRequired(criterion, level ?? undefined, props.role);
  const missing = required && feedback.trim() === '' && !locked;
  const editable = !readOnly && !locked;
  return (
    <section
      role="group"
      aria-labelledby={titleId}
      id={`criterion-${criterion.id}`}
      className={`criterion${props.active ? ' criterion-active' : ''}${locked ? ' criterion-locked' : ''}`}
      onFocus={props.onActivate}
    >
      <header className="criterion-head">
        <h3 id={titleId}>{criterion.title}</h3>
        <span className="weight">Weight {criterion.weight}</span>
        {locked && <span className="badge badge-met">Met on attempt {locked.attempt}</span>}
      </header>
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
      <div className="field">
        <label htmlFor={feedbackId}>Feedback for {criterion.title}</label>
        <textarea
          id={feedbackId}
          value={feedback}
          readOnly={!editable}
          required={required}
          aria-invalid={missing || undefined}
          aria-describedby={hintId}
          rows={3}
          onChange={(e) => props.onFeedback(e.target.value)}
        />
        <p id={hintId} className={missing ? 'hint hint-warn' : 'hint'}>
          {locked ? 'Locked: met on an earlier attempt.' : required ? 'Required.'
            : criterion.feedback === 'required_below_met' && !props.rationale ? `Required below level ${criterion.metLevel}.` : 'Optional.'}
        </p>
      </div>
      {props.notes.length > 0 && (
        <NotesList notes={props.notes} label={`Notes for ${criterion.title}`} artifactName={props.artifactName} onSelect={props.onNoteSelect} />
      )}
    </section>
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
