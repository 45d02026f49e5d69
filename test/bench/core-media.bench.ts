// Encrypted media reads (npm run bench:core): the same byte ranges read through the
// encrypted store (AES-256-GCM chunks, authenticated) and from the plain file, both from a
// warm page cache: sequential whole-file reads (playback from the start) and random 1 MiB
// ranges (seeking). Then the same through HTTP, as a <video> element reads them: the media
// route (serveMedia + sendMediaResponse) against a plain Range file server on loopback.
// Last, the ceiling: decrypting the whole file from memory, no I/O, on one thread and on
// every core, against the same plain sequential reads.
// Writes bench-results/core-media.json.
import { randomBytes, randomInt } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_CHUNK_BYTES } from '../../electron/core/media/chunk-format.ts';
import { openEncryptedWriter, readPlaintextRange } from '../../electron/core/media/encrypted-file.ts';
import { REPO_ROOT } from '../support/hub.ts';
import { decryptCeiling } from './support/decrypt-ceiling.ts';
import { readRangesOverHttp, startMediaServers } from './support/media-servers.ts';
import { watchdog, withTimeout } from './support/timeout.ts';

const FILE_MB = 256;
const RANDOM_RANGES = 400;
const RANGE_BYTES = 1024 * 1024;
const RUNS = 7;
/** Unmeasured passes of each side first: V8's optimiser and GC settle, as in a long playback. */
const WARMUP_RUNS = 3;
const HTTP_RANGES = 200;

const MB = 1024 * 1024;
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const step = watchdog('core-media', 20 * 60_000).step;

/** Each range opens the file on its own, as each media request does on either side. */
async function readPlain(path: string, ranges: readonly [number, number][]): Promise<number> {
  const buf = Buffer.allocUnsafe(MB);
  let bytes = 0;
  for (const [start, end] of ranges) {
    const fh = await open(path, 'r');
    try {
      for (let at = start; at <= end; ) {
        const { bytesRead } = await fh.read(buf, 0, Math.min(MB, end - at + 1), at);
        at += bytesRead;
        bytes += bytesRead;
      }
    } finally {
      await fh.close();
    }
  }
  return bytes;
}

async function readEncrypted(path: string, key: Buffer, ranges: readonly [number, number][]): Promise<number> {
  let bytes = 0;
  for (const [start, end] of ranges) for await (const chunk of readPlaintextRange(path, key, start, end)) bytes += chunk.length;
  return bytes;
}

async function timed(run: () => Promise<number>): Promise<number> {
  const start = process.hrtime.bigint();
  const bytes = await run();
  return bytes / MB / (Number(process.hrtime.bigint() - start) / 1e9);
}

type Reader = () => Promise<number>;

async function compare(label: string, readPlainRanges: Reader, readEncryptedRanges: Reader) {
  step(`${label}, ${WARMUP_RUNS} warm-up and ${RUNS} measured runs each`);
  for (let i = 0; i < WARMUP_RUNS; i++) {
    await readPlainRanges();
    await readEncryptedRanges();
  }
  const plain: number[] = [];
  const encrypted: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    plain.push(await timed(readPlainRanges));
    encrypted.push(await timed(readEncryptedRanges));
  }
  const p = median(plain);
  const e = median(encrypted);
  return { plainMBps: round(p, 0), encryptedMBps: round(e, 0), encryptedVsPlain: round(e / p, 3), runs: { plain: plain.map((x) => round(x, 0)), encrypted: encrypted.map((x) => round(x, 0)) } };
}

async function main() {
  const started = Date.now();
  const loadBefore = loadavg()[0] ?? 0;
  const work = mkdtempSync(join(tmpdir(), 'assay-bench-media-'));
  try {
    step(`writing a ${FILE_MB} MB file, plain and encrypted`);
    const key = randomBytes(32);
    const plainPath = join(work, 'plain.bin');
    const encPath = join(work, 'media.enc');
    const size = FILE_MB * MB;
    const writer = await openEncryptedWriter(encPath, key, { resume: false });
    const fh = await open(plainPath, 'w');
    for (let at = 0; at < size; at += 8 * MB) {
      const piece = randomBytes(8 * MB);
      await fh.write(piece);
      await writer.write(piece);
    }
    await fh.close();
    await writer.finish();

    const whole: [number, number][] = [[0, size - 1]];
    const randomRanges = (count: number): [number, number][] =>
      Array.from({ length: count }, () => {
        const start = randomInt(size - RANGE_BYTES);
        return [start, start + RANGE_BYTES - 1];
      });
    const ranges = randomRanges(RANDOM_RANGES);
    const sequential = await compare('sequential whole file', () => readPlain(plainPath, whole), () => readEncrypted(encPath, key, whole));
    const random = await compare(`${RANDOM_RANGES} random 1 MiB ranges`, () => readPlain(plainPath, ranges), () => readEncrypted(encPath, key, ranges));

    const servers = await startMediaServers({ plainPath, encPath, key, bytes: size });
    let http;
    try {
      const httpRanges = randomRanges(HTTP_RANGES);
      http = {
        sequential: await compare('HTTP: whole file', () => readRangesOverHttp(servers.plainUrl, whole), () => readRangesOverHttp(servers.mediaUrl, whole)),
        randomRanges: await compare(`HTTP: ${HTTP_RANGES} random 1 MiB ranges`, () => readRangesOverHttp(servers.plainUrl, httpRanges), () => readRangesOverHttp(servers.mediaUrl, httpRanges)),
      };
    } finally {
      await servers.stop();
    }

    step(`ceiling: decrypting the whole file in memory, ${RUNS} runs on one thread and on every core`);
    const ceiling = await withTimeout(decryptCeiling(encPath, key, RUNS), 5 * 60_000, 'the decryption ceiling (worker threads)');
    const decryptOnly = {
      oneThreadMBps: round(median(ceiling.oneThreadMBps), 0),
      allCoresMBps: round(median(ceiling.allCoresMBps), 0),
      threads: ceiling.threads,
      oneThreadVsPlain: round(median(ceiling.oneThreadMBps) / sequential.plainMBps, 3),
      allCoresVsPlain: round(median(ceiling.allCoresMBps) / sequential.plainMBps, 3),
      runs: { oneThread: ceiling.oneThreadMBps.map((x) => round(x, 0)), allCores: ceiling.allCoresMBps.map((x) => round(x, 0)) },
    };

    const results = {
      at: new Date().toISOString(),
      machine: { cpus: cpus().length, node: process.version, loadAverage1mBefore: round(loadBefore), loadAverage1mAfter: round(loadavg()[0] ?? 0) },
      setup: { fileMB: FILE_MB, chunkKiB: DEFAULT_CHUNK_BYTES / 1024, randomRanges: RANDOM_RANGES, httpRanges: HTTP_RANGES, rangeBytes: RANGE_BYTES, warmupRuns: WARMUP_RUNS, runs: RUNS },
      sequential,
      randomRanges: random,
      http,
      decryptOnly,
      // Issue #8 §6: even the slowest of these reads is over 100× faster than a classroom
      // video plays, so they are recorded, not targets; what a user feels is measured by
      // ui-media (seeking and 2× playback in Chromium).
      targets: 'none: recorded fields (see ui-media for the player targets)',
      seconds: round((Date.now() - started) / 1000, 1),
    };
    mkdirSync(join(REPO_ROOT, 'bench-results'), { recursive: true });
    writeFileSync(join(REPO_ROOT, 'bench-results/core-media.json'), `${JSON.stringify(results, null, 2)}\n`);
    console.log(
      [
        `sequential: encrypted ${sequential.encryptedMBps} MB/s vs plain ${sequential.plainMBps} MB/s = ${sequential.encryptedVsPlain}`,
        `random:     encrypted ${random.encryptedMBps} MB/s vs plain ${random.plainMBps} MB/s = ${random.encryptedVsPlain}`,
        `HTTP whole: media route ${http.sequential.encryptedMBps} MB/s vs plain file server ${http.sequential.plainMBps} MB/s = ${http.sequential.encryptedVsPlain}`,
        `HTTP seeks: media route ${http.randomRanges.encryptedMBps} MB/s vs plain file server ${http.randomRanges.plainMBps} MB/s = ${http.randomRanges.encryptedVsPlain}`,
        `ceiling:    decryption alone, from memory: ${decryptOnly.oneThreadMBps} MB/s on one thread = ${decryptOnly.oneThreadVsPlain} of plain reads, ${decryptOnly.allCoresMBps} MB/s on ${decryptOnly.threads} threads = ${decryptOnly.allCoresVsPlain}`,
        `written to bench-results/core-media.json in ${results.seconds} s`,
      ].join('\n'),
    );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
