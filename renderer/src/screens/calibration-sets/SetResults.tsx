import type { CalibrationAttempt, CalibrationPolicy } from '../../../../shared/index.ts';
import { formatDate, formatShare } from '../../format.ts';
import { useCriterionNames } from '../calibration/criterion-names.ts';
import { AgreementChart } from './AgreementChart.tsx';
import { completed, criterionAgreement, criterionFigure, latestPerAssessor } from './agreement.ts';

type Props = { microCredentialId: string; attempts: readonly CalibrationAttempt[]; policy: CalibrationPolicy };

/** A share against the pass mark, in words as well as figures, so no colour or icon is needed to read it. */
const againstPassMark = (figure: number | null, passMark: number) =>
  figure === null ? 'not defined' : `${formatShare(figure)}${figure < passMark ? ' (below)' : ''}`;

/**
 * Assessors' calibration results for one micro-credential, from each assessor's latest
 * completed attempt: agreement per criterion against the pass mark (chart, text summary,
 * table), where most assessors lean the same way from the master, and one row per assessor
 * with their agreement on each criterion.
 */
export function SetResults({ microCredentialId, attempts, policy }: Props) {
  const names = useCriterionNames(microCredentialId);
  const title = names.title;
  const latest = latestPerAssessor(attempts);
  const rows = criterionAgreement(attempts, policy);
  if (latest.length === 0) return <p className="empty">No assessor has completed a calibration attempt for this micro-credential yet.</p>;
  const drifting = rows.filter((r) => r.drift !== null);
  const below = rows.filter((r) => r.mean !== null && r.mean < policy.passMark);
  const measure = policy.measure;
  const done = completed(attempts).length;
  const assessors = `${latest.length} assessor${latest.length === 1 ? '' : 's'}`;
  const summary = `${assessors} (latest of ${done} completed attempt${done === 1 ? '' : 's'}); mean ${measure} agreement per criterion against a pass mark of ${formatShare(policy.passMark)}: `
    + rows.map((r) => `${title(r.criterionId)} ${formatShare(r.mean)}`).join(', ')
    + (below.length === 0 ? '. Every criterion is at or above the pass mark.' : `. Below the pass mark: ${below.map((r) => title(r.criterionId)).join(', ')}.`);
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">Assessor results</h2>
      {drifting.map((r) => (
        <p key={r.criterionId} className="callout" role="note">
          {r.drift === 'lenient' ? r.lenient : r.harsh} of {r.assessors} assessors score <strong>{title(r.criterionId)}</strong>{' '}
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
          <tr><th scope="col">Criterion</th><th scope="col">Mean agreement</th><th scope="col">Assessors below the pass mark</th><th scope="col">Higher than the master</th><th scope="col">Lower than the master</th></tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.criterionId}>
              <th scope="row">{title(r.criterionId)}</th>
              <td>{formatShare(r.mean)}</td>
              <td>{r.belowPassMark} of {r.assessors}</td>
              <td>{r.lenient}</td>
              <td>{r.harsh}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="table-scroll" role="region" aria-label="Results per assessor" tabIndex={0}>
        <table className="data-table">
          <caption>Each assessor’s latest attempt: {measure} agreement per criterion against the pass mark of {formatShare(policy.passMark)}</caption>
          <thead>
            <tr>
              <th scope="col">Assessor</th>
              <th scope="col">Completed</th>
              {rows.map((r) => <th scope="col" key={r.criterionId}>{title(r.criterionId)}</th>)}
              <th scope="col">Overall</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {latest.map((a) => (
              <tr key={a.id}>
                <th scope="row">{a.assessorId ?? `Attempt ${a.id}`}</th>
                <td>{a.completedAt ? formatDate(a.completedAt) : ''}</td>
                {rows.map((r) => <td key={r.criterionId}>{againstPassMark(criterionFigure(a, r.criterionId, measure), policy.passMark)}</td>)}
                <td>{againstPassMark(a.agreement?.[measure] ?? null, policy.passMark)}</td>
                <td>{a.state === 'passed' ? 'Passed' : 'Not passed'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
