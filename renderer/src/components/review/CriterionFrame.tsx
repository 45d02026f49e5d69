import type { ReactNode } from 'react';
import type { Criterion } from '../../../../shared/index.ts';

type FrameProps = { criterion: Criterion; active: boolean; onActivate(): void; lockedBadge: string | null; children: ReactNode };

/**
 * One criterion's group in any workspace (review, adjudication): the ARIA group the
 * keyboard moves between, its title and weight, and a badge when a previous attempt met it.
 */
export function CriterionFrame({ criterion, active, onActivate, lockedBadge, children }: FrameProps) {
  const titleId = `criterion-title-${criterion.id}`;
  return (
    <section
      role="group"
      aria-labelledby={titleId}
      id={`criterion-${criterion.id}`}
      className={`criterion${active ? ' criterion-active' : ''}${lockedBadge ? ' criterion-locked' : ''}`}
      onFocus={onActivate}
    >
      <header className="criterion-head">
        <h3 id={titleId}>{criterion.title}</h3>
        <span className="weight">Weight {criterion.weight}</span>
        {lockedBadge && <span className="badge badge-met">{lockedBadge}</span>}
      </header>
      {children}
    </section>
  );
}

type FeedbackProps = { criterion: Criterion; label: string; text: string; editable: boolean; required: boolean; missing: boolean; hint: string; onChange(text: string): void };

/** The feedback box under a criterion's levels, with the hint that says whether it is required. */
export function FeedbackField({ criterion, label, text, editable, required, missing, hint, onChange }: FeedbackProps) {
  const id = `feedback-${criterion.id}`;
  const hintId = `feedback-hint-${criterion.id}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        value={text}
        readOnly={!editable}
        required={required}
        aria-invalid={missing || undefined}
        aria-describedby={hintId}
        rows={3}
        onChange={(e) => onChange(e.target.value)}
      />
      <p id={hintId} className={missing ? 'hint hint-warn' : 'hint'}>{hint}</p>
    </div>
  );
}
