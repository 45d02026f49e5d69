import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';

/** One final decision as the export writes it. */
export type DecisionCsvRow = {
  submissionId: string;
  candidateRef: string;
  microCredentialId: string;
  attempt: number;
  decision: string;
  basis: string;
  decidedAt: string;
  assessorIds: readonly string[];
  rubricId: string;
  rubricVersion: number;
  /** Final level per criterion id; a criterion that is not in this decision's rubric is left empty. */
  levels: Readonly<Record<string, number>>;
};

const FIXED_COLUMNS = ['submissionId', 'candidateRef', 'microCredentialId', 'attempt', 'decision', 'basis', 'decidedAt', 'assessorIds', 'rubricId', 'rubricVersion'] as const;

/** The header row: the fixed columns, then `level:<criterionId>` per criterion, in the order given. */
export const decisionCsvHeader = (criterionIds: readonly string[]): string[] => [...FIXED_COLUMNS, ...criterionIds.map((id) => `level:${id}`)];

/** Every cell as text, so the formula guard below sees numbers too. */
function cells(row: DecisionCsvRow, criterionIds: readonly string[]): string[] {
  const level = (id: string) => (Object.hasOwn(row.levels, id) ? String(row.levels[id]) : '');
  return [
    row.submissionId,
    row.candidateRef,
    row.microCredentialId,
    String(row.attempt),
    row.decision,
    row.basis,
    row.decidedAt,
    row.assessorIds.join(' '),
    row.rubricId,
    String(row.rubricVersion),
    ...criterionIds.map(level),
  ];
}

/**
 * Streams decisions as RFC 4180 CSV (UTF-8, CRLF, a header row) into `out`, pulling the next
 * row only when `out` has room, so memory stays flat however many rows there are. Resolves
 * when `out` has finished; rejects (and destroys `out`) if the rows or the sink fail.
 *
 * Formula injection (OWASP "CSV Injection"): a cell that begins with `=`, `+`, `-`, `@`, tab
 * or carriage return (or their full-width forms) is written with a leading single quote, so
 * a spreadsheet shows it as text instead of evaluating it. csv-stringify's `escape_formulas`
 * does this; every cell is text by then, so a leading `-` is guarded too.
 */
export async function writeDecisionsCsv(rows: AsyncIterable<DecisionCsvRow> | Iterable<DecisionCsvRow>, criterionIds: readonly string[], out: Writable): Promise<void> {
  const records = Readable.from(
    (async function* () {
      for await (const row of rows) yield cells(row, criterionIds);
    })(),
    { objectMode: true, highWaterMark: 64 },
  );
  const csv = stringify({ header: true, columns: decisionCsvHeader(criterionIds), record_delimiter: 'windows', escape_formulas: true });
  await pipeline(records, csv, out);
}
