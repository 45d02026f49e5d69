import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { Criterion, EvidenceNote } from '../../../../shared/index.ts';
import { formatTime } from '../../format.ts';

export type NoteAnchor = { artifactId: string; atSec?: number; page?: number };

type Props = {
  anchor: NoteAnchor;
  criteria: readonly Criterion[];
  defaultCriterionId: string | null;
  onSave(note: EvidenceNote): void;
  onCancel(): void;
};

/** Writing a note anchored at the moment (or page) it was started, linked to a criterion. */
export function NoteComposer({ anchor, criteria, defaultCriterionId, onSave, onCancel }: Props) {
  const [text, setText] = useState('');
  const [criterionId, setCriterionId] = useState(defaultCriterionId ?? '');
  const [endText, setEndText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => textRef.current?.focus(), []);
  const isVideo = anchor.atSec !== undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (text.trim() === '') return setError('Write the note first.');
    const note: EvidenceNote = { artifactId: anchor.artifactId, text: text.trim() };
    if (anchor.atSec !== undefined) note.atSec = Math.round(anchor.atSec * 10) / 10;
    if (anchor.page !== undefined) note.page = anchor.page;
    if (criterionId) note.criterionId = criterionId;
    if (isVideo && endText.trim() !== '') {
      const end = Number(endText);
      if (!Number.isFinite(end) || end < (note.atSec ?? 0)) return setError('The end time must be a number of seconds after the start.');
      note.endSec = end;
    }
    onSave(note);
    return undefined;
  };

  return (
    <form className="note-composer" onSubmit={submit} aria-label="New note">
      <p className="muted">
        Note at {isVideo ? formatTime(anchor.atSec ?? 0) : `page ${anchor.page ?? 1}`}
      </p>
      <div className="field">
        <label htmlFor="note-text">Note text</label>
        <textarea
          id="note-text"
          ref={textRef}
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onCancel();
          }}
        />
      </div>
      <div className="field-row">
        <div className="field">
          <label htmlFor="note-criterion">Criterion</label>
          <select id="note-criterion" value={criterionId} onChange={(e) => setCriterionId(e.target.value)}>
            <option value="">None</option>
            {criteria.map((c) => <option key={c.id} value={c.id}>{c.title}</option>)}
          </select>
        </div>
        {isVideo && (
          <div className="field">
            <label htmlFor="note-end">End time in seconds (optional)</label>
            <input id="note-end" type="number" min={0} step="0.1" inputMode="decimal" value={endText} onChange={(e) => setEndText(e.target.value)} />
          </div>
        )}
      </div>
      {error && <p role="alert" className="error">{error}</p>}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>Cancel</button>
        <button type="submit" className="primary">Save note</button>
      </div>
    </form>
  );
}
