// Maps a request path onto a file under the built renderer, for both transports (the web
// host and Electron's assay://app protocol). Anything that could leave the root is refused
// outright rather than normalised: '..' or '.' segments (also percent-encoded), backslashes,
// NUL, drive letters, and symlinks whose target lies outside the root.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extname, join, sep } from 'node:path';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
};

export function contentTypeFor(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticLookup =
  | { status: 200; file: string; size: number; contentType: string }
  | { status: 403 | 404; reason: string };

/** The path's segments if every one is harmless, otherwise null. */
function safeSegments(rawPath: string): string[] | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (!decoded.startsWith('/') || decoded.includes('\\') || decoded.includes('\0')) return null;
  const segments = decoded.split('/').filter((s) => s !== '');
  for (const s of segments) {
    if (s === '.' || s === '..' || s.startsWith('.') || /^[a-zA-Z]:/.test(s)) return null;
  }
  return segments;
}

async function fileInside(root: string, segments: string[]): Promise<{ file: string; size: number } | null> {
  try {
    const real = await realpath(join(root, ...segments));
    if (real !== root && !real.startsWith(root + sep)) return null;
    const info = await stat(real);
    return info.isFile() ? { file: real, size: info.size } : null;
  } catch {
    return null;
  }
}

/**
 * Resolves a raw (still percent-encoded) URL path against the renderer root. A path without
 * a file extension that matches no file is a client-side route: it gets index.html.
 */
export async function resolveStatic(root: string, rawPath: string): Promise<StaticLookup> {
  const segments = safeSegments(rawPath.split('?')[0] ?? '');
  if (segments === null) return { status: 403, reason: 'path not allowed' };
  const realRoot = await realpath(root).catch(() => null);
  if (realRoot === null) return { status: 404, reason: 'renderer not built (run npm run build:renderer)' };
  const found = await fileInside(realRoot, segments.length === 0 ? ['index.html'] : segments);
  if (found !== null) return { status: 200, ...found, contentType: contentTypeFor(found.file) };
  const last = segments.at(-1) ?? '';
  if (extname(last) === '') {
    const index = await fileInside(realRoot, ['index.html']);
    if (index !== null) return { status: 200, ...index, contentType: contentTypeFor(index.file) };
  }
  return { status: 404, reason: 'not found' };
}

/**
 * Streams a file whose headers went out already. A file that vanished or cannot be read
 * after the stat only cuts this response (pipeline destroys it); it never throws.
 */
export async function streamFile(file: string, out: Writable): Promise<void> {
  try {
    await pipeline(createReadStream(file), out);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // The client going away mid-file is routine; anything else is worth a line in the log.
    if (code !== 'ERR_STREAM_PREMATURE_CLOSE') console.error(`web host: could not send ${file}:`, err);
  }
}
