// Hub benchmark (npm run bench:hub): pull-changes throughput and latency with 500 signed-in
// assessors against a hello-world node:http baseline, and the hub's artifact serving speed:
// curl fetching a large artifact from the hub against curl fetching the same file from a
// bare node:http static server started in the same run (the hub's overhead), plus the
// workstation-side clients (node:http, fetch) against curl, all in one run.
// Writes bench-results/hub.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { SyncResponse } from '../../shared/index.ts';
import { REPO_ROOT, startHub } from '../support/hub.ts';
import { curlDownload, fetchDownload, httpDownload, type DownloadResult } from './support/download.ts';
import { startHello } from './support/hello.ts';
import { runLoad } from './support/load.ts';
import { writeBenchSeed } from './support/seed.ts';
import { signInAll } from './support/sign-in.ts';

const SEED = { assessors: 500, submissionsPerAssessor: 3, bigMegabytes: 100 };
const PASSWORD = 'demo';
const LOAD = { seconds: 10, warmupSeconds: 2, connections: 10 };
const DOWNLOAD_RUNS = 7;
const TARGETS = { syncReqPerSec: 1000, syncP99Ms: 50, downloadVsCurl: 0.9 };
const DOWNLOAD_METHOD =
  'downloadVsCurl = hubVsBareServerWithCurl: the median MB/s of curl downloading the large artifact from the hub (bearer auth, ' +
  'access check, Range/ETag handling) divided by the median MB/s of curl downloading the same file from a bare node:http static ' +
  'server (`createReadStream(file, { highWaterMark: 1 MiB }).pipe(res)`, own process, started in the same run); i.e. the hub serves within 10 % of a minimal file server. ' +
  'Runs are interleaved, warm page cache. nodeHttpVsCurl and nodeVsCurl compare Node clients (node:http as the workstation ' +
  'downloader uses, and fetch) with curl on the same hub URL.';

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const step = (what: string) => console.log(`[bench:hub] ${what}`);

/** The large video's URL and a token of the assessor it was routed to. */
async function findBigArtifact(url: string, tokens: readonly string[], submissionId: string) {
  for (const token of tokens) {
    const res = await fetch(`${url}/v1/sync`, { headers: { authorization: `Bearer ${token}` } });
    const sync = SyncResponse.parse(await res.json());
    const artifact = sync.submissions.find((s) => s.id === submissionId)?.artifacts[0];
    if (artifact) return { url: `${url}/v1/artifacts/${artifact.id}`, token, bytes: artifact.bytes };
  }
  throw new Error(`no assessor holds ${submissionId}`);
}

/** The sync answer one assessor gets, to show the load is real work and not an error page. */
async function sampleSync(url: string, token: string) {
  const res = await fetch(`${url}/v1/sync`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  const sync = SyncResponse.parse(JSON.parse(text));
  return { status: res.status, bytes: Buffer.byteLength(text), assignments: sync.assignments.length };
}

/** Interleaved runs, so a burst of load on the shared machine hits every client alike. */
async function downloads(url: string, token: string, bareUrl: string, bytes: number) {
  const clients = { node: fetchDownload, http: httpDownload, curl: curlDownload, bareCurl: (_: string, t: string) => curlDownload(bareUrl, t) };
  const runs: Record<keyof typeof clients, DownloadResult[]> = { node: [], http: [], curl: [], bareCurl: [] };
  // One unmeasured pass from each server, so every measured run reads from a warm page cache.
  await curlDownload(url, token);
  await curlDownload(bareUrl, token);
  for (let i = 0; i < DOWNLOAD_RUNS; i++) {
    const order = Object.entries(clients);
    // Alternating the order, so a burst of load on the shared machine does not always hit the same client.
    for (const [name, download] of i % 2 === 0 ? order : order.reverse()) runs[name as keyof typeof clients].push(await download(url, token));
  }
  const mbps = (name: keyof typeof clients) => median(runs[name].map((d) => d.mbPerSec));
  return {
    method: DOWNLOAD_METHOD,
    sizesOk: Object.values(runs).every((rs) => rs.every((d) => d.bytes === bytes)),
    nodeFetchMBps: round(mbps('node'), 1),
    curlMBps: round(mbps('curl'), 1),
    nodeVsCurl: round(mbps('node') / mbps('curl'), 3),
    nodeHttpMBps: round(mbps('http'), 1),
    nodeHttpVsCurl: round(mbps('http') / mbps('curl'), 3),
    curlFromBareServerMBps: round(mbps('bareCurl'), 1),
    hubVsBareServerWithCurl: round(mbps('curl') / mbps('bareCurl'), 3),
    runs: Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, v.map((d) => round(d.mbPerSec, 1))])),
  };
}

async function measure(hubUrl: string, helloUrl: string, tokens: readonly string[], bigSubmissionId: string) {
  const sample = await sampleSync(hubUrl, tokens[0] as string);
  step('warming up');
  await runLoad({ url: `${hubUrl}/v1/sync`, tokens, seconds: LOAD.warmupSeconds, connections: LOAD.connections });
  await runLoad({ url: helloUrl, seconds: LOAD.warmupSeconds, connections: LOAD.connections });
  step(`GET /v1/sync for ${LOAD.seconds} s, ${LOAD.connections} connections, ${tokens.length} tokens in turn`);
  const sync = await runLoad({ url: `${hubUrl}/v1/sync`, tokens, seconds: LOAD.seconds, connections: LOAD.connections });
  step(`hello-world baseline for ${LOAD.seconds} s`);
  const hello = await runLoad({ url: helloUrl, seconds: LOAD.seconds, connections: LOAD.connections });
  const big = await findBigArtifact(hubUrl, tokens, bigSubmissionId);
  step(`downloading ${round(big.bytes / 1024 / 1024)} MB ${DOWNLOAD_RUNS}× each with fetch, node:http, curl, and curl from a bare server`);
  const download = await downloads(big.url, big.token, `${helloUrl}/file`, big.bytes);
  const valid = sync.non2xx === 0 && sync.errors === 0 && sample.status === 200 && sample.assignments > 0 && download.sizesOk;
  return {
    valid,
    sample,
    sync: { ...sync, reqPerSec: round(sync.reqPerSec, 0) },
    helloWorld: { reqPerSec: round(hello.reqPerSec, 0), p50Ms: hello.p50Ms, p99Ms: hello.p99Ms },
    syncVsHelloWorld: round(sync.reqPerSec / hello.reqPerSec, 3),
    download: { bytes: big.bytes, ...download },
  };
}

function summary(r: Awaited<ReturnType<typeof measure>>, pass: Record<string, boolean>): string {
  const mark = (ok: boolean | undefined) => (ok ? 'PASS' : 'FAIL');
  const d = r.download;
  return [
    `sync:       ${r.sync.reqPerSec} req/s, p50 ${r.sync.p50Ms} ms, p99 ${r.sync.p99Ms} ms (${r.syncVsHelloWorld}× hello-world ${r.helloWorld.reqPerSec} req/s)`,
    `            ≥ ${TARGETS.syncReqPerSec} req/s ${mark(pass.syncReqPerSec)}, p99 ≤ ${TARGETS.syncP99Ms} ms ${mark(pass.syncP99Ms)}`,
    `download:   curl from the hub ${d.curlMBps} MB/s vs from a bare file server ${d.curlFromBareServerMBps} MB/s = ${d.hubVsBareServerWithCurl} (≥ ${TARGETS.downloadVsCurl} ${mark(pass.downloadVsCurl)})`,
    `            from the hub: node:http ${d.nodeHttpMBps} MB/s = ${d.nodeHttpVsCurl} of curl; fetch ${d.nodeFetchMBps} MB/s = ${d.nodeVsCurl} of curl`,
    `valid run:  ${mark(r.valid)} (${r.sync.non2xx} non-2xx, ${r.sync.errors} errors, sample sync ${r.sample.bytes} bytes with ${r.sample.assignments} assignments)`,
  ].join('\n');
}

async function main() {
  const started = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const work = mkdtempSync(join(tmpdir(), 'assay-bench-hub-'));
  const stops: (() => Promise<void>)[] = [];
  try {
    step(`seeding ${SEED.assessors} assessors × ${SEED.submissionsPerAssessor} submissions and a ${SEED.bigMegabytes} MB video`);
    const seed = writeBenchSeed(join(work, 'seed'), SEED);
    const hub = await startHub({ seed: seed.manifestPath, dataDir: join(work, 'data') });
    stops.push(hub.stop);
    const hello = await startHello(seed.bigFile);
    stops.push(hello.stop);
    step(`hub up after ${round((Date.now() - started) / 1000, 1)} s; signing in ${seed.assessors.length} assessors`);
    const tokens = await signInAll(hub.url, seed.assessors, PASSWORD, 4);
    const r = await measure(hub.url, hello.url, tokens, seed.bigSubmissionId);
    const pass = {
      valid: r.valid,
      syncReqPerSec: r.sync.reqPerSec >= TARGETS.syncReqPerSec,
      syncP99Ms: r.sync.p99Ms <= TARGETS.syncP99Ms,
      downloadVsCurl: r.download.hubVsBareServerWithCurl >= TARGETS.downloadVsCurl,
    };
    const seconds = round((Date.now() - started) / 1000, 1);
    const machine = { cpus: cpus().length, node: process.version, loadAverage1mBefore: round(loadBefore), loadAverage1mAfter: round(loadavg()[0] ?? 0) };
    const results = { at: new Date().toISOString(), machine, setup: { ...SEED, load: LOAD, downloadRuns: DOWNLOAD_RUNS }, ...r, targets: TARGETS, pass, seconds };
    mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
    writeFileSync(join(REPO_ROOT, 'bench-results/hub.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(`${summary(r, pass)}\nwritten to bench-results/hub.json in ${seconds} s`);
    if (!r.valid) process.exitCode = 1;
  } finally {
    for (const stop of stops.reverse()) await stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
