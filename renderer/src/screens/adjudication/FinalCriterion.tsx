import { feedbackRequired, type AdjudicationBasis, type Criterion, type StoredReview } from '../../../../shared/index.ts';
import { CriterionFrame, FeedbackField } from '../../components/review/CriterionFrame.tsx';
import { LevelRadioGroup } from '../../components/review/LevelRadioGroup.tsx';
import { ReadsCompare } from '../../components/review/ReadsCompare.tsx';
import { ariaKeyshortcut, READ_KEYS } from '../../shortcuts/shortcut-map.ts';

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
  const editable = !readOnly && !locked;
  const required = feedbackRequired(criterion, level ?? undefined, 'adjudication');
  const missing = required && feedback.trim() === '';
  return (
    <CriterionFrame criterion={criterion} active={props.active} onActivate={props.onActivate} lockedBadge={locked ? 'Met on the previous attempt' : null}>
      <ReadsCompare criterion={criterion} labels={props.labels} reads={props.reads} tolerance={props.tolerance} />
      {editable && (
        <div className="take-read">
          <button type="button" onClick={() => props.onTake('first')} aria-keyshortcuts={ariaKeyshortcut(READ_KEYS.first)}>Take Read A</button>
          <button type="button" onClick={() => props.onTake('second')} aria-keyshortcuts={ariaKeyshortcut(READ_KEYS.second)}>Take Read B</button>
        </div>
      )}
      <p className="basis" data-testid={`basis-${criterion.id}`}>Final: {level === null ? 'no level yet' : BASIS_TEXT[basis ?? 'own']}</p>
      <LevelRadioGroup criterion={criterion} labels={props.labels} value={level} onChange={props.onLevel} disabled={!editable} />
      <FeedbackField
        criterion={criterion} label={`Final feedback for ${criterion.title}`} text={feedback} editable={editable} required={required} missing={missing}
        hint={locked ? 'Locked: met on an earlier attempt.' : required ? 'Required.' : 'Optional.'} onChange={props.onFeedback}
      />
    </CriterionFrame>
  );
}
