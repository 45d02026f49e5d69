import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KeyProvider } from '../ports.ts';
import { KeyFileError } from './errors.ts';

const KEY_BYTES = 32;

/**
 * The media key outside Electron (web host, tests): a random 32-byte file readable only by
 * its owner. It is created atomically (written 0600 under a temporary name, then linked into
 * place, so a crash or a second process never leaves a half-written or replaced key), and an
 * existing file that group or others can read is refused rather than silently trusted.
 */
export function fileKeyProvider(path: string): KeyProvider {
  let cached: Promise<Buffer> | null = null;
  return {
    mediaKey() {
      cached ??= loadOrCreate(path).catch((err: unknown) => {
        cached = null;
        throw err;
      });
      return cached;
    },
  };
}

async function loadOrCreate(path: string): Promise<Buffer> {
  const existing = await readKey(path);
  if (existing) return existing;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await fh.write(randomBytes(KEY_BYTES));
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await link(tmp, path);
  } catch (err) {
    // Another process created the key first: use theirs.
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await unlink(tmp);
  }
  const key = await readKey(path);
  if (!key) throw new KeyFileError('invalid_key_file', `The media key file ${path} disappeared while it was being created`);
  return key;
}

async function readKey(path: string): Promise<Buffer | null> {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  // POSIX permissions do not describe Windows ACLs; there the user profile folder protects it.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new KeyFileError(
      'insecure_key_file',
      `The media key file ${path} is readable by other users (mode ${(mode & 0o777).toString(8)}); run "chmod 600 ${path}" or delete it (cached media will then be downloaded again)`,
    );
  }
  const key = await readFile(path);
  if (key.length !== KEY_BYTES) {
    throw new KeyFileError('invalid_key_file', `The media key file ${path} holds ${key.length} bytes, not a ${KEY_BYTES}-byte key`);
  }
  return key;
}
