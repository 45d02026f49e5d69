// Hub benchmark (npm run bench:hub), on SQLite and on PostgreSQL, all in one run:
// - GET /v1/sync throughput and p99 with 500 signed-in assessors: SQLite (against a hello-world
//   node:http baseline); PostgreSQL with 1 hub process; with 1 and with 2 processes behind a
//   round-robin TCP proxy (the 1-process proxy run prices the proxy itself); each process's
//   CPU-seconds per 1,000 requests, PostgreSQL's backends included, as fast as each setup
//   answers and again with 1 and 2 processes at one rate both reach (the CPU target's);
// - how sync's p99 grows from 1,000 to 100,000 assignments (full sync and incremental sync
//   with each assessor's current cursor);
// - issue #8's load: 500 assessors sync every 5 s while 2,000 reviews arrive over 60 s;
// - artifact serving (SQLite only): curl from the hub against curl from a bare file server,
//   and the workstation's Node clients against curl.
// `node test/bench/hub.bench.ts --engines sqlite` runs one engine. Writes bench-results/hub.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../support/hub.ts';
import { startPgCluster, type PgCluster } from '../support/postgres.ts';
import { runAssessorLoad } from './support/assessor-load.ts';
import { startChildServer } from './support/child-server.ts';
import { processCpuSeconds as processCpuOf } from './support/cpu-time.ts';
import { within } from './support/deadline.ts';
import { startDeployment, type Deployment, type Engine } from './support/deployment.ts';
import { measureDownloads } from './support/downloads.ts';
import { startHello } from './support/hello.ts';
import { loadHistory, type HistoryOptions } from './support/history.ts';
import { BENCH_MC, BENCH_PASSWORD, writeBenchSeed, type BenchSeed } from './support/seed.ts';
import { signInAll } from './support/sign-in.ts';
import { METHOD } from './support/hub-method.ts';
import { answerSize, currentCursors, interleaved, type Setup, type Summary } from './support/sync-figures.ts';

const ASSESSORS = 500;
const SIZES = { small: 1_000, large: 100_000 };
const LOAD = { seconds: 60, syncEverySec: 5, reviews: 2_000 };
/** Open assignments per assessor added with the history, for the load phase to review. */
const OPEN_FOR_LOAD = Math.ceil(LOAD.reviews / ASSESSORS);
const THROUGHPUT = { rounds: 3, seconds: 5, warmupSeconds: 2, connections: 10 };
/** The rate for comparing one process's CPU per request with two's: this share of the lower of their throughputs. */
const SAME_RATE_SHARE = 0.8;
const GROWTH = { rounds: 3, seconds: 4, warmupSeconds: 1, connections: 10 };
const BIG_MEGABYTES = 100;
// About 9 minutes on a quiet machine; far longer only when other work takes the cores.
const WHOLE_RUN_MS = 25 * 60_000;
const TARGETS = {
  syncReqPerSec: 1000, syncP99Ms: 50, downloadVsCurl: 0.9, twoProcessesVsOne: 0.9, twoProcessesCpuPerRequestVsOne: 1.15, p99Growth: 1.5, loadErrors: 0,
};

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const step = (what: string) => console.log(`[bench:hub] ${what}`);
const sum = (r: Record<string, number>) => round(Object.values(r).reduce((a, b) => a + b, 0), 3);

async function auditVerifies(url: string, token: string): Promise<{ ok: boolean; checked: number }> {
  const res = await fetch(`${url}/v1/audit/verify`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(120_000) });
  if (res.status !== 200) throw new Error(`audit verify: ${res.status} ${await res.text()}`);
  return (await res.json()) as { ok: boolean; checked: number };
}

type Signed = { url: string; tokens: readonly string[]; size: number };

/** p99 of full and incremental syncs on the small and the large hub, in interleaved rounds. */
async function growthOf(small: Signed, large: Signed) {
  const cursors = { small: await currentCursors(small.url, small.tokens), large: await currentCursors(large.url, large.tokens) };
  const setup = (name: 'small' | 'large', h: Signed, incremental: boolean): Setup => ({
    name, url: h.url, cpu: () => ({}),
    targets: h.tokens.map((token, i) => ({ token, path: incremental ? `/v1/sync?cursor=${cursors[name][i]}` : '/v1/sync' })),
  });
  step(`sync p99 at ${small.size} and ${large.size} assignments, full`);
  const full = await interleaved([setup('small', small, false), setup('large', large, false)], '', [], GROWTH, step);
  step(`sync p99 at ${small.size} and ${large.size} assignments, incremental`);
  const incremental = await interleaved([setup('small', small, true), setup('large', large, true)], '', [], GROWTH, step);
  const answers = async (h: Signed, cursor: string) => ({ full: await answerSize(h.url, h.tokens[0]!), incremental: await answerSize(h.url, h.tokens[0]!, cursor) });
  return {
    small: { assignments: small.size, full: full.small!, incremental: incremental.small!, answers: await answers(small, cursors.small[0]!) },
    large: { assignments: large.size, full: full.large!, incremental: incremental.large!, answers: await answers(large, cursors.large[0]!) },
    full: ratio(full.large!, full.small!),
    incremental: ratio(incremental.large!, incremental.small!),
  };
}

/** Bulk-loads accounts and work through the hub's schema (history.ts). */
async function grow(d: Deployment, seed: BenchSeed, plan: Pick<HistoryOptions, 'accounts' | 'decided' | 'open'>) {
  const writer = await d.writer();
  try {
    const r = await within('the bulk load', 300_000, loadHistory(writer, { ...plan, assessors: seed.assessors, microCredentialId: BENCH_MC, dataDir: d.dataDir, workFile: seed.workFile }));
    // A hub that grew over months has had autovacuum analyse its tables; a bulk load has not.
    if (d.engine === 'postgres') await writer.run('VACUUM ANALYZE');
    // SQLite's writer is synchronous: let the event loop see the hub's keep-alive closes of
    // idle connections that arrived meanwhile, so fetch does not reuse a closed one.
    for (let i = 0; i < 3; i++) await new Promise((done) => setImmediate(done));
    return r;
  } finally {
    await within('the bulk writer to close', 30_000, writer.close());
  }
}

const ratio = (large: Summary, small: Summary) => ({ p99Ratio: round(large.p99Ms / small.p99Ms), p50Ratio: round(large.p50Ms / small.p50Ms) });

/** Everything measured on one engine, on one deployment grown from 1,000 to 100,000 assignments. */
async function onEngine(engine: Engine, work: string, cluster: PgCluster | undefined, big: boolean) {
  const started = Date.now();
  const seed = writeBenchSeed(join(work, `seed-${engine}`), { assessors: ASSESSORS, bigMegabytes: big ? BIG_MEGABYTES : 0 });
  const seedLarge = writeBenchSeed(join(work, `seed-${engine}-large`), { assessors: ASSESSORS, bigMegabytes: 0 });
  step(`${engine}: seeding the catalogue${big ? ' and the large video' : ''}`);
  const d: Deployment = await startDeployment({ engine, seed: seed.manifestPath, dataDir: join(work, `data-${engine}`), hubs: engine === 'postgres' ? 2 : 1, cluster });
  const stops: (() => Promise<void>)[] = [d.stop];
  try {
    const [hubA, hubB] = d.hubs as [Deployment['hubs'][0], Deployment['hubs'][0] | undefined];
    const base = SIZES.small - (seed.bigSubmissionId ? 1 : 0);
    step(`${engine}: adding ${ASSESSORS - 1} assessors and ${base} open assignments`);
    const baseLoad = await grow(d, seed, { accounts: { usernames: seed.assessors.slice(1), like: seed.assessors[0]! }, decided: 0, open: base });
    const seededSec = round((Date.now() - started) / 1000, 1);
    step(`${engine}: ${baseLoad.assignments} assignments after ${seededSec} s; signing in ${ASSESSORS} assessors`);
    const tokens = await within('sign-in of every assessor', 300_000, signInAll(hubA.url, seed.assessors, BENCH_PASSWORD, 4));
    const [staffToken] = await signInAll(hubA.url, [seed.staff], BENCH_PASSWORD, 1);
    const full = tokens.map((token) => ({ token, path: '/v1/sync' }));

    const setups: Setup[] = [{ name: 'direct', url: hubA.url, cpu: () => d.cpu() }];
    let hello: Awaited<ReturnType<typeof startHello>> | undefined;
    if (engine === 'sqlite') {
      hello = await startHello(seed.bigFile ?? undefined);
      stops.push(hello.stop);
    }
    if (hubB) {
      const proxy1 = await startChildServer(join(import.meta.dirname, 'support/round-robin-proxy.ts'), [hubA.url]);
      stops.push(proxy1.stop);
      const proxy2 = await startChildServer(join(import.meta.dirname, 'support/round-robin-proxy.ts'), [hubA.url, hubB.url]);
      stops.push(proxy2.stop);
      const cpuWith = (pid: number) => () => ({ ...d.cpu(), proxy: processCpuOf(pid) });
      setups.push({ name: 'proxy1', url: proxy1.url, cpu: cpuWith(proxy1.pid) }, { name: 'proxy2', url: proxy2.url, cpu: cpuWith(proxy2.pid) });
    }
    step(`${engine}: GET /v1/sync (full, no cursor), ${THROUGHPUT.rounds} rounds × ${THROUGHPUT.seconds} s of ${setups.map((s) => s.name).join(', ')}`);
    const throughput = await interleaved(setups, '/v1/sync', full, THROUGHPUT, step);
    let sameRate: { rate: number; proxy1: Summary; proxy2: Summary } | undefined;
    if (hubB) {
      // CPU per request compared at one request rate both setups reach, so that each serves the same work.
      const rate = Math.round(SAME_RATE_SHARE * Math.min(throughput.proxy1!.reqPerSec, throughput.proxy2!.reqPerSec));
      step(`${engine}: GET /v1/sync at ${rate} req/s, ${THROUGHPUT.rounds} rounds × ${THROUGHPUT.seconds} s of proxy1, proxy2`);
      const r = await interleaved(setups.filter((x) => x.name !== 'direct'), '/v1/sync', full, { ...THROUGHPUT, rate }, step);
      sameRate = { rate, proxy1: r.proxy1!, proxy2: r.proxy2! };
    }
    let helloWorld: Summary | undefined;
    if (hello) {
      step('hello-world baseline');
      helloWorld = (await interleaved([{ name: 'hello', url: hello.url, cpu: () => ({}) }], '', [], THROUGHPUT, step)).hello;
    }

    // The large hub is a second deployment grown from the same start, so the two sizes can be measured in interleaved rounds.
    step(`${engine}: a second hub, grown to ${SIZES.large} assignments`);
    const dL = await startDeployment({ engine, seed: seedLarge.manifestPath, dataDir: join(work, `data-${engine}-large`), hubs: 1, cluster });
    stops.push(dL.stop);
    const hubL = dL.hubs[0]!;
    await grow(dL, seedLarge, { accounts: { usernames: seedLarge.assessors.slice(1), like: seedLarge.assessors[0]! }, decided: 0, open: SIZES.small });
    const tokensL = await within('sign-in of every assessor on the large hub', 300_000, signInAll(hubL.url, seedLarge.assessors, BENCH_PASSWORD, 4));
    const [staffTokenL] = await signInAll(hubL.url, [seedLarge.staff], BENCH_PASSWORD, 1);
    const open = OPEN_FOR_LOAD * ASSESSORS;
    step(`${engine}: loading history (${SIZES.large - SIZES.small - open} decided, ${open} open)`);
    const history = await grow(dL, seedLarge, { decided: SIZES.large - SIZES.small - open, open });
    step(`${engine}: ${history.assignments} assignments after ${round(history.seconds, 1)} s`);
    const growth = await growthOf({ url: hubA.url, tokens, size: SIZES.small }, { url: hubL.url, tokens: tokensL, size: history.assignments });

    step(`${engine}: load — ${ASSESSORS} assessors sync every ${LOAD.syncEverySec} s, ${LOAD.reviews} reviews over ${LOAD.seconds} s`);
    const loadBefore = round(loadavg()[0] ?? 0);
    const cpuBefore = dL.cpu();
    const load = await runAssessorLoad({ url: hubL.url, assessors: tokensL.map((token) => ({ token })), ...LOAD });
    const cpuAfter = dL.cpu();
    const audit = { small: await auditVerifies(hubA.url, staffToken!), large: await auditVerifies(hubL.url, staffTokenL!) };
    step(`${engine}: load sync p50 ${load.sync.p50Ms} / p99 ${load.sync.p99Ms} ms, review p50 ${load.review.p50Ms} / p99 ${load.review.p99Ms} ms, ${load.errors} errors; audit ${audit.large.ok && audit.small.ok ? 'ok' : 'BROKEN'} (${audit.large.checked} events)`);

    const download = engine === 'sqlite' && hello && seed.bigSubmissionId ? await measureDownloads(hubA.url, tokens, hello.url, seed.bigSubmissionId, step) : undefined;
    return {
      engine,
      hubProcesses: d.hubs.length,
      seededSeconds: seededSec,
      baseLoad,
      throughput,
      sameRate,
      helloWorld,
      growth: { ...growth, history },
      load: {
        ...load,
        loadAverage1m: [loadBefore, round(loadavg()[0] ?? 0)],
        cpuSeconds: Object.fromEntries(Object.keys(cpuAfter).map((k) => [k, round(cpuAfter[k]! - (cpuBefore[k] ?? 0), 2)])),
      },
      audit,
      download,
    };
  } finally {
    for (const stop of stops.reverse()) await within(`${engine}: a hub, proxy or baseline server to stop`, 60_000, stop());
  }
}

type EngineFigures = Awaited<ReturnType<typeof onEngine>>;

function judge(r: Partial<Record<Engine, EngineFigures>>) {
  const pass: Record<string, boolean> = {};
  const s = r.sqlite;
  const p = r.postgres;
  if (s) {
    pass.sqliteSyncReqPerSec = s.throughput.direct!.reqPerSec >= TARGETS.syncReqPerSec;
    pass.sqliteSyncP99Ms = s.throughput.direct!.p99Ms <= TARGETS.syncP99Ms;
    if (s.download) pass.downloadVsCurl = s.download.hubVsBareServerWithCurl >= TARGETS.downloadVsCurl;
  }
  if (p) {
    pass.postgresSyncReqPerSec = p.throughput.direct!.reqPerSec >= TARGETS.syncReqPerSec;
    pass.postgresSyncP99Ms = p.throughput.direct!.p99Ms <= TARGETS.syncP99Ms;
    pass.twoProcessesVsOne = p.throughput.proxy2!.reqPerSec / p.throughput.proxy1!.reqPerSec >= TARGETS.twoProcessesVsOne;
    pass.twoProcessesCpuPerRequest = sum(p.sameRate!.proxy2.cpuSecondsPer1000) / sum(p.sameRate!.proxy1.cpuSecondsPer1000) <= TARGETS.twoProcessesCpuPerRequestVsOne;
  }
  for (const [engine, f] of Object.entries(r)) {
    pass[`${engine}IncrementalP99Growth`] = f.growth.incremental.p99Ratio <= TARGETS.p99Growth;
    pass[`${engine}LoadZeroErrors`] = f.load.errors === TARGETS.loadErrors;
    pass[`${engine}AuditChain`] = f.audit.small.ok && f.audit.large.ok;
  }
  return pass;
}

function comparisons(p: EngineFigures | undefined) {
  if (!p) return undefined;
  const t = p.throughput as Record<'direct' | 'proxy1' | 'proxy2', Summary>;
  return {
    twoProcessesVsOneBehindProxy: round(t.proxy2.reqPerSec / t.proxy1.reqPerSec, 3),
    proxyCostVsDirect: round(t.proxy1.reqPerSec / t.direct.reqPerSec, 3),
    cpuSecondsPer1000: { direct: sum(t.direct.cpuSecondsPer1000), proxy1: sum(t.proxy1.cpuSecondsPer1000), proxy2: sum(t.proxy2.cpuSecondsPer1000) },
    twoProcessesCpuPerRequestVsOneAtSaturation: round(sum(t.proxy2.cpuSecondsPer1000) / sum(t.proxy1.cpuSecondsPer1000), 3),
    sameRate: p.sameRate && {
      reqPerSec: p.sameRate.rate,
      reached: { proxy1: p.sameRate.proxy1.reqPerSec, proxy2: p.sameRate.proxy2.reqPerSec },
      cpuSecondsPer1000: { proxy1: sum(p.sameRate.proxy1.cpuSecondsPer1000), proxy2: sum(p.sameRate.proxy2.cpuSecondsPer1000) },
      byProcess: { proxy1: p.sameRate.proxy1.cpuSecondsPer1000, proxy2: p.sameRate.proxy2.cpuSecondsPer1000 },
    },
    twoProcessesCpuPerRequestVsOne: p.sameRate && round(sum(p.sameRate.proxy2.cpuSecondsPer1000) / sum(p.sameRate.proxy1.cpuSecondsPer1000), 3),
  };
}

async function main() {
  const { values } = parseArgs({ options: { engines: { type: 'string', default: 'sqlite,postgres' } } });
  const engines = values.engines.split(',').map((e) => e.trim()) as Engine[];
  if (engines.some((e) => e !== 'sqlite' && e !== 'postgres')) throw new Error(`--engines takes sqlite and/or postgres, not ${values.engines}`);
  const started = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const work = mkdtempSync(join(tmpdir(), 'assay-bench-hub-'));
  process.once('exit', () => rmSync(work, { recursive: true, force: true }));
  const results: Partial<Record<Engine, EngineFigures>> = {};
  let cluster: PgCluster | undefined;
  try {
    for (const engine of engines) {
      if (engine === 'postgres') {
        step('starting a throwaway PostgreSQL cluster');
        cluster = await within('the PostgreSQL cluster to start', 120_000, startPgCluster());
      }
      results[engine] = await onEngine(engine, work, cluster, engine === 'sqlite');
    }
  } finally {
    if (cluster) await within('the PostgreSQL cluster to stop', 60_000, cluster.stop());
  }
  const pass = judge(results);
  const seconds = round((Date.now() - started) / 1000, 1);
  const machine = { cpus: cpus().length, node: process.version, loadAverage1mBefore: round(loadBefore), loadAverage1mAfter: round(loadavg()[0] ?? 0) };
  const s = results.sqlite;
  const out = {
    at: new Date().toISOString(),
    machine,
    method: METHOD,
    setup: { assessors: ASSESSORS, sizes: SIZES, load: LOAD, throughput: THROUGHPUT, growth: GROWTH, bigMegabytes: BIG_MEGABYTES },
    // The fields recorded before PostgreSQL: SQLite's full sync against hello-world, and artifact serving.
    sync: s?.throughput.direct,
    helloWorld: s?.helloWorld,
    syncVsHelloWorld: s?.helloWorld ? round(s.throughput.direct!.reqPerSec / s.helloWorld.reqPerSec, 3) : undefined,
    download: s?.download,
    postgresProcesses: comparisons(results.postgres),
    engines: results,
    targets: TARGETS,
    pass,
    seconds,
  };
  mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
  writeFileSync(join(REPO_ROOT, 'bench-results/hub.json'), `${JSON.stringify(out, null, 2)}\n`);
  for (const [k, ok] of Object.entries(pass)) console.log(`${ok ? 'PASS' : 'FAIL'}  ${k}`);
  console.log(`written to bench-results/hub.json in ${seconds} s`);
  const valid = Object.values(results).every((f) => f.audit.small.ok && f.audit.large.ok && f.load.errors === 0 && [...Object.values(f.throughput), ...(f.sameRate ? [f.sameRate.proxy1, f.sameRate.proxy2] : [])].every((t) => t.runs.every((r) => r.non2xx === 0 && r.errors === 0)));
  if (!valid) {
    console.error('invalid run: some requests failed or the audit chain does not verify');
    process.exitCode = 1;
  }
}

process.once('SIGINT', () => process.exit(130));
process.once('SIGTERM', () => process.exit(143));
setTimeout(() => {
  console.error(`bench:hub did not finish within ${WHOLE_RUN_MS / 60_000} minutes; stopping everything`);
  process.exit(1);
}, WHOLE_RUN_MS).unref();
await main();
