import { decide, validateReview, type AssignmentRole, type Draft, type ReviewIssue, type Rubric } from '../../../../shared/index.ts';
import { Dialog } from '../common/Dialog.tsx';

type Props = {
  open: boolean;
  rubric: Rubric;
  draft: Draft;
  scores: Readonly<Record<string, number>>;
  feedback: Readonly<Record<string, string>>;
  /** The assignment's role: a master review must give a rationale for every criterion (the shared rule). */
  role: AssignmentRole;
  submitting: boolean;
  error: string | null;
  onConfirm(): void;
  onClose(): void;
  /** Another kind of final read (an adjudication): its own title, its own rule for what is missing, and what submitting means. */
  kind?: { title: string; issues: readonly ReviewIssue[]; consequence: string };
};

/** The last look before a review is queued: levels, decision and anything still missing. */
export function SubmitDialog({ open, rubric, draft, scores, feedback, role, submitting, error, onConfirm, onClose, kind }: Props) {
  const outcome = decide(rubric, scores);
  const issues = kind?.issues ?? validateReview(rubric, { scores, criterionFeedback: feedback, criterionRationale: draft.criterionRationale, notes: draft.notes }, undefined, { role });
  return (
    <Dialog open={open} title={kind?.title ?? 'Submit review'} onClose={onClose}>
      <table className="summary">
        <caption className="visually-hidden">Levels given</caption>
        <thead>
          <tr><th scope="col">Criterion</th><th scope="col">Level</th></tr>
        </thead>
        <tbody>
          {rubric.criteria.map((c) => {
            const level = scores[c.id];
            return (
              <tr key={c.id}>
                <th scope="row">{c.title}</th>
                <td>{level === undefined ? 'not scored' : `${level} ${rubric.scale.labels[level - 1] ?? ''}`}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="decision-line">
        Decision: <strong>{outcome.decision === 'earned' ? 'Earned' : outcome.decision === 'not_yet' ? 'Not yet' : 'Incomplete'}</strong>
      </p>
      {issues.length > 0 ? (
        <div className="missing" role="alert">
          <p>Complete these before submitting:</p>
          <ul>{issues.map((i) => <li key={i.path}>{i.message}</li>)}</ul>
        </div>
      ) : (
        <p>{kind?.consequence ?? 'Once submitted, the review is queued for the hub and can no longer be changed.'}</p>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>Cancel</button>
        <button type="button" className="primary" onClick={onConfirm} disabled={issues.length > 0 || submitting}>
          {submitting ? 'Submitting…' : 'Confirm and submit'}
        </button>
      </div>
    </Dialog>
  );
}
