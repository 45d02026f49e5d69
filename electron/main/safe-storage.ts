// The OS keychain, through Electron's safeStorage, as the core's KeyProvider and SecretStore.
// Electron-free: safeStorage is passed in, so the refusal of Linux's plain-text backend and
// the file formats are unit-tested with a fake.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { KeyProvider, SecretStore } from '../core/ports.ts';

export type SafeStorageSlice = {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  getSelectedStorageBackend?(): string;
};

export type KeychainOptions = {
  safeStorage: SafeStorageSlice;
  platform: NodeJS.Platform;
  /**
   * Asked once when Linux has no keyring and safeStorage would fall back to a hard-coded
   * password ('basic_text'): true only if the user explicitly accepts that.
   */
  acceptBasicText: () => Promise<boolean>;
};

export class KeychainError extends Error {
  readonly code: 'keychain_unavailable' | 'keychain_refused';
  constructor(code: KeychainError['code'], message: string) {
    super(message);
    this.code = code;
  }
}

/** Resolves when safeStorage may be used; asks about basic_text at most once. */
export function keychainGuard(opts: KeychainOptions): () => Promise<void> {
  let verdict: Promise<void> | null = null;
  const check = async () => {
    if (!opts.safeStorage.isEncryptionAvailable()) {
      throw new KeychainError('keychain_unavailable', 'The system keychain is not available, so media and sign-in cannot be protected on this device.');
    }
    if (opts.platform === 'linux' && opts.safeStorage.getSelectedStorageBackend?.() === 'basic_text' && !(await opts.acceptBasicText())) {
      throw new KeychainError('keychain_refused', 'No desktop keyring (GNOME Keyring or KWallet) was found and the weaker built-in key store was not accepted.');
    }
  };
  return () => (verdict ??= check());
}

async function writePrivate(file: string, data: string | Buffer): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.${process.pid}.tmp`;
  await writeFile(tmp, data, { mode: 0o600, flush: true });
  await rename(tmp, file);
}

async function readIfPresent(file: string): Promise<Buffer | null> {
  try {
    return await readFile(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** A random 32-byte media key, kept on disk only as safeStorage ciphertext. */
export function safeStorageKeyProvider(opts: KeychainOptions & { keyFile: string }): KeyProvider {
  const ready = keychainGuard(opts);
  let key: Promise<Buffer> | null = null;
  const load = async () => {
    await ready();
    const sealed = await readIfPresent(opts.keyFile);
    if (sealed !== null) {
      const k = Buffer.from(opts.safeStorage.decryptString(sealed), 'base64');
      if (k.length !== 32) throw new KeychainError('keychain_unavailable', `The media key in ${opts.keyFile} is damaged.`);
      return k;
    }
    const fresh = randomBytes(32);
    await writePrivate(opts.keyFile, opts.safeStorage.encryptString(fresh.toString('base64')));
    return fresh;
  };
  return {
    mediaKey: () => {
      key ??= load().catch((err: unknown) => {
        key = null;
        throw err;
      });
      return key;
    },
  };
}

/** Named secrets (the hub token), each sealed with safeStorage, in one JSON file. */
export function safeStorageSecretStore(opts: KeychainOptions & { file: string }): SecretStore {
  const ready = keychainGuard(opts);
  // Writes are read-modify-write of one file: run them one after another.
  let writes: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = writes.then(task, task);
    writes = run.catch(() => undefined);
    return run;
  };
  const readAll = async (): Promise<Record<string, string>> => {
    const raw = await readIfPresent(opts.file);
    return raw === null ? {} : (JSON.parse(raw.toString('utf8')) as Record<string, string>);
  };
  return {
    async get(name) {
      await ready();
      const sealed = (await readAll())[name];
      return sealed === undefined ? null : opts.safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    },
    async set(name, value) {
      await ready();
      await serial(async () => {
        const all = await readAll();
        all[name] = opts.safeStorage.encryptString(value).toString('base64');
        await writePrivate(opts.file, JSON.stringify(all));
      });
    },
    delete(name) {
      return serial(async () => {
        const all = await readAll();
        if (!(name in all)) return;
        delete all[name];
        await writePrivate(opts.file, JSON.stringify(all));
      });
    },
  };
}
