import type { Route } from '../../router.ts';
import { ChainBadge } from '../../components/staff/ChainBadge.tsx';
import { HubError } from '../../components/staff/HubError.tsx';
import { formatDateTime } from '../../format.ts';
import { useApiQuery } from '../../hooks/useApiQuery.ts';
import { BASIS_LABELS, DECISION_LABELS } from '../decisions/DecisionFilters.tsx';
import { CredentialPanel } from './CredentialPanel.tsx';
import { HistoryTimeline } from './HistoryTimeline.tsx';
import { ReadsByCriterion } from './ReadsByCriterion.tsx';

type Props = { submissionId: string; navigate(route: Route): void };

/** One decision's whole story for issuer staff: timeline, reads by criterion, the credential. */
export function DecisionScreen({ submissionId, navigate }: Props) {
  const story = useApiQuery('staff.history', { submissionId });
  const verify = useApiQuery('audit.verify', {});
  const back = <button type="button" onClick={() => navigate({ name: 'decisions' })}>Back to decisions</button>;
  if (story.isPending) return <p className="loading">Loading the decision…</p>;
  if (story.error) {
    return (
      <div className="staff-screen">
        <div className="screen-head"><h1>Decision</h1>{back}</div>
        <HubError error={story.error} what="this decision" onRetry={() => void story.refetch()} />
      </div>
    );
  }
  const { history, result } = story.data;
  const d = history.decision;
  return (
    <div className="staff-screen decision-screen">
      <div className="screen-head">
        <div>
          <h1>Decision on {history.candidateRef}, attempt {history.attempt}</h1>
          <p className="muted">
            {history.microCredentialId} · submitted {formatDateTime(history.submittedAt)}
            {d ? ` · ${DECISION_LABELS[d.decision]} (${BASIS_LABELS[d.basis]}), decided ${formatDateTime(d.decidedAt)}, rubric ${d.rubricId} v${d.rubricVersion}` : ' · pending resolution'}
          </p>
        </div>
        <div className="review-actions">
          <ChainBadge verify={verify.data} pending={verify.isFetching} error={verify.error} />
          <button type="button" onClick={() => void verify.refetch()} disabled={verify.isFetching}>Verify chain</button>
          {back}
        </div>
      </div>
      {verify.data && !verify.data.ok && (
        <p role="alert" className="notice notice-error">
          The audit chain fails verification at seq {verify.data.firstBadSeq ?? '?'}{verify.data.reason ? ` (${verify.data.reason})` : ''}: this history may have been altered.
        </p>
      )}
      <div className="staff-grid">
        <section className="pane staff-section" aria-labelledby="timeline-title">
          <h2 id="timeline-title">History</h2>
          <HistoryTimeline events={history.events} />
          {history.selection && (
            <p className="hint">
              Double scoring: {history.selection.selected ? 'selected' : 'not selected'} ({history.selection.rule}, seq {history.selection.seq})
            </p>
          )}
        </section>
        <section className="pane staff-section" aria-labelledby="reads-title">
          <h2 id="reads-title">Reads</h2>
          <ReadsByCriterion reads={history.reads} result={result} rubrics={history.rubrics} />
        </section>
        <CredentialPanel submissionId={submissionId} decision={d} />
        {history.attempts.length > 1 && (
          <section className="pane staff-section" aria-labelledby="attempts-title">
            <h2 id="attempts-title">Attempts</h2>
            <ul className="attempts">
              {history.attempts.map((a) => (
                <li key={a.submissionId}>
                  {a.submissionId === submissionId
                    ? <span aria-current="page">Attempt {a.attempt} (this one)</span>
                    : <button type="button" className="link" onClick={() => navigate({ name: 'decision', id: a.submissionId })}>Attempt {a.attempt}</button>}
                  {' '}
                  <span className="muted">{a.decision ? DECISION_LABELS[a.decision] : 'no decision yet'}, submitted {formatDateTime(a.submittedAt)}</span>
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}
