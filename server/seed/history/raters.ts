import type { Rubric } from '../../../shared/index.ts';
import type { HistoryAssessor } from './cast.ts';

/** Levels per criterion id. */
export type Levels = Record<string, number>;

/** What a read is compared with in the reports: master scores (calibration and validity copies) or the evidence of live work. */
export type Side = 'master' | 'live';

/** A slip is either direction; a fail of a planted calibration attempt slips this often. */
const FAILING_SLIP = 0.4;
const DAY_MS = 86_400_000;

/**
 * Error diffusion: fires `share` of the time, evenly (any run of n calls fires ⌊share·n⌋ or
 * ⌈share·n⌉ times). The plants are then exactly as large as documented over any window a
 * report bucket or the validity window cuts, and nobody else drifts by chance.
 */
class Even {
  #acc: number;
  constructor(start: number) {
    this.#acc = start;
  }
  fires(share: number): boolean {
    this.#acc += share;
    if (this.#acc < 1) return false;
    this.#acc -= 1;
    return true;
  }
}

/**
 * How one history assessor scores: the reference level (the master's on a copy, the
 * evidence's on live work) with their slips, balanced up and down per criterion so that
 * they are neither lenient nor severe, plus any planted drift or leniency.
 */
export class Rater {
  readonly #profile: HistoryAssessor;
  readonly #endBy: number;
  readonly #random: () => number;
  readonly #slips: Record<Side, Even>;
  readonly #leans: Record<Side, Even>;
  readonly #balance = new Map<string, number>();

  constructor(profile: HistoryAssessor, endBy: number, random: () => number) {
    this.#profile = profile;
    this.#endBy = endBy;
    this.#random = random;
    this.#slips = { master: new Even(random()), live: new Even(random()) };
    this.#leans = { master: new Even(random()), live: new Even(random()) };
  }

  /** The slip share at `at` on a micro-credential (a drift ramps up towards the end). */
  slipAt(microCredentialId: string, at: number): number {
    const { slip, drift } = this.#profile;
    if (!drift || drift.microCredentialId !== microCredentialId) return slip;
    const into = (at - (this.#endBy - drift.days * DAY_MS)) / (drift.days * DAY_MS);
    return into <= 0 ? slip : slip + (drift.to - slip) * Math.min(1, into);
  }

  /** Levels for one read; `failing` marks a planted failed calibration attempt; locked criteria keep their level. */
  levels(rubric: Rubric, microCredentialId: string, reference: Levels, at: number, side: Side, opts: { failing?: boolean; locked?: Levels } = {}): Levels {
    const share = opts.failing ? FAILING_SLIP : this.slipAt(microCredentialId, at);
    const lenient = this.#profile.lenient?.microCredentialId === microCredentialId ? this.#profile.lenient : undefined;
    const out: Levels = {};
    for (const c of rubric.criteria) {
      const ref = reference[c.id]!;
      const locked = opts.locked?.[c.id];
      if (locked !== undefined) out[c.id] = locked;
      else if (lenient?.criterionId === c.id) out[c.id] = Math.min(rubric.scale.points, ref + (this.#leans[side].fires(lenient.share) ? 1 : 0));
      else out[c.id] = this.#slips[side].fires(share) ? this.#slipped(c.id, ref, rubric.scale.points) : ref;
    }
    return out;
  }

  /** One level off, in the direction that brings this criterion's running balance back towards zero. */
  #slipped(criterionId: string, level: number, points: number): number {
    const balance = this.#balance.get(criterionId) ?? 0;
    let step = balance > 0 ? -1 : balance < 0 ? 1 : this.#random() < 0.5 ? -1 : 1;
    if (level + step < 1 || level + step > points) step = -step;
    this.#balance.set(criterionId, balance + step);
    return level + step;
  }
}
