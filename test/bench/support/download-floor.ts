// The least work any verifying, encrypting downloader does on a batch, measured without a
// network or a disk: SHA-256 of every file and AES-256-GCM sealing of its chunks with the
// store's own sealChunk, from memory, on one thread. Answers both the wall time and the CPU
// time (the latter does not grow when other processes share the cores).
import { createHash } from 'node:crypto';
import { DEFAULT_CHUNK_BYTES, importKey, newHeader, sealChunk } from '../../../electron/core/media/chunk-format.ts';

export type FloorRun = { seconds: number; cpuSeconds: number };

/** Hashes and encrypts all the files once. */
export function hashAndEncrypt(files: readonly Buffer[], key: Buffer): FloorRun {
  const secret = importKey(key);
  const cpu = process.cpuUsage();
  const start = process.hrtime.bigint();
  for (const file of files) {
    const hash = createHash('sha256');
    const header = newHeader();
    const chunks = Math.max(1, Math.ceil(file.length / DEFAULT_CHUNK_BYTES));
    for (let i = 0; i < chunks; i++) {
      const piece = file.subarray(i * DEFAULT_CHUNK_BYTES, (i + 1) * DEFAULT_CHUNK_BYTES);
      hash.update(piece);
      sealChunk(secret, header, i, i === chunks - 1, piece);
    }
    hash.digest();
  }
  const used = process.cpuUsage(cpu);
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, cpuSeconds: (used.user + used.system) / 1e6 };
}
