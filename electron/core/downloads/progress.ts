/**
 * Transfer rate as an exponential moving average of short samples, so the displayed rate and
 * ETA move smoothly instead of jumping with every network burst.
 */
export class RateMeter {
  #rate = 0;
  #lastAt: number;
  #lastBytes: number;
  readonly #now: () => number;

  constructor(startBytes: number, now: () => number = () => performance.now()) {
    this.#now = now;
    this.#lastAt = now();
    this.#lastBytes = startBytes;
  }

  /** Takes a sample when at least `minMs` passed since the last one; answers the current rate in bytes/s. */
  sample(bytes: number, minMs = 250): number {
    const at = this.#now();
    const dt = at - this.#lastAt;
    if (dt < minMs) return this.#rate;
    const instant = ((bytes - this.#lastBytes) * 1000) / dt;
    this.#rate = this.#rate === 0 ? instant : 0.7 * this.#rate + 0.3 * instant;
    this.#lastAt = at;
    this.#lastBytes = bytes;
    return this.#rate;
  }

  get rate(): number {
    return this.#rate;
  }
}

export function etaSeconds(remainingBytes: number, rateBps: number): number | null {
  if (remainingBytes <= 0) return 0;
  return rateBps > 0 ? Math.ceil(remainingBytes / rateBps) : null;
}

/** Lets an event through at most once per `intervalMs` unless forced (state changes always pass). */
export class Throttle {
  #last = -Infinity;
  readonly #intervalMs: number;
  readonly #now: () => number;

  constructor(intervalMs: number, now: () => number = () => performance.now()) {
    this.#intervalMs = intervalMs;
    this.#now = now;
  }

  pass(force = false): boolean {
    const at = this.#now();
    if (!force && at - this.#last < this.#intervalMs) return false;
    this.#last = at;
    return true;
  }
}
