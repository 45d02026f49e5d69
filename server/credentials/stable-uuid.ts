import { createHash } from 'node:crypto';

/** Assay's own name-based UUID namespace (a fixed random UUID), under which issuers get theirs. */
export const ASSAY_UUID_NAMESPACE = '0d3b8f4e-6a41-4c1e-9a57-52f1c0a7e3b9';

/**
 * An RFC 9562 version 5 (SHA-1, name-based) UUID: the same namespace and name give the same
 * UUID in every process and on every machine, so a credential re-issued for one decision keeps
 * its id without storing it.
 */
export function uuidV5(namespace: string, name: string): string {
  const ns = Buffer.from(namespace.replaceAll('-', ''), 'hex');
  if (ns.length !== 16) throw new RangeError(`namespace is not a UUID: ${namespace}`);
  const bytes = createHash('sha1').update(ns).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const urnUuid = (namespace: string, name: string): string => `urn:uuid:${uuidV5(namespace, name)}`;
