import { useState, type FormEvent } from 'react';
import type { OpenWorkItem, ReassignResponse } from '../../../../shared/index.ts';
import type { ApiError } from '../../api/api-error.ts';
import { Dialog } from '../../components/common/Dialog.tsx';
import { formatDateTime } from '../../format.ts';
import { useApiMutation } from '../../hooks/useApiQuery.ts';

type Props = { item: OpenWorkItem | null; assessorName(id: string): string; onClose(): void; onDone(result: ReassignResponse): void };

/** The hub's refusals in words a staff member can act on; nothing was changed in any of them. */
export function refusalText(error: ApiError): string {
  const details = (error.details ?? {}) as { dueAt?: string };
  switch (error.code) {
    case 'resubmission_not_due':
      return `This is a resubmission: it stays with its original assessor until its due date${details.dueAt ? ` (${formatDateTime(details.dueAt)})` : ''} has passed, so they get a fair chance. Nothing was changed.`;
    case 'no_eligible_assessor':
      return 'No other assessor can take this work now (each must be active, qualified for it and free of conflicts). Nothing was changed.';
    case 'assignment_closed':
      return 'This work is no longer open: it was submitted, revoked or recused meanwhile. Nothing was changed.';
    case 'not_reassignable':
      return 'Only primary and second reads of live submissions can be reassigned. Nothing was changed.';
    case 'offline':
      return `The hub cannot be reached, so nothing was reassigned. ${error.message}`;
    default:
      return `The hub refused the reassignment: ${error.message}`;
  }
}

/** Asks the reason (required, kept in the audit log), then moves the work; a refusal is shown in the dialog. */
export function ReassignDialog({ item, assessorName, onClose, onDone }: Props) {
  const reassign = useApiMutation('reports.reassign', ['reports.turnaround']);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const close = () => {
    setReason('');
    setMissing(false);
    reassign.reset();
    onClose();
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!item) return;
    if (reason.trim() === '') {
      setMissing(true);
      return;
    }
    reassign.mutate({ assignmentId: item.assignmentId, reason: reason.trim() }, {
      onSuccess: (result) => {
        setReason('');
        setMissing(false);
        reassign.reset();
        onDone(result);
      },
    });
  };
  return (
    <Dialog open={item !== null} title={item ? `Reassign submission ${item.submissionId}` : 'Reassign'} onClose={close}>
      {item && (
        <form onSubmit={submit} noValidate>
          <p>
            With {assessorName(item.assessorId)}, due {formatDateTime(item.dueAt)}{item.overdue ? ' (overdue)' : ''}.
            {item.resubmission ? ' A resubmission: it can move only once its due date has passed.' : ''} The hub routes it to another eligible assessor.
          </p>
          <div className="field">
            <label htmlFor="reassign-reason">Reason (required, kept in the audit log)</label>
            <textarea id="reassign-reason" rows={3} maxLength={1000} value={reason} aria-invalid={missing} aria-describedby={missing ? 'reassign-reason-error' : undefined}
              onChange={(e) => { setReason(e.target.value); setMissing(false); }} />
            {missing && <p id="reassign-reason-error" className="field-error">Give a reason for the reassignment.</p>}
          </div>
          {reassign.error && <p role="alert" className="error" data-code={reassign.error.code}>{refusalText(reassign.error)}</p>}
          <div className="dialog-actions">
            <button type="button" onClick={close}>Cancel</button>
            <button type="submit" className="primary" disabled={reassign.isPending}>{reassign.isPending ? 'Reassigning…' : 'Reassign'}</button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
