import { randomBytes, randomInt } from 'node:crypto';
import { readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { HEADER_BYTES, TAG_BYTES, DEFAULT_CHUNK_BYTES } from '../../../electron/core/media/chunk-format.ts';
import { hashPlaintextPrefix, openEncryptedWriter, plaintextSize, readPlaintextRange } from '../../../electron/core/media/encrypted-file.ts';
import { MediaIntegrityError } from '../../../electron/core/media/errors.ts';
import { collect, makeTempDir, removeDir, sha256, writeEncrypted } from './support/media-fixture.ts';

const dir = makeTempDir('enc');
afterAll(() => removeDir(dir));
const key = randomBytes(32);
const C = DEFAULT_CHUNK_BYTES;
const STORED = C + TAG_BYTES;

describe('encrypted media file', () => {
  it('reads hundreds of random ranges, chunk boundaries and the whole file equal to the plaintext', async () => {
    const plain = randomBytes(5 * C + 12_345);
    const path = join(dir, 'ranges.enc');
    await writeEncrypted(path, key, plain);
    expect(await plaintextSize(path)).toBe(plain.length);
    // The file is not the plaintext in disguise.
    expect((await readFile(path)).includes(plain.subarray(1000, 1064))).toBe(false);

    const last = plain.length - 1;
    const ranges: [number, number][] = [[0, 0], [last, last], [0, last], [C - 1, C], [C, C], [C - 1, C - 1], [2 * C - 5, 3 * C + 5], [5 * C, last]];
    for (let i = 0; i < 300; i++) {
      const a = randomInt(plain.length);
      const b = Math.min(last, a + randomInt(3 * C));
      ranges.push([a, b]);
    }
    for (const [a, b] of ranges) {
      const got = await collect(readPlaintextRange(path, key, a, b));
      expect(got.equals(plain.subarray(a, b + 1)), `range ${a}-${b}`).toBe(true);
    }
  });

  it('reads across the 1 MiB read-ahead batches, and a reader that stops early leaves the file readable', async () => {
    const plain = randomBytes(40 * C + 777);
    const path = join(dir, 'batches.enc');
    await writeEncrypted(path, key, plain);
    const batch = Math.floor((1024 * 1024) / STORED) * C;
    for (const [a, b] of [[0, plain.length - 1], [batch - 3, batch + 3], [batch - 1, 2 * batch], [C + 5, 2 * batch + 9]] as [number, number][]) {
      expect((await collect(readPlaintextRange(path, key, a, b))).equals(plain.subarray(a, b + 1)), `range ${a}-${b}`).toBe(true);
    }
    for await (const first of readPlaintextRange(path, key, 0, plain.length - 1)) {
      expect(Buffer.from(first).equals(plain.subarray(0, C))).toBe(true);
      break;
    }
    expect(sha256(await collect(readPlaintextRange(path, key, 0, plain.length - 1)))).toBe(sha256(plain));
  });

  it('handles empty files and files that end exactly on a chunk boundary', async () => {
    for (const size of [0, 1, C, 2 * C]) {
      const plain = randomBytes(size);
      const path = join(dir, `edge-${size}.enc`);
      await writeEncrypted(path, key, plain, 4096);
      expect(await plaintextSize(path)).toBe(size);
      const got = await collect(readPlaintextRange(path, key, 0, size - 1));
      expect(sha256(got)).toBe(sha256(plain));
    }
  });

  it('rejects a range outside the file', async () => {
    const path = join(dir, 'small.enc');
    await writeEncrypted(path, key, randomBytes(100));
    await expect(collect(readPlaintextRange(path, key, 50, 100))).rejects.toThrow(RangeError);
    await expect(collect(readPlaintextRange(path, key, -1, 10))).rejects.toThrow(RangeError);
  });

  describe('tampering is an error, never garbage', () => {
    const plain = randomBytes(4 * C + 999);
    const fresh = async (name: string) => {
      const path = join(dir, name);
      await writeEncrypted(path, key, plain);
      return path;
    };
    const expectTampered = async (path: string, start: number, end: number) => {
      const err = await collect(readPlaintextRange(path, key, start, end)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MediaIntegrityError);
      expect((err as MediaIntegrityError).code).toBe('media_tampered');
    };

    it('one flipped byte in one chunk', async () => {
      const path = await fresh('flip.enc');
      const bytes = await readFile(path);
      const at = HEADER_BYTES + 2 * STORED + 1234;
      bytes[at] = (bytes[at] as number) ^ 0x01;
      await writeFile(path, bytes);
      await expectTampered(path, 2 * C + 10, 2 * C + 20);
      // Chunks that were not touched still read correctly.
      expect((await collect(readPlaintextRange(path, key, 0, C - 1))).equals(plain.subarray(0, C))).toBe(true);
    });

    it('a flipped tag byte', async () => {
      const path = await fresh('tag.enc');
      const bytes = await readFile(path);
      const at = HEADER_BYTES + STORED - 1;
      bytes[at] = (bytes[at] as number) ^ 0x80;
      await writeFile(path, bytes);
      await expectTampered(path, 0, 0);
    });

    it('two chunks swapped', async () => {
      const path = await fresh('swap.enc');
      const bytes = await readFile(path);
      const one = Buffer.from(bytes.subarray(HEADER_BYTES + STORED, HEADER_BYTES + 2 * STORED));
      bytes.copy(bytes, HEADER_BYTES + STORED, HEADER_BYTES + 2 * STORED, HEADER_BYTES + 3 * STORED);
      one.copy(bytes, HEADER_BYTES + 2 * STORED);
      await writeFile(path, bytes);
      await expectTampered(path, C, C + 1);
      await expectTampered(path, 2 * C, 2 * C + 1);
    });

    it('the final chunk cut off (truncation at a chunk boundary)', async () => {
      const path = await fresh('trunc.enc');
      await truncate(path, HEADER_BYTES + 4 * STORED);
      await expectTampered(path, 3 * C, 3 * C + 5);
    });

    it('the final chunk shortened', async () => {
      const path = await fresh('short.enc');
      await truncate(path, (await stat(path)).size - 7);
      await expectTampered(path, 4 * C, 4 * C);
    });

    it('a modified header (chunk-size or nonce prefix)', async () => {
      const path = await fresh('header.enc');
      const bytes = await readFile(path);
      bytes[20] = (bytes[20] as number) ^ 0xff;
      await writeFile(path, bytes);
      await expectTampered(path, 0, 10);
    });

    it('the wrong key', async () => {
      const path = await fresh('wrongkey.enc');
      const err = await collect(readPlaintextRange(path, randomBytes(32), 0, 10)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MediaIntegrityError);
    });

    it('a file that is not encrypted media at all', async () => {
      const path = join(dir, 'plain.txt');
      await writeFile(path, 'just some text, longer than a header is');
      await expectTampered(path, 0, 0);
      await expect(plaintextSize(path)).rejects.toBeInstanceOf(MediaIntegrityError);
    });
  });

  describe('resume', () => {
    it('keeps whole chunks, drops a trailing partial chunk, and continues to a correct file', async () => {
      const plain = randomBytes(6 * C + 500);
      const path = join(dir, 'resume.part');
      const w1 = await openEncryptedWriter(path, key, { resume: false });
      expect(w1.plaintextOffset).toBe(0);
      await w1.write(plain.subarray(0, 3 * C + 777));
      await w1.close();
      // Simulates a kill in the middle of writing chunk 3.
      const size = (await stat(path)).size;
      await writeFile(path, randomBytes(1000), { flag: 'a' });
      expect((await stat(path)).size).toBe(size + 1000);

      const prefix = await hashPlaintextPrefix(path, key);
      expect(prefix.bytes).toBe(3 * C);
      expect(prefix.hash.copy().digest('hex')).toBe(sha256(plain.subarray(0, 3 * C)));

      const w2 = await openEncryptedWriter(path, key, { resume: true });
      expect(w2.plaintextOffset).toBe(3 * C);
      await w2.write(plain.subarray(3 * C));
      await w2.finish();
      expect(await plaintextSize(path)).toBe(plain.length);
      expect((await collect(readPlaintextRange(path, key, 0, plain.length - 1))).equals(plain)).toBe(true);
    });

    it('close() keeps a chunk that is exactly full, and resume from a missing file starts at zero', async () => {
      const path = join(dir, 'exact.part');
      const w = await openEncryptedWriter(path, key, { resume: false });
      await w.write(randomBytes(2 * C));
      await w.close();
      expect((await hashPlaintextPrefix(path, key)).bytes).toBe(2 * C);
      const missing = await openEncryptedWriter(join(dir, 'never.part'), key, { resume: true });
      expect(missing.plaintextOffset).toBe(0);
      await missing.abort();
      expect((await hashPlaintextPrefix(join(dir, 'absent.part'), key)).bytes).toBe(0);
    });

    it('a tampered .part is detected when its prefix is re-hashed', async () => {
      const path = join(dir, 'bad.part');
      const w = await openEncryptedWriter(path, key, { resume: false });
      await w.write(randomBytes(3 * C));
      await w.close();
      const bytes = await readFile(path);
      bytes[HEADER_BYTES + 5] = (bytes[HEADER_BYTES + 5] as number) ^ 1;
      await writeFile(path, bytes);
      await expect(hashPlaintextPrefix(path, key)).rejects.toBeInstanceOf(MediaIntegrityError);
    });

    it('refuses a key that is not 32 bytes', async () => {
      await expect(openEncryptedWriter(join(dir, 'k.part'), randomBytes(16), { resume: false })).rejects.toThrow(/32 bytes/);
    });
  });
});
