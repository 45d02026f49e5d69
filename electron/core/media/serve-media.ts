import { contentRange, ifRangeMatches, parseRange, unsatisfiedRange } from '../../../shared/http-range.ts';
import { MEDIA_TYPE_KINDS } from '../../../shared/index.ts';
import type { LocalArtifactFile } from '../store/types.ts';
import type { MediaResponse } from '../ports.ts';
import { plaintextSize, readPlaintextRange } from './encrypted-file.ts';
import { MediaIntegrityError } from './errors.ts';

/**
 * Answers a GET or HEAD for one local artifact the way a file server would, so a plain
 * <video> element can seek: 200 for the whole file, 206 with Content-Range for one range,
 * 416 for a range past the end, strong ETag (the SHA-256) for If-Range. The bytes are
 * decrypted chunk by chunk while they are sent. Nothing is cached by the browser: the
 * content is student data.
 */
export async function serveMedia(
  file: LocalArtifactFile,
  key: Buffer,
  headers: { range?: string; ifRange?: string },
  method: 'GET' | 'HEAD',
): Promise<MediaResponse> {
  let size: number;
  try {
    size = await plaintextSize(file.path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { status: 404, headers: { 'Cache-Control': 'no-store' }, body: null };
    throw err;
  }
  if (size !== file.bytes) throw new MediaIntegrityError(`${file.path} holds ${size} bytes, the artifact has ${file.bytes}`);

  const etag = `"${file.sha256}"`;
  const base: Record<string, string> = {
    'Accept-Ranges': 'bytes',
    ETag: etag,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    // Served next to the app: should it ever be opened as a page, it can run nothing.
    'Content-Security-Policy': "sandbox; default-src 'none'",
  };
  // A stale validator means the client's earlier bytes belong to another file: send it all.
  const range = ifRangeMatches(headers.ifRange, etag) ? parseRange(headers.range, size) : ({ kind: 'full' } as const);

  if (range.kind === 'unsatisfiable') {
    return { status: 416, headers: { ...base, 'Content-Range': unsatisfiedRange(size), 'Content-Length': '0' }, body: null };
  }
  const [status, start, end] = range.kind === 'partial' ? [206, range.start, range.end] : [200, 0, size - 1];
  const out: Record<string, string> = { ...base, ...contentTypeHeaders(file.mediaType), 'Content-Length': String(end - start + 1) };
  if (status === 206) out['Content-Range'] = contentRange(start, end, size);
  return { status, headers: out, body: method === 'HEAD' ? null : await primed(readPlaintextRange(file.path, key, start, end)) };
}

/**
 * Decrypts the first chunk before the answer is given, so a chunk that fails authentication
 * at the start of the range throws here (a clean error answer) instead of after the headers.
 */
async function primed(body: AsyncGenerator<Uint8Array>): Promise<AsyncIterable<Uint8Array>> {
  let pending: IteratorResult<Uint8Array> | null = await body.next();
  return {
    [Symbol.asyncIterator]: () => ({
      next: async () => {
        const step = pending ?? (await body.next());
        pending = null;
        return step;
      },
      // Also when the first chunk was never taken: the generator closes its file.
      return: async () => {
        pending = null;
        return body.return(undefined);
      },
    }),
  };
}

/**
 * The hub's claimed type is used only when it is one the hub accepts (shared MEDIA_TYPE_KINDS):
 * anything else (text/html, image/svg+xml…) goes out as an opaque download.
 */
export function contentTypeHeaders(mediaType: string): Record<string, string> {
  if (Object.hasOwn(MEDIA_TYPE_KINDS, mediaType)) return { 'Content-Type': mediaType };
  return { 'Content-Type': 'application/octet-stream', 'Content-Disposition': 'attachment' };
}
