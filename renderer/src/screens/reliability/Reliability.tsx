import { useCallback, useMemo, useState } from 'react';
import type { ReportBucket } from '../../../../shared/index.ts';
import { ReportControls } from '../../components/reports/ReportControls.tsx';
import { lastTwelveMonths, periodQuery } from '../../components/reports/period.ts';
import { HubError } from '../../components/staff/HubError.tsx';
import { useApiQuery } from '../../hooks/useApiQuery.ts';
import { AgreementOverTime } from './AgreementOverTime.tsx';
import { AssessorTable } from './AssessorTable.tsx';
import { ConfusionHeatmap } from './ConfusionHeatmap.tsx';
import { SeverityChart } from './SeverityChart.tsx';
import { AGAINST_LABEL, shown, type Against } from './reliability-data.ts';

/**
 * Reliability (issue #13), for issuer staff and master raters: per assessor, agreement with
 * master scores and with the other reader, their flags, and three charts. Selecting an
 * assessor, in the table or on a chart, shows only them in every chart. Online only.
 */
export function ReliabilityScreen() {
  const mcs = useApiQuery('policy.list', {});
  const list = mcs.data?.microCredentials ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const [period, setPeriod] = useState(lastTwelveMonths);
  const [bucket, setBucket] = useState<ReportBucket>('month');
  const [against, setAgainst] = useState<Against>('master');
  const [selected, setSelected] = useState<string | null>(null);
  const id = (list.find((m) => m.id === chosen) ?? list[0])?.id ?? '';
  const report = useApiQuery('reports.reliability', { microCredentialId: id, bucket, ...periodQuery(period) }, { enabled: id !== '', keepPrevious: true });
  const data = report.data;
  const title = useCallback((criterionId: string) => data?.criterionTitles[criterionId] ?? criterionId, [data]);
  const current = data?.assessors.find((a) => a.assessorId === selected) ?? null;
  const assessors = useMemo(() => (data ? shown(data, current?.assessorId ?? null) : []), [data, current]);
  const toggle = useCallback((assessorId: string) => setSelected((was) => (was === assessorId ? null : assessorId)), []);
  const pick = useCallback((assessorId: string) => setSelected(assessorId), []);
  return (
    <div className="reports reliability" aria-busy={report.isFetching} data-report-for={data?.microCredentialId}>
      <div className="screen-head"><h1>Reliability</h1></div>
      {mcs.error && <HubError error={mcs.error} what="the micro-credentials" onRetry={() => void mcs.refetch()} />}
      <ReportControls idPrefix="rel" period={period} onPeriod={setPeriod} bucket={bucket} onBucket={setBucket}>
        <div className="field">
          <label htmlFor="rel-mc">Micro-credential</label>
          <select id="rel-mc" value={id} onChange={(e) => { setChosen(e.target.value); setSelected(null); }}>
            {list.map((m) => <option key={m.id} value={m.id}>{m.title}</option>)}
          </select>
        </div>
      </ReportControls>
      {report.isPending && id !== '' && <p className="empty">Loading the reliability report…</p>}
      {report.error && <HubError error={report.error} what="the reliability report" onRetry={() => void report.refetch()} />}
      {data && data.assessors.length === 0 && <p className="empty">No assessor has rated against master scores or another reader in this period.</p>}
      {data && data.assessors.length > 0 && (
        <>
          <AssessorTable report={data} selected={current?.assessorId ?? null} onSelect={toggle} criterion={title} />
          <div className="selection-bar">
            <p role="status">{current ? <>Charts show <strong>{current.displayName}</strong> only.</> : <>Charts show {data.assessors.length === 1 ? 'the one assessor' : `all ${data.assessors.length} assessors`}.</>}</p>
            {current && <button type="button" onClick={() => setSelected(null)}>Show all assessors</button>}
          </div>
          <AgreementOverTime report={data} assessors={assessors} selected={current?.assessorId ?? null} onPick={pick} />
          <div className="field field-inline">
            <label htmlFor="rel-against">Severity and confusion compared with</label>
            <select id="rel-against" value={against} onChange={(e) => setAgainst(e.target.value as Against)}>
              {(['master', 'peer'] as const).map((a) => <option key={a} value={a}>{AGAINST_LABEL[a]}</option>)}
            </select>
          </div>
          <SeverityChart report={data} assessors={assessors} against={against} criterion={title} onPick={pick} />
          <ConfusionHeatmap assessors={assessors} against={against} points={data.points} />
        </>
      )}
    </div>
  );
}
