import { randomBytes, randomInt } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPlaintextRange } from '../../../electron/core/media/encrypted-file.ts';
import { READ_BUFFER_BYTES, returnReadBuffer, takeReadBuffer } from '../../../electron/core/media/read-buffers.ts';
import { collect, makeTempDir, removeDir, writeEncrypted } from './support/media-fixture.ts';

const dir = makeTempDir('read-buffers');
afterAll(() => removeDir(dir));

describe('read buffers', () => {
  it('hands a returned buffer to the next reader, never one buffer to two readers, and does not pool odd sizes', () => {
    const a = takeReadBuffer(100);
    const b = takeReadBuffer(READ_BUFFER_BYTES);
    expect(a).not.toBe(b);
    expect(a.length).toBe(READ_BUFFER_BYTES);
    returnReadBuffer(a);
    returnReadBuffer(a);
    expect(takeReadBuffer(10)).toBe(a);
    expect(takeReadBuffer(10)).not.toBe(a);
    const big = takeReadBuffer(READ_BUFFER_BYTES + 1);
    expect(big.length).toBe(READ_BUFFER_BYTES + 1);
    returnReadBuffer(big);
    expect(takeReadBuffer(READ_BUFFER_BYTES)).not.toBe(big);
  });

  it('many concurrent range reads of different files, some stopping early, sharing the pool, each get their own bytes', async () => {
    const key = randomBytes(32);
    const files = await Promise.all(
      Array.from({ length: 6 }, async (_, i) => {
        const plain = randomBytes(3 * READ_BUFFER_BYTES + randomInt(100_000));
        const path = join(dir, `f${i}.enc`);
        await writeEncrypted(path, key, plain, 65_536 * 3 + 1);
        return { plain, path };
      }),
    );
    // A reader that stops after its first piece still has its read-ahead running: that
    // buffer must not reach another reader before the read ends.
    const firstPiece = async (it: AsyncIterable<Uint8Array>) => {
      for await (const piece of it) return Buffer.from(piece);
      return Buffer.alloc(0);
    };
    const reads = Array.from({ length: 200 }, (_, n) => {
      const f = files[randomInt(files.length)] as (typeof files)[number];
      const a = randomInt(f.plain.length - 2 * READ_BUFFER_BYTES);
      const b = a + READ_BUFFER_BYTES + randomInt(READ_BUFFER_BYTES);
      if (n % 2 === 0) return collect(readPlaintextRange(f.path, key, a, b)).then((got) => got.equals(f.plain.subarray(a, b + 1)));
      return firstPiece(readPlaintextRange(f.path, key, a, b)).then((got) => got.length > 0 && got.equals(f.plain.subarray(a, a + got.length)));
    });
    expect(await Promise.all(reads)).toEqual(reads.map(() => true));
  });
});
