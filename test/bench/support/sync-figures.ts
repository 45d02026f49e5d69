// The /v1/sync measurements of the hub benchmark: throughput of several setups measured in
// interleaved rounds (so a burst of other work on the shared machine hits each alike), with
// each process's CPU time per 1,000 requests; and the p99 of full and incremental syncs.
import { loadavg } from 'node:os';
import { SyncResponse } from '../../../shared/index.ts';
import { within } from './deadline.ts';
import { runLoad, type LoadResult, type LoadTarget } from './load.ts';

export type Setup = {
  name: string;
  url: string;
  /** Cumulative CPU seconds of each process serving this setup. */
  cpu(): Record<string, number>;
  /** This setup's own requests, instead of the ones shared by all setups. */
  targets?: readonly LoadTarget[];
};

export type RunFigures = LoadResult & { loadAverage1m: number; cpuSecondsPer1000: Record<string, number> };

export type Summary = {
  reqPerSec: number;
  p99Ms: number;
  p50Ms: number;
  reqPerSecRange: [number, number];
  p99MsRange: [number, number];
  cpuSecondsPer1000: Record<string, number>;
  loadAverage1m: [number, number];
  runs: RunFigures[];
};

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const range = (xs: readonly number[]): [number, number] => [round(Math.min(...xs)), round(Math.max(...xs))];

export async function measured(setup: Setup, path: string, targets: readonly LoadTarget[], seconds: number, connections: number, rate?: number): Promise<RunFigures> {
  const before = setup.cpu();
  const r = await runLoad({ url: `${setup.url}${path}`, targets: setup.targets ?? targets, seconds, connections, rate });
  const after = setup.cpu();
  const per1000 = Object.fromEntries(Object.keys(after).map((k) => [k, round(((after[k]! - (before[k] ?? 0)) / Math.max(1, r.requests)) * 1000, 3)]));
  return { ...r, reqPerSec: round(r.reqPerSec, 0), loadAverage1m: round(loadavg()[0] ?? 0), cpuSecondsPer1000: per1000 };
}

export function summarise(runs: readonly RunFigures[]): Summary {
  const keys = Object.keys(runs[0]?.cpuSecondsPer1000 ?? {});
  return {
    reqPerSec: median(runs.map((r) => r.reqPerSec)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    p50Ms: median(runs.map((r) => r.p50Ms)),
    reqPerSecRange: range(runs.map((r) => r.reqPerSec)),
    p99MsRange: range(runs.map((r) => r.p99Ms)),
    cpuSecondsPer1000: Object.fromEntries(keys.map((k) => [k, median(runs.map((r) => r.cpuSecondsPer1000[k] ?? 0))])),
    loadAverage1m: range(runs.map((r) => r.loadAverage1m)),
    runs: [...runs],
  };
}

/** Rounds of every setup in turn, after one unmeasured warm-up of each; at `o.rate` requests per second when given, else as fast as each answers. */
export async function interleaved(setups: readonly Setup[], path: string, targets: readonly LoadTarget[], o: { rounds: number; seconds: number; warmupSeconds: number; connections: number; rate?: number }, step: (s: string) => void) {
  for (const s of setups) await runLoad({ url: `${s.url}${path}`, targets: s.targets ?? targets, seconds: o.warmupSeconds, connections: o.connections, rate: o.rate });
  const runs = new Map<string, RunFigures[]>(setups.map((s) => [s.name, []]));
  for (let round = 0; round < o.rounds; round++) {
    for (const s of round % 2 === 0 ? setups : [...setups].reverse()) {
      const r = await measured(s, path, targets, o.seconds, o.connections, o.rate);
      step(`  ${s.name} round ${round + 1}: ${r.reqPerSec} req/s, p99 ${r.p99Ms} ms, load ${r.loadAverage1m}`);
      runs.get(s.name)!.push(r);
    }
  }
  return Object.fromEntries([...runs].map(([name, rs]) => [name, summarise(rs)]));
}

/** Each assessor's current cursor: one full sync per assessor. */
export async function currentCursors(url: string, tokens: readonly string[]): Promise<string[]> {
  const cursors = new Array<string>(tokens.length);
  let next = 0;
  const worker = async () => {
    while (next < tokens.length) {
      const i = next++;
      const res = await fetch(`${url}/v1/sync`, { headers: { authorization: `Bearer ${tokens[i]}` }, signal: AbortSignal.timeout(30_000) });
      if (res.status !== 200) throw new Error(`sync for cursors: ${res.status} ${await res.text()}`);
      cursors[i] = SyncResponse.parse(await res.json()).cursor;
    }
  };
  await within(`the cursors of ${tokens.length} assessors`, 300_000, Promise.all(Array.from({ length: 4 }, worker)));
  return cursors;
}

/** The size of one assessor's answers, to show what a full and an incremental sync carry. */
export async function answerSize(url: string, token: string, cursor?: string) {
  const res = await fetch(`${url}/v1/sync${cursor ? `?cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  const sync = SyncResponse.parse(JSON.parse(text));
  return { status: res.status, bytes: Buffer.byteLength(text), assignments: sync.assignments.length, submissions: sync.submissions.length };
}
