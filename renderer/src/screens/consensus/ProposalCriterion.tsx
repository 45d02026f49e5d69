import { feedbackRequired, type Criterion, type StoredReview } from '../../../../shared/index.ts';
import { LevelRadioGroup } from '../../components/review/LevelRadioGroup.tsx';
import { ReadsCompare } from '../../components/review/ReadsCompare.tsx';

type Props = {
  criterion: Criterion;
  labels: readonly string[];
  reads: readonly [StoredReview, StoredReview];
  tolerance: number;
  /** The proposal's level and feedback: the proposer's draft, or the latest round as the second reader sees it. */
  level: number | null;
  feedback: string;
  /** The proposer on their turn; everyone else reads. */
  editable: boolean;
  active: boolean;
  onActivate(): void;
  onLevel(level: number): void;
  onFeedback(text: string): void;
};

/** One criterion of a consensus task: both reads, then the proposal's level and feedback. */
export function ProposalCriterion(props: Props) {
  const { criterion, level, feedback, editable } = props;
  const titleId = `criterion-title-${criterion.id}`;
  const feedbackId = `feedback-${criterion.id}`;
  const required = feedbackRequired(criterion, level ?? undefined);
  return (
    <section role="group" aria-labelledby={titleId} id={`criterion-${criterion.id}`} className={`criterion${props.active ? ' criterion-active' : ''}`} onFocus={props.onActivate}>
      <header className="criterion-head">
        <h3 id={titleId}>{criterion.title}</h3>
        <span className="weight">Weight {criterion.weight}</span>
      </header>
      <ReadsCompare criterion={criterion} labels={props.labels} reads={props.reads} tolerance={props.tolerance} />
      <LevelRadioGroup criterion={criterion} labels={props.labels} value={level} onChange={props.onLevel} disabled={!editable} />
      <div className="field">
        <label htmlFor={feedbackId}>Proposed feedback for {criterion.title}</label>
        <textarea id={feedbackId} value={feedback} readOnly={!editable} required={required} rows={3} onChange={(e) => props.onFeedback(e.target.value)} />
      </div>
    </section>
  );
}
