import type { AuditEvent } from '../../../../shared/index.ts';
import { formatDateTime } from '../../format.ts';

/** What an audit action means, for the ones a decision's story is made of; others show as recorded. */
const ACTION_LABELS: Record<string, string> = {
  'submission.received': 'Submission received',
  'submission.unassigned': 'No eligible assessor',
  'routing.original_excluded': 'Earlier assessor not eligible',
  'assignment.created': 'Assigned',
  'assignment.opened': 'Assignment first opened',
  'assignment.recused': 'Assessor recused',
  'review.submitted': 'Read submitted',
};

/** The decision's audit events, oldest first, as an ordered list a screen reader walks in turn. */
export function HistoryTimeline({ events }: { events: readonly AuditEvent[] }) {
  if (events.length === 0) return <p className="muted">No audit events recorded for this submission.</p>;
  return (
    <ol className="timeline" aria-label="History">
      {events.map((e) => (
        <li key={e.seq} className="timeline-event">
          <time dateTime={e.at}>{formatDateTime(e.at)}</time>
          <span className="timeline-action">{ACTION_LABELS[e.action] ?? e.action}</span>
          <span className="muted">by {e.actor === 'system' ? 'the hub' : e.actor} · seq {e.seq} · {e.action}</span>
        </li>
      ))}
    </ol>
  );
}
