import { decisionAgreement, summarizeConfusion, type Comparison, type LevelFigures, type Points } from '../../../shared/index.ts';

/** Level pairs counted into a confusion matrix as they stream past (shared/stats' layout). */
export type Tally = { n: number; counts: Uint32Array };

const newTally = (points: Points): Tally => ({ n: 0, counts: new Uint32Array(points * points) });

/** Every pair of one assessor against one kind of reference: overall, per criterion, per bucket, and the item decisions. */
export class Side {
  readonly overall: Tally;
  readonly criteria = new Map<string, Tally>();
  readonly buckets = new Map<string, { start: string; tally: Tally }>();
  readonly decisions = { rater: [] as number[], reference: [] as number[] };
  readonly points: Points;

  constructor(points: Points) {
    this.points = points;
    this.overall = newTally(points);
  }

  /** One (assessor level, reference level) pair; a pair off the scale (another rubric's) is left out. */
  add(criterionId: string, level: unknown, reference: unknown, bucket?: { label: string; start: string }): void {
    const k = this.points;
    if (!Number.isInteger(level) || !Number.isInteger(reference)) return;
    const r = level as number;
    const c = reference as number;
    if (r < 1 || r > k || c < 1 || c > k) return;
    const cell = (r - 1) * k + (c - 1);
    const into = (t: Tally) => {
      t.counts[cell] = (t.counts[cell] as number) + 1;
      t.n++;
    };
    into(this.overall);
    let byCriterion = this.criteria.get(criterionId);
    if (!byCriterion) this.criteria.set(criterionId, (byCriterion = newTally(k)));
    into(byCriterion);
    if (bucket) {
      let b = this.buckets.get(bucket.label);
      if (!b) this.buckets.set(bucket.label, (b = { start: bucket.start, tally: newTally(k) }));
      into(b.tally);
    }
  }

  decision(rater: string, reference: string | null): void {
    if (reference === null) return;
    this.decisions.rater.push(rater === 'earned' ? 1 : 0);
    this.decisions.reference.push(reference === 'earned' ? 1 : 0);
  }
}

/** The level figures of a tally, from shared/stats (the one implementation). */
export function figuresOf(t: Tally, points: Points): LevelFigures {
  const s = summarizeConfusion({ points, n: t.n, counts: t.counts });
  return { n: s.n, exact: s.exact, adjacent: s.adjacent, qwk: s.kappa.quadratic, meanDifference: s.meanDifference };
}

export function pooled(tallies: readonly Tally[], points: Points): Tally {
  const out = newTally(points);
  for (const t of tallies) {
    out.n += t.n;
    for (let i = 0; i < out.counts.length; i++) out.counts[i] = (out.counts[i] as number) + (t.counts[i] as number);
  }
  return out;
}

/** A side as the wire's Comparison: criteria in `order` first, any others after them by id. */
export function comparisonOf(side: Side, order: readonly string[]): Comparison {
  const k = side.points;
  const ids = [...order.filter((id) => side.criteria.has(id)), ...[...side.criteria.keys()].filter((id) => !order.includes(id)).sort()];
  const decision = decisionAgreement(side.decisions.rater, side.decisions.reference);
  if (!decision.ok) throw new Error(`report decisions do not pair up: ${decision.error.message}`);
  const counts = Array.from({ length: k }, (_, r) => Array.from(side.overall.counts.subarray(r * k, (r + 1) * k)));
  return {
    ...figuresOf(side.overall, k),
    decision: { n: decision.value.n, agreement: decision.value.agreement },
    criteria: ids.map((criterionId) => ({ criterionId, ...figuresOf(side.criteria.get(criterionId)!, k) })),
    confusion: { points: k, n: side.overall.n, counts },
  };
}
