import { decide, type Rubric } from '../../../../shared/index.ts';

type Props = { rubric: Rubric; scores: Readonly<Record<string, number>> };

const HEADLINE = { earned: 'Earned', not_yet: 'Not yet' } as const;

/** The decision the shared earning rule gives for the current levels, with its reasons. */
export function DecisionPreview({ rubric, scores }: Props) {
  const outcome = decide(rubric, scores);
  const headline = outcome.decision ? HEADLINE[outcome.decision] : 'Incomplete';
  return (
    <section className={`decision decision-${outcome.decision ?? 'pending'}`} aria-labelledby="decision-title">
      <h3 id="decision-title">Decision preview</h3>
      <p className="decision-headline" data-testid="decision">{headline}</p>
      <p className="muted">
        {outcome.weightedMean === null
          ? `Threshold: weighted mean ${outcome.threshold}`
          : `Weighted mean ${outcome.weightedMean.toFixed(2)} (threshold ${outcome.threshold})`}
      </p>
      {outcome.reasons.length > 0 && (
        <ul className="decision-reasons" aria-label="Why">
          {outcome.reasons.map((reason) => <li key={reason}>{reason}</li>)}
        </ul>
      )}
    </section>
  );
}
