import type { PastClock } from '../past-clock.ts';

type Step = { at: number; seq: number; run: () => Promise<void> };

/** Steps per write transaction: large enough that commits stop mattering, small enough to keep each one short. */
const STEPS_PER_BATCH = 400;

/**
 * The history's work in time order. A step may add later ones (a read after an intake, a
 * resubmission after a decision); steps at the same moment run in the order they were added,
 * so the same seed always replays the same way.
 */
export class Schedule {
  readonly #steps: Step[] = [];
  #seq = 0;

  add(at: number, run: () => Promise<void>): void {
    const step = { at, seq: this.#seq++, run };
    let lo = 0;
    let hi = this.#steps.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#steps[mid]!.at <= at) lo = mid + 1;
      else hi = mid;
    }
    this.#steps.splice(lo, 0, step);
  }

  /** Runs every step on the past clock (never past `endBy`), a batch of steps per transaction, until none is left. */
  async run(clock: PastClock, endBy: number): Promise<void> {
    while (this.#steps.length > 0) {
      await clock.batch(async () => {
        for (let i = 0; i < STEPS_PER_BATCH && this.#steps.length > 0; i++) {
          const next = this.#steps.shift()!;
          clock.advanceTo(Math.min(next.at, endBy));
          await next.run();
        }
      });
    }
  }
}
