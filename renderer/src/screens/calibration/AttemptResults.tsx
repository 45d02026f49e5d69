import type { CalibrationAttempt, CalibrationPolicy } from '../../../../shared/index.ts';
import { formatDate, formatShare } from '../../format.ts';
import { useCriterionNames } from './criterion-names.ts';

type Props = { attempt: CalibrationAttempt; policy: CalibrationPolicy | null };

const DECISIONS = { earned: 'Earned', not_yet: 'Not yet' } as const;

/**
 * A completed attempt: per item and criterion the assessor's level beside the master's and
 * the master's rationale, then the agreement against the pass mark, the outcome and the new
 * expiry date. Only a completed attempt carries items (the hub keeps open ones blind).
 */
export function AttemptResults({ attempt, policy }: Props) {
  const names = useCriterionNames(attempt.microCredentialId);
  const { agreement, items = [] } = attempt;
  const passed = attempt.state === 'passed';
  const headingId = `attempt-${attempt.id}`;
  const measure = policy?.measure ?? 'exact';
  return (
    <section className="results" aria-labelledby={headingId}>
      <h3 id={headingId}>
        Calibration results{attempt.completedAt ? ` of ${formatDate(attempt.completedAt)}` : ''}:{' '}
        <span className={passed ? 'outcome-pass' : 'outcome-fail'}>{passed ? 'Passed' : 'Not passed'}</span>
      </h3>
      {items.map((item, index) => (
        <table key={item.submissionId}>
          <caption>
            Item {index + 1}: your decision {DECISIONS[item.decision]}, the master's {DECISIONS[item.masterDecision]}
          </caption>
          <thead>
            <tr><th scope="col">Criterion</th><th scope="col">Your level</th><th scope="col">Master's level</th><th scope="col">Master's rationale</th></tr>
          </thead>
          <tbody>
            {item.criteria.map((c) => (
              <tr key={c.criterionId}>
                <th scope="row">{names.title(c.criterionId)}</th>
                <td>{names.level(c.level)}{c.level !== c.masterLevel && <span className="visually-hidden"> (differs)</span>}</td>
                <td>{names.level(c.masterLevel)}</td>
                <td>{c.masterRationale}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ))}
      {agreement && (
        <>
          <h4>Agreement with the master</h4>
          <dl className="figures">
            <dt>Exact agreement{measure === 'exact' ? ' (the measure that counts)' : ''}</dt><dd>{formatShare(agreement.exact)}</dd>
            <dt>Adjacent agreement{measure === 'adjacent' ? ' (the measure that counts)' : ''}</dt><dd>{formatShare(agreement.adjacent)}</dd>
            <dt>Pass mark</dt><dd>{policy ? formatShare(policy.passMark) : 'not known on this device'}</dd>
            <dt>Largest difference</dt>
            <dd>{agreement.maxDiscrepancy} level{agreement.maxDiscrepancy === 1 ? '' : 's'}{policy ? ` (at most ${policy.maxDiscrepancy} allowed)` : ''}</dd>
            <dt>Weighted kappa (quadratic)</dt><dd>{agreement.qwk === null ? 'not defined' : agreement.qwk.toFixed(2)}</dd>
            <dt>Decisions agreeing</dt><dd>{formatShare(agreement.decisionAgreement)}</dd>
          </dl>
        </>
      )}
      <p>
        {passed && attempt.qualification
          ? `You are qualified until ${formatDate(attempt.qualification.calibratedUntil)}.`
          : passed ? 'You are qualified again.' : 'Your qualification did not change. You can calibrate again after the waiting time.'}
      </p>
    </section>
  );
}
