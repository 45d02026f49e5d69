import type { KeyboardEvent } from 'react';
import type { AssessorReliability, ReliabilityReport } from '../../../../shared/index.ts';
import { Figure, fixed, share, signed } from '../../components/reports/Figure.tsx';
import { flagText } from './reliability-data.ts';

type Props = { report: ReliabilityReport; selected: string | null; onSelect(assessorId: string): void; criterion(id: string): string };

/** ↑/↓/Home/End move between the rows' buttons (Enter or Space selects, as on any button). */
function moveFocus(event: KeyboardEvent<HTMLTableSectionElement>) {
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-assessor]')];
  const at = buttons.indexOf(event.target as HTMLButtonElement);
  if (at < 0) return;
  const moves: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: buttons.length - 1 };
  const next = moves[event.key];
  if (next === undefined) return;
  event.preventDefault();
  buttons[Math.min(buttons.length - 1, Math.max(0, next))]?.focus();
}

/**
 * Every assessor with their figures against master scores and against the other reader,
 * each comparison with its n, and their flags. Each name is a toggle button that selects the
 * assessor for every chart.
 */
export function AssessorTable({ report, selected, onSelect, criterion }: Props) {
  const measure = report.policy.measure;
  const row = (a: AssessorReliability) => (
    <tr key={a.assessorId} className={a.assessorId === selected ? 'row-selected' : undefined} data-assessor={a.assessorId}>
      <th scope="row">
        <button type="button" className="link" data-assessor={a.assessorId} aria-pressed={a.assessorId === selected} onClick={() => onSelect(a.assessorId)}>
          {a.displayName}
        </button>
      </th>
      <td>{a.master.n}</td>
      <td><Figure measure={a.master[measure]} format={share} /></td>
      <td><Figure measure={a.master.qwk} format={fixed(2)} /></td>
      <td><Figure measure={a.master.meanDifference} format={signed} /></td>
      <td>{a.peer.n}</td>
      <td><Figure measure={a.peer.exact} format={share} /></td>
      <td><Figure measure={a.peer.qwk} format={fixed(2)} /></td>
      <td><Figure measure={a.peer.meanDifference} format={signed} /></td>
      <td>
        {a.flags.length === 0 ? 'None' : (
          <ul className="flag-list">{a.flags.map((f) => <li key={`${f.kind} ${f.against} ${f.criterionId ?? ''}`} className={`flag flag-${f.kind}`}>{flagText(f, criterion)}</li>)}</ul>
        )}
      </td>
    </tr>
  );
  return (
    <div className="wide-table">
      <table className="data-table assessor-table" aria-describedby="assessor-table-help">
        <caption>Assessors ({report.assessors.length})</caption>
        <thead>
          <tr>
            <td />
            <th scope="colgroup" colSpan={4}>Against master scores</th>
            <th scope="colgroup" colSpan={4}>Against the other reader</th>
            <td />
          </tr>
          <tr>
            <th scope="col">Assessor</th>
            <th scope="col">n</th><th scope="col">{measure === 'exact' ? 'Exact' : 'Adjacent'}</th><th scope="col">Weighted kappa</th><th scope="col">Mean difference</th>
            <th scope="col">n</th><th scope="col">Exact</th><th scope="col">Weighted kappa</th><th scope="col">Mean difference</th>
            <th scope="col">Flags</th>
          </tr>
        </thead>
        <tbody onKeyDown={moveFocus}>{report.assessors.map(row)}</tbody>
      </table>
      <p id="assessor-table-help" className="hint">Select an assessor to show only them in every chart; ↑ and ↓ move between assessors.</p>
    </div>
  );
}
