// Every wait in a benchmark is bounded: a benchmark fails loudly with what it waited for,
// it never hangs. `withTimeout` bounds one promise; `watchdog` bounds a whole benchmark
// process (and names the step it was in) in case some wait was missed.
import { loadavg } from 'node:os';

export class BenchTimeoutError extends Error {}

/** Rejects with "timed out after N ms waiting for <what>" unless `promise` settles first. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new BenchTimeoutError(`timed out after ${ms} ms waiting for ${what} (load average ${loadavg()[0]?.toFixed(2)})`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export type Watchdog = {
  /** Logs the step and records it as the one running. */
  step(what: string): void;
  /** Runs `stop` (children, servers) before the process ends on a timeout. */
  onExpire(stop: () => Promise<void> | void): void;
};

/**
 * Ends the process with exit code 1 and a message naming the last step begun, if the
 * benchmark is still running after `ms`, after stopping what was registered with onExpire.
 */
export function watchdog(bench: string, ms: number): Watchdog {
  let current = 'start-up';
  const stops: (() => Promise<void> | void)[] = [];
  const timer = setTimeout(() => {
    console.error(`[bench:${bench}] FAILED: still running after ${Math.round(ms / 1000)} s, in step "${current}"`);
    const cleanup = Promise.allSettled(stops.reverse().map(async (stop) => stop()));
    void withTimeout(cleanup, 15_000, "the benchmark's processes to stop").finally(() => process.exit(1));
  }, ms);
  timer.unref();
  return {
    step: (what) => {
      current = what;
      console.log(`[bench:${bench}] ${what}`);
    },
    onExpire: (stop) => {
      stops.push(stop);
    },
  };
}
