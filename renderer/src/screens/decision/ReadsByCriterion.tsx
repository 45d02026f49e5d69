import type { AssignmentRole, HistoryRead, Rubric, SubmissionResult } from '../../../../shared/index.ts';
import { formatDate, formatDateTime } from '../../format.ts';

type Props = { reads: readonly HistoryRead[]; result: SubmissionResult | null; rubrics: readonly Rubric[] };
type Final = Extract<SubmissionResult, { status: 'final' }>;

const STANDING_LABELS = { current: 'Qualified', expired: 'Qualification expired', suspended: 'Qualification suspended' } as const;
const ROLE_LABELS: Record<AssignmentRole, string> = {
  primary: 'Primary read', second: 'Second read', adjudication: 'Adjudication', consensus: 'Consensus', calibration: 'Calibration read', master: 'Master read',
};

const rubricOf = (rubrics: readonly Rubric[], read: HistoryRead) => rubrics.find((r) => r.id === read.rubricId && r.version === read.rubricVersion);

/**
 * One row per criterion, titled as the rubrics name it (the submission's first, then any other
 * version a read used); a criterion no sent rubric names keeps the final result's title, or its id.
 */
function criteriaOf(rubrics: readonly Rubric[], reads: readonly HistoryRead[], final: Final | null) {
  const titles = new Map<string, string>();
  for (const rubric of rubrics) for (const c of rubric.criteria) if (!titles.has(c.id)) titles.set(c.id, c.title);
  for (const c of final?.criteria ?? []) if (!titles.has(c.criterionId)) titles.set(c.criterionId, c.title);
  for (const r of reads) for (const id of Object.keys(r.scores)) if (!titles.has(id)) titles.set(id, id);
  return [...titles].map(([id, title]) => ({ id, title }));
}

/** A read's level as its own rubric version labels it. */
function levelText(rubric: Rubric | undefined, level: number | undefined): string {
  if (level === undefined) return 'Not scored';
  const label = rubric?.scale.labels[level - 1];
  return label ? `Level ${level}: ${label}` : `Level ${level}`;
}

function Standing({ read }: { read: HistoryRead }) {
  const s = read.standing;
  const attempt = s.lastAttempt;
  return (
    <p className="read-standing muted">
      {STANDING_LABELS[s.state]}
      {s.calibratedUntil && `, calibrated until ${formatDate(s.calibratedUntil)}`}
      {attempt && `; last calibration ${attempt.state}${attempt.exact === null ? '' : ` (exact agreement ${Math.round(attempt.exact * 100)}%)`}`}
      {`; rubric ${read.rubricId} v${read.rubricVersion}`}
    </p>
  );
}

/**
 * Every read and the final result side by side, one row per criterion: who gave which level,
 * with their feedback, and the standing each assessor had when the read was submitted.
 */
export function ReadsByCriterion({ reads, result, rubrics }: Props) {
  const final: Final | null = result?.status === 'final' ? result : null;
  const criteria = criteriaOf(rubrics, reads, final);
  if (reads.length === 0) return <p className="muted">No reads have been submitted yet.</p>;
  return (
    <div className="reads">
      <ul className="read-list" aria-label="Reads">
        {reads.map((r) => (
          <li key={r.reviewId}>
            <strong>{ROLE_LABELS[r.role]}</strong> by {r.assessorId}, {formatDateTime(r.receivedAt)}: {r.decision === 'earned' ? 'Earned' : 'Not yet'}
            <Standing read={r} />
          </li>
        ))}
      </ul>
      <div className="table-scroll" role="region" aria-label="Reads by criterion" tabIndex={0}>
        <table className="reads-table">
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              {reads.map((r) => <th scope="col" key={r.reviewId}>{ROLE_LABELS[r.role]} ({r.assessorId})</th>)}
              {final && <th scope="col">Final</th>}
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => {
              const met = final?.criteria.find((f) => f.criterionId === c.id);
              return (
                <tr key={c.id}>
                  <th scope="row">{c.title}</th>
                  {reads.map((r) => (
                    <td key={r.reviewId}>
                      <span className="read-level">{levelText(rubricOf(rubrics, r), r.scores[c.id])}</span>
                      {r.criterionFeedback[c.id] && <span className="read-feedback">{r.criterionFeedback[c.id]}</span>}
                    </td>
                  ))}
                  {met && (
                    <td>
                      <span className="read-level">Level {met.level}: {met.label}</span>
                      <span className={`badge ${met.met ? 'badge-met' : 'badge-overdue'}`}>{met.met ? 'Met' : 'Not met'}</span>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}
