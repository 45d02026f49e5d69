import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openEncryptedWriter } from '../../../../electron/core/media/encrypted-file.ts';

export const makeTempDir = (label: string) => mkdtempSync(join(tmpdir(), `assay-${label}-`));
export const removeDir = (dir: string) => rmSync(dir, { recursive: true, force: true });

/** Writes `plain` encrypted to `path`, fed in uneven pieces as a download would be. */
export async function writeEncrypted(path: string, key: Buffer, plain: Buffer, pieceBytes = 10_007): Promise<void> {
  const w = await openEncryptedWriter(path, key, { resume: false });
  for (let at = 0; at < plain.length; at += pieceBytes) await w.write(plain.subarray(at, at + pieceBytes));
  await w.finish();
}

export async function collect(it: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Uint8Array[] = [];
  for await (const p of it) parts.push(p);
  return Buffer.concat(parts);
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A plaintext file and its encrypted twin in `dir`. */
export async function makeMediaPair(dir: string, key: Buffer, bytes: number) {
  const plain = randomBytes(bytes);
  const plainPath = join(dir, 'plain.bin');
  const encPath = join(dir, 'media.enc');
  await writeFile(plainPath, plain);
  await writeEncrypted(encPath, key, plain);
  return { plain, plainPath, encPath, sha256: sha256(plain) };
}
