// One autocannon run, reduced to the figures the benchmark reports.
import autocannon from 'autocannon';

export type LoadResult = { reqPerSec: number; p50Ms: number; p99Ms: number; requests: number; non2xx: number; errors: number };

export type LoadOptions = {
  url: string;
  seconds: number;
  connections: number;
  /** Bearer tokens used in turn, one per request; none for the baseline. */
  tokens?: readonly string[];
};

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const tokens = opts.tokens ?? [];
  let next = 0;
  const result = await autocannon({
    url: opts.url,
    connections: opts.connections,
    pipelining: 1,
    duration: opts.seconds,
    requests: [
      {
        method: 'GET',
        // Rebuilt per request, so consecutive requests carry different callers' tokens.
        setupRequest: (req) => {
          if (tokens.length === 0) return req;
          const token = tokens[next++ % tokens.length] as string;
          return { ...req, headers: { ...req.headers, authorization: `Bearer ${token}` } };
        },
      },
    ],
  });
  return {
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result['2xx'] + result.non2xx,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}
