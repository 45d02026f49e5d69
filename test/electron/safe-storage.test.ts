import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { safeStorageKeyProvider, safeStorageSecretStore, type SafeStorageSlice } from '../../electron/main/safe-storage.ts';

// A stand-in for Electron's safeStorage: "encrypts" by XOR so ciphertext never equals plaintext.
function fakeSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageSlice & { calls: number } {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  const fake = {
    calls: 0,
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (text: string) => {
      fake.calls++;
      return xor(Buffer.from(text, 'utf8'));
    },
    decryptString: (sealed: Buffer) => xor(sealed).toString('utf8'),
  };
  return fake;
}

const dir = mkdtempSync(join(tmpdir(), 'assay-keychain-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const fresh = () => join(dir, `case-${++n}`);

describe('safeStorage media key', () => {
  it('creates a 32-byte key once, stores only its ciphertext (0600), and reads the same key back', async () => {
    const keyFile = join(fresh(), 'media-key.sealed');
    const safeStorage = fakeSafeStorage();
    const accept = vi.fn(async () => false);
    const first = await safeStorageKeyProvider({ safeStorage, platform: 'linux', acceptBasicText: accept, keyFile }).mediaKey();
    expect(first).toHaveLength(32);
    const sealed = readFileSync(keyFile);
    expect(sealed.includes(Buffer.from(first.toString('base64')))).toBe(false);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    const again = await safeStorageKeyProvider({ safeStorage, platform: 'linux', acceptBasicText: accept, keyFile }).mediaKey();
    expect(again.equals(first)).toBe(true);
    expect(accept).not.toHaveBeenCalled();
  });

  it("refuses Linux's basic_text backend unless the user accepts, and asks only once", async () => {
    const keyFile = join(fresh(), 'media-key.sealed');
    const refuse = vi.fn(async () => false);
    const provider = safeStorageKeyProvider({ safeStorage: fakeSafeStorage('basic_text'), platform: 'linux', acceptBasicText: refuse, keyFile });
    await expect(provider.mediaKey()).rejects.toMatchObject({ code: 'keychain_refused' });
    expect(() => statSync(keyFile)).toThrow();
    const accept = vi.fn(async () => true);
    const accepted = safeStorageKeyProvider({ safeStorage: fakeSafeStorage('basic_text'), platform: 'linux', acceptBasicText: accept, keyFile });
    expect(await accepted.mediaKey()).toHaveLength(32);
    await accepted.mediaKey();
    expect(accept).toHaveBeenCalledTimes(1);
  });

  it('does not ask on macOS or Windows, and fails clearly without a keychain', async () => {
    const ask = vi.fn(async () => false);
    const mac = safeStorageKeyProvider({ safeStorage: fakeSafeStorage('basic_text'), platform: 'darwin', acceptBasicText: ask, keyFile: join(fresh(), 'k') });
    expect(await mac.mediaKey()).toHaveLength(32);
    expect(ask).not.toHaveBeenCalled();
    const none = safeStorageKeyProvider({ safeStorage: fakeSafeStorage('unknown', false), platform: 'win32', acceptBasicText: ask, keyFile: join(fresh(), 'k') });
    await expect(none.mediaKey()).rejects.toMatchObject({ code: 'keychain_unavailable' });
  });

  it('refuses a damaged key file instead of using it', async () => {
    const keyFile = join(fresh(), 'k');
    const safeStorage = fakeSafeStorage();
    await safeStorageKeyProvider({ safeStorage, platform: 'linux', acceptBasicText: async () => false, keyFile }).mediaKey();
    writeFileSync(keyFile, safeStorage.encryptString('c2hvcnQ='));
    const damaged = safeStorageKeyProvider({ safeStorage, platform: 'linux', acceptBasicText: async () => false, keyFile });
    await expect(damaged.mediaKey()).rejects.toThrow(/damaged/);
  });
});

describe('safeStorage secret store', () => {
  it('keeps secrets sealed on disk and round-trips them', async () => {
    const file = join(fresh(), 'secrets.sealed.json');
    const store = safeStorageSecretStore({ safeStorage: fakeSafeStorage(), platform: 'linux', acceptBasicText: async () => false, file });
    expect(await store.get('hubToken')).toBeNull();
    await Promise.all([store.set('hubToken', 'tok-123456'), store.set('other', 'x')]);
    expect(readFileSync(file, 'utf8')).not.toContain('tok-123456');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const reopened = safeStorageSecretStore({ safeStorage: fakeSafeStorage(), platform: 'linux', acceptBasicText: async () => false, file });
    expect(await reopened.get('hubToken')).toBe('tok-123456');
    expect(await reopened.get('other')).toBe('x');
    await reopened.delete('hubToken');
    expect(await reopened.get('hubToken')).toBeNull();
    expect(await reopened.get('other')).toBe('x');
  });

  it('will not store a token with a refused basic_text backend', async () => {
    const file = join(fresh(), 's.json');
    const store = safeStorageSecretStore({ safeStorage: fakeSafeStorage('basic_text'), platform: 'linux', acceptBasicText: async () => false, file });
    await expect(store.set('hubToken', 'tok')).rejects.toMatchObject({ code: 'keychain_refused' });
    expect(() => statSync(file)).toThrow();
  });
});
