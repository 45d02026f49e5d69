import { generateKeyPairSync } from 'node:crypto';
import { chmodSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KeyFileError, loadOrCreateSigningKey } from '../../server/keys/key-file.ts';
import { makeDataDir } from '../support/hub.ts';

const dirs: string[] = [];
const freshDir = () => {
  const dir = makeDataDir();
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function refusal(promise: Promise<unknown>): Promise<KeyFileError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KeyFileError);
  return err as KeyFileError;
}

describe('signing key files in the data folder', () => {
  it('creates each kind once, owner-only, and reads the same key back', async () => {
    const dir = freshDir();
    for (const [file, kind, type] of [['rsa.pem', 'rsa-2048', 'rsa'], ['ed.pem', 'ed25519', 'ed25519']] as const) {
      const path = join(dir, file);
      const first = await loadOrCreateSigningKey(path, kind);
      expect(statSync(path).mode & 0o777).toBe(0o600);
      expect(first.privateKey.asymmetricKeyType).toBe(type);
      const again = await loadOrCreateSigningKey(path, kind);
      expect(again.publicKey.export({ format: 'jwk' })).toEqual(first.publicKey.export({ format: 'jwk' }));
    }
    expect(readdirSync(dir).sort()).toEqual(['ed.pem', 'rsa.pem']);
  });

  it('gives two hubs starting together the same key', async () => {
    const path = join(freshDir(), 'keys', 'ed.pem');
    const [a, b] = await Promise.all([loadOrCreateSigningKey(path, 'ed25519'), loadOrCreateSigningKey(path, 'ed25519')]);
    expect(a.publicKey.export({ format: 'jwk' })).toEqual(b.publicKey.export({ format: 'jwk' }));
  });

  it('refuses a key file that others can read', async () => {
    const path = join(freshDir(), 'ed.pem');
    await loadOrCreateSigningKey(path, 'ed25519');
    chmodSync(path, 0o644);
    const err = await refusal(loadOrCreateSigningKey(path, 'ed25519'));
    expect(err.code).toBe('insecure_key_file');
    expect(err.message).toContain('chmod 600');
  });

  it('refuses a file that is not a key of the expected kind', async () => {
    const dir = freshDir();
    const ed = join(dir, 'ed.pem');
    await loadOrCreateSigningKey(ed, 'ed25519');
    expect((await refusal(loadOrCreateSigningKey(ed, 'rsa-2048'))).code).toBe('invalid_key_file');
    const small = join(dir, 'small.pem');
    writeFileSync(small, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
    expect((await refusal(loadOrCreateSigningKey(small, 'rsa-2048'))).code).toBe('invalid_key_file');
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'not a key', { mode: 0o600 });
    expect((await refusal(loadOrCreateSigningKey(junk, 'ed25519'))).code).toBe('invalid_key_file');
  });
});
