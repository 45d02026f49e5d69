import { useState, type FormEvent } from 'react';
import { DecisionBasis, DecisionsExportQuery, type Decision } from '../../../../shared/index.ts';

export type DecisionFilterValues = DecisionsExportQuery;

type Props = { applied: DecisionFilterValues; onApply(filters: DecisionFilterValues): void };

export const DECISION_LABELS: Record<Decision, string> = { earned: 'Earned', not_yet: 'Not yet' };
export const BASIS_LABELS: Record<(typeof DecisionBasis.options)[number], string> = { single: 'Single read', agreed: 'Agreed (two reads)', adjudicated: 'Adjudicated', consensus: 'Consensus' };

type Draft = { microCredentialId: string; assessorId: string; candidateRef: string; decision: string; basis: string; from: string; to: string };

const ID_FIELDS = [
  { key: 'microCredentialId', label: 'Micro-credential id' },
  { key: 'assessorId', label: 'Assessor id' },
  { key: 'candidateRef', label: 'Candidate ref' },
] as const;

const dayOf = (iso: string | undefined) => (iso ? iso.slice(0, 10) : '');

function toDraft(f: DecisionFilterValues): Draft {
  return {
    microCredentialId: f.microCredentialId ?? '', assessorId: f.assessorId ?? '', candidateRef: f.candidateRef ?? '',
    decision: f.decision ?? '', basis: f.basis ?? '', from: dayOf(f.from), to: dayOf(f.to),
  };
}

/** The form's values as the hub's filters: dates are whole UTC days, empty fields are no filter. */
function toFilters(d: Draft) {
  return DecisionsExportQuery.safeParse({
    microCredentialId: d.microCredentialId.trim() || undefined,
    assessorId: d.assessorId.trim() || undefined,
    candidateRef: d.candidateRef.trim() || undefined,
    decision: d.decision || undefined,
    basis: d.basis || undefined,
    from: d.from ? `${d.from}T00:00:00.000Z` : undefined,
    to: d.to ? `${d.to}T23:59:59.999Z` : undefined,
  });
}

/** The decisions filters: edited freely, applied together (one hub query per "Apply"). */
export function DecisionFilters({ applied, onApply }: Props) {
  const [draft, setDraft] = useState<Draft>(() => toDraft(applied));
  const [problems, setProblems] = useState<Record<string, string>>({});
  const set = (key: keyof Draft) => (e: { target: { value: string } }) => setDraft({ ...draft, [key]: e.target.value });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = toFilters(draft);
    if (!parsed.success) {
      setProblems(Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
      return;
    }
    setProblems({});
    onApply(parsed.data);
  };
  const clear = () => {
    setDraft(toDraft({}));
    setProblems({});
    onApply({});
  };

  const problem = (key: string) => problems[key] && <p id={`df-${key}-error`} className="hint error">{problems[key]}</p>;
  const invalid = (key: string) => (problems[key] ? { 'aria-invalid': true, 'aria-describedby': `df-${key}-error` } : {});

  return (
    <form className="queue-filters decision-filters" aria-label="Filter decisions" onSubmit={submit}>
      {ID_FIELDS.map(({ key, label }) => (
        <div className="field" key={key}>
          <label htmlFor={`df-${key}`}>{label}</label>
          <input id={`df-${key}`} type="search" value={draft[key]} onChange={set(key)} {...invalid(key)} />
          {problem(key)}
        </div>
      ))}
      <div className="field">
        <label htmlFor="df-decision">Decision</label>
        <select id="df-decision" value={draft.decision} onChange={set('decision')}>
          <option value="">All</option>
          {Object.entries(DECISION_LABELS).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="df-basis">Basis</label>
        <select id="df-basis" value={draft.basis} onChange={set('basis')}>
          <option value="">All</option>
          {DecisionBasis.options.map((value) => <option key={value} value={value}>{BASIS_LABELS[value]}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor="df-from">Decided from (UTC)</label>
        <input id="df-from" type="date" value={draft.from} onChange={set('from')} {...invalid('from')} />
        {problem('from')}
      </div>
      <div className="field">
        <label htmlFor="df-to">Decided to (UTC)</label>
        <input id="df-to" type="date" value={draft.to} onChange={set('to')} {...invalid('to')} />
        {problem('to')}
      </div>
      <div className="field filter-actions">
        <button type="submit" className="primary">Apply filters</button>
        <button type="button" onClick={clear}>Clear</button>
      </div>
    </form>
  );
}
