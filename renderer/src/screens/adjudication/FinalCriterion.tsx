import { feedbackRequired, type AdjudicationBasis, type Criterion, type StoredReview } from '../../../../shared/index.ts';
import { LevelRadioGroup } from '../../components/review/LevelRadioGroup.tsx';
import { ReadsCompare } from '../../components/review/ReadsCompare.tsx';

type Props = {
  criterion: Criterion;
  labels: readonly string[];
  reads: readonly [StoredReview, StoredReview];
  tolerance: number;
  level: number | null;
  feedback: string;
  basis: AdjudicationBasis | undefined;
  readOnly: boolean;
  /** Locked: met on the previous attempt, so the final read keeps it. */
  locked: boolean;
  active: boolean;
  onActivate(): void;
  onTake(which: 'first' | 'second'): void;
  onLevel(level: number): void;
  onFeedback(text: string): void;
};

const BASIS_TEXT: Record<AdjudicationBasis, string> = { first: 'Taken from Read A', second: 'Taken from Read B', own: 'Your own' };

/** One criterion of the adjudication: both reads, then the final level and feedback and where they came from. */
export function FinalCriterion(props: Props) {
  const { criterion, level, feedback, basis, readOnly, locked } = props;
  const titleId = `criterion-title-${criterion.id}`;
  const feedbackId = `feedback-${criterion.id}`;
  const hintId = `feedback-hint-${criterion.id}`;
  const editable = !readOnly && !locked;
  const required = feedbackRequired(criterion, level ?? undefined, 'adjudication');
  const missing = required && feedback.trim() === '';
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
        {locked && <span className="badge badge-met">Met on the previous attempt</span>}
      </header>
      <ReadsCompare criterion={criterion} labels={props.labels} reads={props.reads} tolerance={props.tolerance} />
      {editable && (
        <div className="take-read">
          <button type="button" onClick={() => props.onTake('first')} aria-keyshortcuts="A">Take Read A</button>
          <button type="button" onClick={() => props.onTake('second')} aria-keyshortcuts="B">Take Read B</button>
        </div>
      )}
      <p className="basis" data-testid={`basis-${criterion.id}`}>Final: {level === null ? 'no level yet' : BASIS_TEXT[basis ?? 'own']}</p>
      <LevelRadioGroup criterion={criterion} labels={props.labels} value={level} onChange={props.onLevel} disabled={!editable} />
      <div className="field">
        <label htmlFor={feedbackId}>Final feedback for {criterion.title}</label>
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
        <p id={hintId} className={missing ? 'hint hint-warn' : 'hint'}>{locked ? 'Locked: met on an earlier attempt.' : required ? 'Required.' : 'Optional.'}</p>
      </div>
    </section>
  );
}
