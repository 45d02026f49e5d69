import type { EvidenceNote } from '../../../../shared/index.ts';
import { formatTime } from '../../format.ts';

type Props = {
  notes: readonly EvidenceNote[];
  label: string;
  artifactName(artifactId: string): string;
  onSelect(note: EvidenceNote): void;
  onRemove?: (note: EvidenceNote) => void;
};

export function noteWhere(note: EvidenceNote): string {
  if (note.atSec !== undefined) return note.endSec !== undefined ? `${formatTime(note.atSec)}–${formatTime(note.endSec)}` : formatTime(note.atSec);
  if (note.page !== undefined) return `page ${note.page}`;
  return '';
}

/** Evidence notes; choosing one opens its artifact at its time or page. */
export function NotesList({ notes, label, artifactName, onSelect, onRemove }: Props) {
  return (
    <ul className="notes" aria-label={label}>
      {notes.map((note, i) => (
        <li key={`${note.artifactId}-${note.atSec ?? note.page ?? ''}-${i}`}>
          <button type="button" className="note" onClick={() => onSelect(note)}>
            <span className="note-where">{noteWhere(note)}</span>{' '}
            <span className="note-text">{note.text}</span>{' '}
            <span className="note-artifact muted">{artifactName(note.artifactId)}</span>
          </button>
          {onRemove && (
            <button type="button" className="icon-button" aria-label={`Remove note “${note.text.slice(0, 40)}”`} onClick={() => onRemove(note)}>
              ×
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}
