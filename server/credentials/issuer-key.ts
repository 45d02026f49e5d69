import { join } from 'node:path';
import { calculateJwkThumbprint, exportJWK, SignJWT, type JWK } from 'jose';
import { loadOrCreateSigningKey } from '../keys/key-file.ts';
import type { OpenBadgeCredential } from './open-badge.ts';

export const ISSUER_KEY_FILE = 'issuer-signing-key.pem';

export type PublicJwk = JWK & { kty: 'RSA'; n: string; e: string; kid: string; alg: 'RS256'; use: 'sig' };
export type Jwks = { keys: PublicJwk[] };

export type CredentialSigner = {
  /** The key id in every JWT header: the JWKS URL with the key's RFC 7638 thumbprint as fragment. */
  kid: string;
  /** The public half only; the private key never leaves this module. */
  jwks(): Jwks;
  /** The VC-JWT (OB 3.0 "JSON Web Token Proof Format") of the credential, as a compact JWS. */
  sign(credential: OpenBadgeCredential): Promise<string>;
};

/** OB 3.0 maps these JWT claims onto the credential (§ JWT Payload Format). */
export function vcJwtClaims(credential: OpenBadgeCredential): { iss: string; jti: string; sub: string; nbf: number; exp?: number } {
  const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
  return {
    iss: credential.issuer.id,
    jti: credential.id,
    sub: credential.credentialSubject.id,
    nbf: seconds(credential.validFrom),
    ...(credential.validUntil === undefined ? {} : { exp: seconds(credential.validUntil) }),
  };
}

/**
 * The issuer's RSA-2048 signing key, created in the data folder on first start (mode 0600).
 * `jwksUrl` is where the hub serves `jwks()`, so a verifier dereferences `kid` to the key.
 */
export async function loadCredentialSigner(dataDir: string, jwksUrl: string): Promise<CredentialSigner> {
  const { privateKey, publicKey } = await loadOrCreateSigningKey(join(dataDir, ISSUER_KEY_FILE), 'rsa-2048');
  const { n, e } = await exportJWK(publicKey);
  if (!n || !e) throw new Error('the issuer key did not export as an RSA JWK');
  const kid = `${jwksUrl}#${await calculateJwkThumbprint({ kty: 'RSA', n, e }, 'sha256')}`;
  const jwk: PublicJwk = { kty: 'RSA', n, e, kid, alg: 'RS256', use: 'sig' };
  return {
    kid,
    jwks: () => ({ keys: [{ ...jwk }] }),
    // The payload is the credential itself with the claims beside it (not nested under `vc`),
    // and the header carries only what OB 3.0 allows: alg, kid, typ.
    sign: (credential) => new SignJWT({ ...credential, ...vcJwtClaims(credential) }).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(privateKey),
  };
}
