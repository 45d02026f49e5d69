import type { Criterion, EvidenceNote, StoredReview } from '../../../../shared/index.ts';

type Props = {
  criterion: Criterion;
  labels: readonly string[];
  reads: readonly [StoredReview, StoredReview];
  /** How many levels apart the reads may be and still agree (the policy's tolerance). */
  tolerance: number;
};

const levelText = (level: number | undefined, labels: readonly string[]) => (level === undefined ? 'not scored' : `${level} ${labels[level - 1] ?? ''}`.trim());

/**
 * Both reads of one criterion side by side, Read A (the primary read) then Read B: level and
 * feedback, and how far apart they are, marked when beyond the tolerance. Used wherever the
 * two reads are resolved (adjudication, consensus).
 */
export function ReadsCompare({ criterion, labels, reads, tolerance }: Props) {
  const [a, b] = reads;
  const levelA = a.scores[criterion.id];
  const levelB = b.scores[criterion.id];
  const apart = levelA !== undefined && levelB !== undefined ? Math.abs(levelA - levelB) : null;
  const beyond = apart !== null && apart > tolerance;
  const summary = apart === null ? 'One read has no level here.' : apart === 0 ? 'Same level.' : `${apart} level${apart === 1 ? '' : 's'} apart${beyond ? `, beyond the tolerance of ${tolerance}` : ''}.`;
  return (
    <div className={`reads-compare${beyond ? ' reads-differ' : ''}`} data-testid={`reads-${criterion.id}`}>
      {([['A', a, levelA], ['B', b, levelB]] as const).map(([name, read, level]) => (
        <div key={name} className="read">
          <p className="read-head"><span className="badge badge-role">Read {name}</span> <strong>{levelText(level, labels)}</strong></p>
          {read.criterionFeedback[criterion.id] ? <blockquote>{read.criterionFeedback[criterion.id]}</blockquote> : <p className="muted">No feedback.</p>}
        </div>
      ))}
      <p className={beyond ? 'read-gap hint-warn' : 'read-gap muted'}>{summary}</p>
    </div>
  );
}

/** Both readers' notes on the evidence, each marked with its read, for the evidence pane. */
export const readNotes = (reads: readonly [StoredReview, StoredReview]): EvidenceNote[] =>
  reads.flatMap((read, i) => read.notes.map((n) => ({ ...n, text: `Read ${i === 0 ? 'A' : 'B'}: ${n.text}` })));
