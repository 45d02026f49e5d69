import { chmod, readFile, stat, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileKeyProvider } from '../../../electron/core/media/key-file.ts';
import { KeyFileError } from '../../../electron/core/media/errors.ts';
import { makeTempDir, removeDir } from './support/media-fixture.ts';

const dir = makeTempDir('key');
afterAll(() => removeDir(dir));

describe('media key file', () => {
  it('creates a random 32-byte key readable only by its owner, and returns the same key afterwards', async () => {
    const path = join(dir, 'nested', 'media.key');
    const key = await fileKeyProvider(path).mediaKey();
    expect(key.length).toBe(32);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await readFile(path)).equals(key)).toBe(true);
    expect((await fileKeyProvider(path).mediaKey()).equals(key)).toBe(true);
    expect((await fileKeyProvider(join(dir, 'other.key')).mediaKey()).equals(key)).toBe(false);
  });

  it('two providers racing to create the key agree on one key', async () => {
    const path = join(dir, 'race.key');
    const keys = await Promise.all([1, 2, 3, 4].map(() => fileKeyProvider(path).mediaKey()));
    for (const k of keys) expect(k.equals(keys[0] as Buffer)).toBe(true);
  });

  it('refuses a key file readable by group or others', async () => {
    const path = join(dir, 'open.key');
    await fileKeyProvider(path).mediaKey();
    await chmod(path, 0o644);
    const err = await fileKeyProvider(path).mediaKey().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyFileError);
    expect((err as KeyFileError).code).toBe('insecure_key_file');
    expect((err as Error).message).toContain('chmod 600');
  });

  it('refuses a key file of the wrong length', async () => {
    const path = join(dir, 'short.key');
    await writeFile(path, randomBytes(16), { mode: 0o600 });
    const err = await fileKeyProvider(path).mediaKey().catch((e: unknown) => e);
    expect((err as KeyFileError).code).toBe('invalid_key_file');
  });
});
