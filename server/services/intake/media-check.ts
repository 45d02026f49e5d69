/** Leading bytes that identify the binary media types the hub accepts. */
const SIGNATURES: Record<string, (head: Buffer) => boolean> = {
  'application/pdf': (h) => h.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/png': (h) => h.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  'image/jpeg': (h) => h[0] === 0xff && h[1] === 0xd8 && h[2] === 0xff,
  'image/webp': (h) => h.subarray(0, 4).toString('latin1') === 'RIFF' && h.subarray(8, 12).toString('latin1') === 'WEBP',
  'video/webm': (h) => h.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3])),
  'video/mp4': (h) => h.subarray(4, 8).toString('latin1') === 'ftyp',
};

/** Bytes needed to decide. */
export const SIGNATURE_BYTES = 12;

/**
 * Whether the body fits its declared media type: binary types by their leading bytes; text
 * types have no signature and are refused if any NUL byte appears (binary sent as text).
 */
export function contentMatchesType(mediaType: string, head: Buffer, containsNul: boolean): boolean {
  const check = SIGNATURES[mediaType];
  if (check) return check(head);
  return !containsNul;
}
