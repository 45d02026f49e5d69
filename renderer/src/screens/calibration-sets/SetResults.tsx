import type { CalibrationAttempt, CalibrationPolicy } from '../../../../shared/index.ts';
import { formatDate, formatShare } from '../../format.ts';
import { useCriterionNames } from '../calibration/criterion-names.ts';
import { AgreementChart } from './AgreementChart.tsx';
import { completed, criterionAgreement } from './agreement.ts';

type Props = { microCredentialId: string; attempts: readonly CalibrationAttempt[]; policy: CalibrationPolicy };

const signed = (d: number | null) => (d === null ? 'not defined' : `${d > 0 ? '+' : ''}${d.toFixed(2)}`);

/**
 * Assessors' calibration results for one micro-credential: agreement per criterion against
 * the pass mark (chart, text summary, table), where most assessors lean the same way from
 * the master, and one row per completed attempt.
 */
export function SetResults({ microCredentialId, attempts, policy }: Props) {
  const names = useCriterionNames(microCredentialId);
  const title = names.title;
  const done = completed(attempts);
  const rows = criterionAgreement(done, policy);
  if (done.length === 0) return <p className="empty">No assessor has completed a calibration attempt for this micro-credential yet.</p>;
  const drifting = rows.filter((r) => r.drift !== null);
  const below = rows.filter((r) => r.mean !== null && r.mean < policy.passMark);
  const measure = policy.measure === 'exact' ? 'exact' : 'adjacent';
  const summary = `${done.length} completed attempt${done.length === 1 ? '' : 's'}; mean ${measure} agreement per criterion against a pass mark of ${formatShare(policy.passMark)}: `
    + rows.map((r) => `${title(r.criterionId)} ${formatShare(r.mean)}`).join(', ')
    + (below.length === 0 ? '. Every criterion is at or above the pass mark.' : `. Below the pass mark: ${below.map((r) => title(r.criterionId)).join(', ')}.`);
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">Assessor results</h2>
      {drifting.map((r) => (
        <p key={r.criterionId} className="callout" role="note">
          {r.drift === 'lenient' ? r.lenient : r.harsh} of {r.attempts} assessors score <strong>{title(r.criterionId)}</strong>{' '}
          {r.drift === 'lenient' ? 'higher' : 'lower'} than the master: the descriptors may need work.
        </p>
      ))}
      <figure>
        <AgreementChart rows={rows} passMark={policy.passMark} title={title} />
        <figcaption>{summary}</figcaption>
      </figure>
      <table className="data-table">
        <caption>Agreement per criterion ({measure}, pass mark {formatShare(policy.passMark)})</caption>
        <thead>
          <tr><th scope="col">Criterion</th><th scope="col">Mean agreement</th><th scope="col">Attempts below the pass mark</th><th scope="col">Higher than the master</th><th scope="col">Lower than the master</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.criterionId}>
              <th scope="row">{title(r.criterionId)}</th>
              <td>{formatShare(r.mean)}</td>
              <td>{r.belowPassMark} of {r.attempts}</td>
              <td>{r.lenient}</td>
              <td>{r.harsh}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="data-table">
        <caption>Completed attempts</caption>
        <thead>
          <tr><th scope="col">Assessor</th><th scope="col">Completed</th><th scope="col">Exact</th><th scope="col">Adjacent</th><th scope="col">Mean difference</th><th scope="col">Outcome</th></tr>
        </thead>
        <tbody>
          {done.map((a) => (
            <tr key={a.id}>
              <th scope="row">{a.assessorId ?? `Attempt ${a.id}`}</th>
              <td>{a.completedAt ? formatDate(a.completedAt) : ''}</td>
              <td>{formatShare(a.agreement?.exact ?? null)}</td>
              <td>{formatShare(a.agreement?.adjacent ?? null)}</td>
              <td>{signed(a.agreement?.meanDifference ?? null)}</td>
              <td>{a.state === 'passed' ? 'Passed' : 'Not passed'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
