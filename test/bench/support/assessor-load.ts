// Issue #8's load: many signed-in assessors each pull changes every few seconds with their
// own cursor, while reviews arrive at an even pace, each from the assessor holding that
// assignment, built with the shared review helper so the hub accepts it. Every request is
// timed from the moment it is sent; anything but the expected status is an error.
import { SyncResponse, type Rubric } from '../../../shared/index.ts';
import { meetEveryCriterion } from '../../support/review-content.ts';
import { within } from './deadline.ts';

export type LoadAssessor = { token: string };

export type AssessorLoadOptions = { url: string; assessors: readonly LoadAssessor[]; seconds: number; syncEverySec: number; reviews: number };

type OpenWork = { assignmentId: string; rubric: Rubric; locked: Record<string, { level: number; feedback: string }> };
type Caller = { token: string; cursor: string; open: OpenWork[] };

export type EndpointFigures = { requests: number; errors: number; p50Ms: number; p99Ms: number; maxMs: number };

const REQUEST_TIMEOUT_MS = 10_000;

const quantile = (sorted: readonly number[], q: number) => (sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number));
const round = (x: number) => Math.round(x * 10) / 10;

function figures(ms: number[], errors: number): EndpointFigures {
  const s = [...ms].sort((a, b) => a - b);
  return { requests: ms.length + errors, errors, p50Ms: round(quantile(s, 0.5)), p99Ms: round(quantile(s, 0.99)), maxMs: round(s.at(-1) ?? 0) };
}

/** A full sync per assessor (before the clock starts): its cursor, and its open assignments with their rubrics. */
async function prepare(url: string, assessors: readonly LoadAssessor[]): Promise<{ callers: Caller[]; ms: number[] }> {
  const ms: number[] = [];
  const callers: Caller[] = new Array<Caller>(assessors.length);
  let next = 0;
  const worker = async () => {
    while (next < assessors.length) {
      const i = next++;
      const { token } = assessors[i] as LoadAssessor;
      const t0 = performance.now();
      const res = await fetch(`${url}/v1/sync`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const sync = SyncResponse.parse(await res.json());
      ms.push(performance.now() - t0);
      const rubrics = new Map(sync.rubrics.map((r) => [`${r.id}@${r.version}`, r]));
      const submissions = new Map(sync.submissions.map((s) => [s.id, s]));
      const open = sync.assignments
        .filter((a) => a.state === 'assigned' || a.state === 'in_progress')
        .map((a) => {
          const s = submissions.get(a.submissionId)!;
          return { assignmentId: a.id, rubric: rubrics.get(`${s.rubricId}@${s.rubricVersion}`)!, locked: a.locked };
        });
      callers[i] = { token, cursor: sync.cursor, open };
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return { callers, ms };
}

export async function runAssessorLoad(opts: AssessorLoadOptions) {
  const { callers, ms: initialMs } = await within(`the initial sync of ${opts.assessors.length} assessors`, 120_000, prepare(opts.url, opts.assessors));
  const perAssessor = Math.ceil(opts.reviews / callers.length);
  const short = callers.findIndex((c) => c.open.length < perAssessor);
  if (short >= 0) throw new Error(`assessor ${short} holds ${callers[short]!.open.length} open assignments; the load needs ${perAssessor} each`);

  const times = { sync: [] as number[], review: [] as number[] };
  const errors = { sync: 0, review: 0 };
  const lateMs: number[] = [];
  const messages: string[] = [];
  const inFlight = new Set<Promise<void>>();
  const started = performance.now();

  const send = (kind: 'sync' | 'review', scheduledMs: number, request: () => Promise<Response>, expect: number, after?: (body: string) => void) => {
    const t0 = performance.now();
    lateMs.push(t0 - started - scheduledMs);
    const p = request()
      .then(async (res) => {
        const body = await res.text();
        if (res.status !== expect) throw new Error(`${kind}: ${res.status} ${body.slice(0, 200)}`);
        after?.(body);
        times[kind].push(performance.now() - t0);
      })
      .catch((err: unknown) => {
        errors[kind]++;
        if (messages.length < 5) messages.push((err as Error).message);
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };

  const timers: NodeJS.Timeout[] = [];
  const at = (ms: number, fire: () => void) => timers.push(setTimeout(fire, ms));
  const windowMs = opts.seconds * 1000;
  const everyMs = opts.syncEverySec * 1000;
  callers.forEach((c, j) => {
    // Staggered start, as assessors' workstations are not in step.
    for (let t = (j * everyMs) / callers.length; t < windowMs; t += everyMs) {
      const scheduled = t;
      at(t, () =>
        send('sync', scheduled, () => fetch(`${opts.url}/v1/sync?cursor=${c.cursor}`, { headers: { authorization: `Bearer ${c.token}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) }), 200, (body) => {
          c.cursor = SyncResponse.parse(JSON.parse(body)).cursor;
        }),
      );
    }
  });
  for (let k = 0; k < opts.reviews; k++) {
    const c = callers[k % callers.length] as Caller;
    const work = c.open[Math.floor(k / callers.length)] as OpenWork;
    const scheduled = (k * windowMs) / opts.reviews;
    const body = { assignmentId: work.assignmentId, rubricId: work.rubric.id, rubricVersion: work.rubric.version, ...meetEveryCriterion(work), notes: [], timeSpentSec: 900 };
    at(scheduled, () =>
      send('review', scheduled, () => fetch(`${opts.url}/v1/reviews/${crypto.randomUUID()}`, {
        method: 'PUT', headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      }), 201),
    );
  }
  try {
    await within('the load window to pass', windowMs + 30_000, new Promise<void>((done) => setTimeout(done, windowMs)));
    await within(`the last ${inFlight.size} requests of the load`, REQUEST_TIMEOUT_MS + 20_000, (async () => {
      while (inFlight.size > 0) await Promise.all([...inFlight]);
    })());
  } finally {
    for (const t of timers) clearTimeout(t);
  }
  const late = [...lateMs].sort((a, b) => a - b);
  return {
    seconds: round((performance.now() - started) / 1000),
    initialFullSync: figures(initialMs, 0),
    sync: figures(times.sync, errors.sync),
    review: figures(times.review, errors.review),
    errors: errors.sync + errors.review,
    firstErrors: messages,
    generatorLateP99Ms: round(quantile(late, 0.99)),
  };
}
