import { useCallback, useState } from 'react';
import type { ReportBucket, TurnaroundReport } from '../../../../shared/index.ts';
import { Figure, fixed, share } from '../../components/reports/Figure.tsx';
import { ReportControls } from '../../components/reports/ReportControls.tsx';
import { lastTwelveMonths, periodQuery } from '../../components/reports/period.ts';
import { HubError } from '../../components/staff/HubError.tsx';
import { useApiQuery } from '../../hooks/useApiQuery.ts';
import { DaysHistogram } from './DaysHistogram.tsx';
import { OverdueList } from './OverdueList.tsx';
import { Trend } from './Trend.tsx';

const ALL = '';

/** Days to decision and hours to first opening per assessor, each figure with its n. */
function ByAssessor({ report }: { report: TurnaroundReport }) {
  if (report.byAssessor.length === 0) return null;
  return (
    <section aria-labelledby="by-assessor-heading">
      <h2 id="by-assessor-heading">By assessor</h2>
      <table className="data-table">
        <caption>Days to decision and hours to first opening per assessor</caption>
        <thead>
          <tr>
            <th scope="col">Assessor</th><th scope="col">Decisions</th><th scope="col">Median days</th><th scope="col">p90 days</th><th scope="col">Within the SLA</th>
            <th scope="col">Openings</th><th scope="col">Median hours to open</th><th scope="col">p90 hours to open</th>
          </tr>
        </thead>
        <tbody>
          {report.byAssessor.map((a) => (
            <tr key={a.assessorId}>
              <th scope="row">{a.displayName}</th><td>{a.decisions.n}</td><td><Figure measure={a.decisions.medianDays} format={fixed(1)} /></td>
              <td><Figure measure={a.decisions.p90Days} format={fixed(1)} /></td><td><Figure measure={a.decisions.withinSla} format={share} /></td>
              <td>{a.firstOpening.n}</td><td><Figure measure={a.firstOpening.medianHours} format={fixed(1)} /></td><td><Figure measure={a.firstOpening.p90Hours} format={fixed(1)} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/**
 * Turnaround (issue #13), for issuer staff: how long decisions take against the SLA, the
 * trend, how soon work is first opened, and the open work that is or will soon be overdue,
 * which staff can reassign. Online only.
 */
export function TurnaroundScreen() {
  const mcs = useApiQuery('policy.list', {});
  const list = mcs.data?.microCredentials ?? [];
  const [chosen, setChosen] = useState(ALL);
  const [period, setPeriod] = useState(lastTwelveMonths);
  const [bucket, setBucket] = useState<ReportBucket>('week');
  const report = useApiQuery('reports.turnaround', { ...(chosen === ALL ? {} : { microCredentialId: chosen }), bucket, ...periodQuery(period) }, { keepPrevious: true });
  const data = report.data;
  const title = useCallback((id: string) => list.find((m) => m.id === id)?.title ?? id, [list]);
  const assessorName = useCallback((id: string) => data?.byAssessor.find((a) => a.assessorId === id)?.displayName ?? data?.openWork.find((w) => w.assessorId === id)?.assessorName ?? id, [data]);
  const slas = [...new Set((data?.byMicroCredential ?? []).map((m) => m.slaDays))];
  return (
    <div className="reports turnaround" aria-busy={report.isFetching}>
      <div className="screen-head"><h1>Turnaround</h1></div>
      {mcs.error && <HubError error={mcs.error} what="the micro-credentials" onRetry={() => void mcs.refetch()} />}
      <ReportControls idPrefix="ta" period={period} onPeriod={setPeriod} bucket={bucket} onBucket={setBucket}>
        <div className="field">
          <label htmlFor="ta-mc">Micro-credential</label>
          <select id="ta-mc" value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value={ALL}>All micro-credentials</option>
            {list.map((m) => <option key={m.id} value={m.id}>{m.title}</option>)}
          </select>
        </div>
      </ReportControls>
      {report.isPending && <p className="empty">Loading the turnaround report…</p>}
      {report.error && <HubError error={report.error} what="the turnaround report" onRetry={() => void report.refetch()} />}
      {data && (
        <>
          <OverdueList items={data.openWork} generatedAt={data.generatedAt} assessorName={assessorName} title={title} />
          <section aria-labelledby="distribution-heading">
            <h2 id="distribution-heading">Days to decision</h2>
            {data.byMicroCredential.map((m) => <DaysHistogram key={m.microCredentialId} entry={m} title={title(m.microCredentialId)} />)}
          </section>
          <section aria-labelledby="trend-heading">
            <h2 id="trend-heading">Trend</h2>
            <Trend report={data} slaDays={slas.length === 1 ? (slas[0] as number) : null} />
          </section>
          <section aria-labelledby="opening-heading">
            <h2 id="opening-heading">Time to first opening</h2>
            <table className="data-table">
              <caption>Hours from assignment to first opening per micro-credential</caption>
              <thead><tr><th scope="col">Micro-credential</th><th scope="col">Openings</th><th scope="col">Median hours</th><th scope="col">p90 hours</th></tr></thead>
              <tbody>
                {data.byMicroCredential.map((m) => (
                  <tr key={m.microCredentialId}>
                    <th scope="row">{title(m.microCredentialId)}</th><td>{m.firstOpening.n}</td>
                    <td><Figure measure={m.firstOpening.medianHours} format={fixed(1)} /></td><td><Figure measure={m.firstOpening.p90Hours} format={fixed(1)} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <ByAssessor report={data} />
        </>
      )}
    </div>
  );
}
