// What decryption alone costs on this machine: every chunk of an encrypted media file,
// already in memory (no file I/O, no async), authenticated and decrypted with the store's own
// openChunk, on one thread and split over one worker thread per core. No reader built on
// AES-256-GCM can beat these, so they bound the encrypted-vs-plain ratio from above.
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { Worker } from 'node:worker_threads';
import { finishedLayout, HEADER_BYTES, importKey, openChunk, parseHeader, storedChunkBytes } from '../../../electron/core/media/chunk-format.ts';

const WORKER = new URL('./decrypt-ceiling-worker.ts', import.meta.url);

/** Decrypts chunks [from, to) of an encrypted file held in memory; answers the plaintext bytes. */
export function decryptSpan(file: Buffer, key: Buffer, from: number, to: number): number {
  const header = parseHeader(file.subarray(0, HEADER_BYTES), 'memory');
  const { chunks } = finishedLayout(header, file.length, 'memory');
  const secret = importKey(key);
  const stored = storedChunkBytes(header);
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const at = HEADER_BYTES + i * stored;
    bytes += openChunk(secret, header, i, i === chunks - 1, file.subarray(at, Math.min(at + stored, file.length)), 'memory').length;
  }
  return bytes;
}

const chunkCount = (file: Buffer) => finishedLayout(parseHeader(file.subarray(0, HEADER_BYTES), 'memory'), file.length, 'memory').chunks;

type Span = { from: number; to: number };
type Ready = { worker: Worker; run(): Promise<number> };

/** A worker holding its own copy of the file, decrypting its span each time it is asked. */
async function startWorker(file: Buffer, key: Buffer, span: Span): Promise<Ready> {
  const worker = new Worker(WORKER, { workerData: { file, key, ...span } });
  await new Promise<void>((ready, fail) => {
    worker.once('message', () => ready());
    worker.once('error', fail);
  });
  return {
    worker,
    run: () =>
      new Promise<number>((done, fail) => {
        worker.once('message', (bytes: number) => done(bytes));
        worker.once('error', fail);
        worker.postMessage('go');
      }),
  };
}

/** MB/s of decrypting the whole file in memory: on this thread, and over one worker per core. */
export async function decryptCeiling(encPath: string, key: Buffer, runs: number): Promise<{ oneThreadMBps: number[]; allCoresMBps: number[]; threads: number }> {
  const file = readFileSync(encPath);
  const chunks = chunkCount(file);
  const mbps = (bytes: number, since: bigint) => bytes / (1024 * 1024) / (Number(process.hrtime.bigint() - since) / 1e9);
  const oneThreadMBps: number[] = [];
  decryptSpan(file, key, 0, chunks);
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    oneThreadMBps.push(mbps(decryptSpan(file, key, 0, chunks), start));
  }
  const threads = cpus().length;
  const per = Math.ceil(chunks / threads);
  const workers = await Promise.all(Array.from({ length: threads }, (_, k) => startWorker(file, key, { from: k * per, to: Math.min(chunks, (k + 1) * per) })));
  const allCoresMBps: number[] = [];
  try {
    await Promise.all(workers.map((w) => w.run()));
    for (let i = 0; i < runs; i++) {
      const start = process.hrtime.bigint();
      const bytes = (await Promise.all(workers.map((w) => w.run()))).reduce((a, b) => a + b, 0);
      allCoresMBps.push(mbps(bytes, start));
    }
  } finally {
    await Promise.all(workers.map((w) => w.worker.terminate()));
  }
  return { oneThreadMBps, allCoresMBps, threads };
}
