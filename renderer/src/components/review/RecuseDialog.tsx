import { useState } from 'react';
import { Dialog } from '../common/Dialog.tsx';

type Props = { open: boolean; busy: boolean; error: string | null; onConfirm(reason: string): void; onClose(): void };

/** Declaring a conflict of interest: the assignment goes back to the hub for someone else. */
export function RecuseDialog({ open, busy, error, onConfirm, onClose }: Props) {
  const [reason, setReason] = useState('');
  return (
    <Dialog open={open} title="Conflict of interest" onClose={onClose}>
      <p>You will be recused from this assignment and it will be given to another assessor. Your draft is kept for the record.</p>
      <div className="field">
        <label htmlFor="recuse-reason">Reason</label>
        <textarea id="recuse-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} required />
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>Cancel</button>
        <button type="button" className="danger" disabled={busy || reason.trim() === ''} onClick={() => onConfirm(reason.trim())}>
          {busy ? 'Recusing…' : 'Recuse me'}
        </button>
      </div>
    </Dialog>
  );
}
