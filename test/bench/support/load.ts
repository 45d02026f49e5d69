// One autocannon run, reduced to the figures the benchmark reports.
import autocannon from 'autocannon';
import { within } from './deadline.ts';

export type LoadResult = { reqPerSec: number; p50Ms: number; p99Ms: number; requests: number; non2xx: number; errors: number };

/** One caller's request: its bearer token and the path it asks for (a sync with its own cursor). */
export type LoadTarget = { token: string; path: string };

export type LoadOptions = {
  /** The origin, plus the path when no targets are given. */
  url: string;
  seconds: number;
  connections: number;
  /** Bearer tokens used in turn, one per request; none for the baseline. */
  tokens?: readonly string[];
  /** Per-caller requests used in turn (instead of tokens on one path). */
  targets?: readonly LoadTarget[];
  /** Requests per second across all connections; without it, as fast as the server answers. */
  rate?: number;
};

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const path = new URL(opts.url).pathname;
  const targets = opts.targets ?? (opts.tokens ?? []).map((token) => ({ token, path }));
  let next = 0;
  const result = await within(
    `autocannon on ${opts.url} (${opts.seconds} s)`,
    (opts.seconds + 30) * 1000,
    autocannon({
      url: opts.url,
      connections: opts.connections,
      pipelining: 1,
      duration: opts.seconds,
      timeout: 10,
      ...(opts.rate === undefined ? {} : { overallRate: opts.rate }),
      requests: [
        {
          method: 'GET',
          // Rebuilt per request, so consecutive requests carry different callers' tokens.
          setupRequest: (req) => {
            if (targets.length === 0) return req;
            const t = targets[next++ % targets.length] as LoadTarget;
            return { ...req, path: t.path, headers: { ...req.headers, authorization: `Bearer ${t.token}` } };
          },
        },
      ],
    }),
  );
  return {
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result['2xx'] + result.non2xx,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
