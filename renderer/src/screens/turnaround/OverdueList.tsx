import { useState } from 'react';
import type { OpenWorkItem, ReassignResponse } from '../../../../shared/index.ts';
import { formatDateTime } from '../../format.ts';
import { ReassignDialog } from './ReassignDialog.tsx';

type Props = { items: readonly OpenWorkItem[]; generatedAt: string; assessorName(id: string): string; title(microCredentialId: string): string };

const HOUR_MS = 3_600_000;

/** "Overdue by 2 days" or "Due in 30 hours", from the report's own clock. */
function dueText(item: OpenWorkItem, now: number): string {
  const hours = Math.round((Date.parse(item.dueAt) - now) / HOUR_MS);
  if (hours >= 0) return `Due in ${hours} hour${hours === 1 ? '' : 's'}`;
  const late = -hours;
  return late < 48 ? `Overdue by ${late} hour${late === 1 ? '' : 's'}` : `Overdue by ${Math.floor(late / 24)} days`;
}

/** Open work overdue or due within 48 hours, soonest due first, each with a Reassign action. */
export function OverdueList({ items, generatedAt, assessorName, title }: Props) {
  const [reassigning, setReassigning] = useState<OpenWorkItem | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const now = Date.parse(generatedAt);
  const finished = (result: ReassignResponse) => {
    const named = (id: string) => result.assessorNames[id] ?? assessorName(id);
    setDone(`Submission ${result.assignment.submissionId} reassigned from ${named(result.previous.assessorId)} to ${named(result.assignment.assessorId)}.`);
    setReassigning(null);
  };
  return (
    <section aria-labelledby="overdue-heading">
      <h2 id="overdue-heading">Overdue and due within 48 hours</h2>
      <p role="status" className="reassigned">{done}</p>
      {items.length === 0 ? <p className="empty">No open work is overdue or due within 48 hours.</p> : (
        <table className="data-table" data-testid="overdue-table">
          <caption>Open work, soonest due first ({items.length})</caption>
          <thead>
            <tr><th scope="col">Submission</th><th scope="col">Micro-credential</th><th scope="col">Assessor</th><th scope="col">Read</th><th scope="col">Due</th><th scope="col">Status</th><th scope="col">Action</th></tr>
          </thead>
          <tbody>
            {items.map((item) => (
              <tr key={item.assignmentId} className={item.overdue ? 'row-overdue' : undefined}>
                <th scope="row">{item.submissionId}{item.resubmission ? ' (resubmission)' : ''}</th>
                <td>{title(item.microCredentialId)}</td>
                <td>{item.assessorName}</td>
                <td>{item.role === 'second' ? 'Second read' : 'Primary'}</td>
                <td>{formatDateTime(item.dueAt)}</td>
                <td>{dueText(item, now)}</td>
                <td>
                  <button type="button" aria-label={`Reassign submission ${item.submissionId}`} onClick={() => { setDone(null); setReassigning(item); }}>Reassign</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ReassignDialog item={reassigning} assessorName={assessorName} onClose={() => setReassigning(null)} onDone={finished} />
    </section>
  );
}
