import { readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEarlyWriteback } from '../../../electron/core/downloads/early-writeback.ts';
import { makeTempDir, removeDir } from '../media/support/media-fixture.ts';

const root = makeTempDir('dl-writeback');
afterAll(() => removeDir(root));
const openFds = () => readdirSync('/proc/self/fd').length;

describe('startEarlyWriteback', () => {
  it('flushes in the background as bytes are written, leaves the file alone and lets go of it on settle', async () => {
    const path = join(root, 'a.part');
    const data = Buffer.alloc(20 * 1024 * 1024, 7);
    await writeFile(path, data);
    const before = openFds();
    const wb = await startEarlyWriteback(path);
    expect(openFds()).toBe(before + 1);
    for (let i = 0; i < 20; i++) wb.written(1024 * 1024);
    await wb.settle();
    await wb.settle();
    expect(openFds()).toBe(before);
    expect((await readFile(path)).equals(data)).toBe(true);
  });

  it('is a no-op for a file that cannot be opened', async () => {
    const before = openFds();
    const wb = await startEarlyWriteback(join(root, 'missing', 'b.part'));
    wb.written(64 * 1024 * 1024);
    await wb.settle();
    expect(openFds()).toBe(before);
  });
});
