// Downloads over a home link (npm run bench:core): the 20-file batch fetched from the real hub
// through a shaping proxy on loopback (shaping-proxy-server.ts, its own process): 100 Mbit/s
// shared by all connections (one token bucket: one home link), 20 ms delay each way, and
// connection 5 of every 200 cut half-way through its response. The workstation's downloader
// (3 at a time; SHA-256, AES-256-GCM, fsync, resume) against curl on the same files through
// the same proxy (3 curl processes at a time, each re-run with `--continue-at -` until its
// file is whole). Each side gets a fresh proxy, so both meet the cut on the same connection.
// Writes bench-results/core-homelink.json.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDownloader } from '../../electron/core/downloads/downloader.ts';
import type { ArtifactNeed } from '../../electron/core/store/types.ts';
import { startSeededHub } from '../core/downloads/support/seeded-hub.ts';
import { REPO_ROOT } from '../support/hub.ts';
import { startShapingProxy, type HomeLink } from './support/shaping-proxy.ts';
import { watchdog, withTimeout } from './support/timeout.ts';

const FILES = 20;
const TOTAL_MB = 120;
const CONCURRENCY = 3;
const RUNS = 5;
const LINK: HomeLink = { mbit: 100, delayMs: 20, cutEvery: 200, cutIndex: 5 };
const TARGETS = { downloaderVsCurl: 0.95 };
/** Generous: the batch needs about 10 s at 100 Mbit/s. */
const BATCH_TIMEOUT_MS = 180_000;
const CURL_ATTEMPTS = 10;

const MB = 1024 * 1024;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const dog = watchdog('core-homelink', 15 * 60_000);

const METHOD =
  `${FILES} files (${TOTAL_MB} MB) from the real hub through a shaping proxy in its own process: ${LINK.mbit} Mbit/s downstream shared by all ` +
  `connections (one token bucket, round-robin 16 KiB slices), ${LINK.delayMs} ms delay each way, connection ${LINK.cutIndex} of every ${LINK.cutEvery} ` +
  '(counted from 0 in order of arrival) cut half-way through its response; a fresh proxy per side and run, so both sides lose the same connection. ' +
  `Downloader: ${CONCURRENCY} at a time, SHA-256 + AES-256-GCM + fsync, resuming after the cut. curl: ${CONCURRENCY} curl processes at a time, one file each, ` +
  're-run with --continue-at - until the file has all its bytes. Wall time from start to the last file done; one unmeasured warm-up pass of each, then the median of interleaved runs, alternating which side goes first.';

async function viaDownloader(url: string, token: string, needs: ArtifactNeed[], dir: string): Promise<number> {
  const failures: string[] = [];
  const start = process.hrtime.bigint();
  const downloader = createDownloader({
    cacheDir: dir, key: randomBytes(32), concurrency: CONCURRENCY, auth: () => ({ hubUrl: url, token }),
    onProgress: () => {}, onVerified: () => {}, onFailed: (id, code, message) => failures.push(`${id}: ${code} ${message}`),
  });
  try {
    downloader.enqueue(needs);
    await withTimeout(downloader.idle(), BATCH_TIMEOUT_MS, `the downloader to fetch ${FILES} files through the shaping proxy`);
  } finally {
    await downloader.stop();
  }
  if (failures.length > 0) throw new Error(`downloads failed:\n${failures.join('\n')}`);
  return seconds(start);
}

function curlOnce(args: string[]): Promise<number> {
  return new Promise((done, fail) => {
    const child = spawn('curl', args, { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.resume();
    child.once('error', fail);
    child.once('exit', (code) => done(code ?? -1));
  });
}

async function viaCurl(url: string, token: string, needs: ArtifactNeed[], dir: string): Promise<number> {
  const start = process.hrtime.bigint();
  const queue = [...needs];
  const size = (path: string) => {
    try {
      return statSync(path).size;
    } catch {
      return 0;
    }
  };
  const worker = async () => {
    for (let need = queue.shift(); need; need = queue.shift()) {
      const out = join(dir, `${need.artifactId}.bin`);
      for (let attempt = 1; size(out) < need.bytes; attempt++) {
        if (attempt > CURL_ATTEMPTS) throw new Error(`curl did not finish ${need.artifactId} in ${CURL_ATTEMPTS} attempts (${size(out)} of ${need.bytes} bytes)`);
        await curlOnce(['-s', '-f', '--continue-at', '-', '-o', out, '-H', `Authorization: Bearer ${token}`, `${url}/v1/artifacts/${need.artifactId}`]);
      }
    }
  };
  await withTimeout(Promise.all(Array.from({ length: CONCURRENCY }, worker)), BATCH_TIMEOUT_MS, `curl to fetch ${FILES} files through the shaping proxy`);
  return seconds(start);
}

async function main() {
  const started = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const work = mkdtempSync(join(tmpdir(), 'assay-bench-homelink-'));
  const seedDir = join(work, 'seed');
  mkdirSync(seedDir);
  dog.step(`seeding a hub with ${FILES} files, ${TOTAL_MB} MB in all`);
  const { hub, token, needs } = await startSeededHub(seedDir, Array.from({ length: FILES }, () => Math.floor((TOTAL_MB * MB) / FILES)));
  dog.onExpire(() => hub.stop());
  try {
    const bytes = needs.reduce((s, n) => s + n.bytes, 0);
    const fresh = (label: string) => {
      const dir = join(work, label);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir);
      return dir;
    };
    /** One side through its own fresh proxy; answers its seconds and the cuts the proxy made. */
    const side = async (fetchAll: (url: string) => Promise<number>) => {
      const proxy = await startShapingProxy(hub.url, LINK);
      dog.onExpire(() => proxy.stop());
      try {
        return { seconds: await fetchAll(proxy.url), cuts: [...proxy.cuts] };
      } finally {
        await proxy.stop();
      }
    };
    dog.step('warm-up pass of each side (JIT, page cache), not measured');
    await side((url) => viaDownloader(url, token, needs, fresh('ours')));
    await side((url) => viaCurl(url, token, needs, fresh('curl')));
    const ours: { seconds: number; cuts: string[] }[] = [];
    const curl: { seconds: number; cuts: string[] }[] = [];
    const load: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      load.push(loadavg()[0] ?? 0);
      const sides = [
        async () => {
          dog.step(`run ${i + 1}/${RUNS}: downloader`);
          ours.push(await side((url) => viaDownloader(url, token, needs, fresh('ours'))));
        },
        async () => {
          dog.step(`run ${i + 1}/${RUNS}: curl`);
          curl.push(await side((url) => viaCurl(url, token, needs, fresh('curl'))));
        },
      ];
      for (const run of i % 2 === 0 ? sides : sides.reverse()) await run();
    }
    const mbps = (s: number) => bytes / MB / s;
    const oursMBps = median(ours.map((r) => mbps(r.seconds)));
    const curlMBps = median(curl.map((r) => mbps(r.seconds)));
    const linkMBps = (LINK.mbit * 1e6) / 8 / MB;
    const results = {
      at: new Date().toISOString(),
      method: METHOD,
      machine: { cpus: cpus().length, node: process.version, loadAverage1mBefore: round(loadBefore), loadAverage1mDuringRuns: load.map((x) => round(x)), loadAverage1mAfter: round(loadavg()[0] ?? 0) },
      setup: { files: FILES, totalBytes: bytes, concurrency: CONCURRENCY, runs: RUNS, link: LINK },
      linkMBps: round(linkMBps, 2),
      downloaderMBps: round(oursMBps, 2),
      curlMBps: round(curlMBps, 2),
      baseline: 'curl through the same proxy on the same files, in the same run',
      downloaderVsCurl: round(oursMBps / curlMBps, 3),
      curlVsLink: round(curlMBps / linkMBps, 3),
      cuts: { downloader: ours.map((r) => r.cuts), curl: curl.map((r) => r.cuts) },
      runs: { downloaderSeconds: ours.map((r) => round(r.seconds)), curlSeconds: curl.map((r) => round(r.seconds)) },
      targets: TARGETS,
      pass: { downloaderVsCurl: oursMBps / curlMBps >= TARGETS.downloaderVsCurl },
      seconds: round((Date.now() - started) / 1000, 1),
    };
    mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
    writeFileSync(join(REPO_ROOT, 'bench-results/core-homelink.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(
      [
        `home link (${LINK.mbit} Mbit/s = ${results.linkMBps} MB/s, ${LINK.delayMs} ms each way, 1 in ${LINK.cutEvery} connections cut):`,
        `  downloader ${results.downloaderMBps} MB/s vs curl ${results.curlMBps} MB/s = ${results.downloaderVsCurl} (≥ ${TARGETS.downloaderVsCurl} ${results.pass.downloaderVsCurl ? 'PASS' : 'FAIL'})`,
        `  cuts per run: downloader ${ours.map((r) => r.cuts.length).join(', ')}; curl ${curl.map((r) => r.cuts.length).join(', ')}`,
        `written to bench-results/core-homelink.json in ${results.seconds} s`,
      ].join('\n'),
    );
  } finally {
    await hub.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
