import { createPrivateKey, createPublicKey, generateKeyPair, randomBytes, type KeyObject } from 'node:crypto';
import { link, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';

/** The signing keys the hub keeps in its data folder; each is a PKCS #8 PEM file, mode 0600. */
export type KeyKind = 'rsa-2048' | 'ed25519';

export type SigningKey = { privateKey: KeyObject; publicKey: KeyObject };

/** A key file the hub must not use: readable by others, or not the kind of key expected. */
export class KeyFileError extends Error {
  readonly code: 'insecure_key_file' | 'invalid_key_file';
  constructor(code: KeyFileError['code'], message: string) {
    super(message);
    this.name = 'KeyFileError';
    this.code = code;
  }
}

/**
 * Reads the private key at `path`, or creates it on first start. Creation is atomic (written
 * 0600 under a temporary name, then linked into place), so a crash never leaves half a key
 * and two processes starting together end up with the same key. A file that group or others
 * can read, or that holds another kind of key, is refused rather than trusted.
 */
export async function loadOrCreateSigningKey(path: string, kind: KeyKind): Promise<SigningKey> {
  const existing = await readKey(path, kind);
  if (existing) return existing;
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const pem = await generatePem(kind);
  const tmp = `${path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await fh.writeFile(pem);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await link(tmp, path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    await unlink(tmp);
  }
  const key = await readKey(path, kind);
  if (!key) throw new KeyFileError('invalid_key_file', `The signing key file ${path} disappeared while it was being created`);
  return key;
}

/** A new private key as PKCS #8 PEM, generated off the main thread (RSA takes a while). */
function generatePem(kind: KeyKind): Promise<string> {
  const encoding = { privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } } as const;
  return new Promise((done, fail) => {
    const callback = (err: Error | null, _publicKey: string, privateKey: string) => (err ? fail(err) : done(privateKey));
    if (kind === 'rsa-2048') generateKeyPair('rsa', { modulusLength: 2048, ...encoding }, callback);
    else generateKeyPair('ed25519', encoding, callback);
  });
}

async function readKey(path: string, kind: KeyKind): Promise<SigningKey | null> {
  let mode: number;
  try {
    mode = (await stat(path)).mode;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
  // POSIX permissions do not describe Windows ACLs; there the data folder's ACL protects it.
  if (process.platform !== 'win32' && (mode & 0o077) !== 0) {
    throw new KeyFileError('insecure_key_file', `The signing key file ${path} is readable by other users (mode ${(mode & 0o777).toString(8)}); run "chmod 600 ${path}"`);
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey(await readFile(path));
  } catch {
    throw new KeyFileError('invalid_key_file', `The signing key file ${path} does not hold a PEM private key`);
  }
  const fits =
    kind === 'rsa-2048' ? privateKey.asymmetricKeyType === 'rsa' && privateKey.asymmetricKeyDetails?.modulusLength === 2048 : privateKey.asymmetricKeyType === 'ed25519';
  if (!fits) throw new KeyFileError('invalid_key_file', `The signing key file ${path} does not hold an ${kind} key`);
  return { privateKey, publicKey: createPublicKey(privateKey) };
}
