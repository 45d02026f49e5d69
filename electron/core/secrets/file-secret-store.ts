import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretStore } from '../ports.ts';

const OWNER_ONLY = 0o600;

async function fsyncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * Secrets (the hub token) outside Electron: one JSON file readable only by its owner,
 * replaced atomically (temp file, fsync, rename, fsync of the folder) so a crash leaves the
 * old or the new content, never half of one. Writes are serialised within the process.
 */
export function fileSecretStore(path: string): SecretStore {
  let pending: Promise<unknown> = Promise.resolve();

  const readAll = async (): Promise<Record<string, string>> => {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw err;
    }
    // A copy restored with looser permissions is tightened before it is trusted again.
    if (((await stat(path)).mode & 0o077) !== 0) await chmod(path, OWNER_ONLY);
    const data: unknown = JSON.parse(text);
    const valid = typeof data === 'object' && data !== null && !Array.isArray(data) && Object.values(data).every((v) => typeof v === 'string');
    if (!valid) throw new Error(`The secret file ${path} is damaged: delete it and sign in again.`);
    return data as Record<string, string>;
  };

  const writeAll = async (data: Record<string, string>): Promise<void> => {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temp, 'wx', OWNER_ONLY);
    try {
      await handle.chmod(OWNER_ONLY);
      await handle.writeFile(JSON.stringify(data));
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    await fsyncDir(dirname(path));
  };

  const mutate = (change: (data: Record<string, string>) => void): Promise<void> => {
    const next = pending.then(async () => {
      const data = await readAll();
      change(data);
      await writeAll(data);
    });
    pending = next.catch(() => undefined);
    return next;
  };

  return {
    async get(name) {
      await pending;
      return (await readAll())[name] ?? null;
    },
    set: (name, value) => mutate((data) => {
      data[name] = value;
    }),
    delete: (name) => mutate((data) => {
      delete data[name];
    }),
  };
}
