import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { ErrorCode, MEDIA_TYPE_KINDS, type Artifact } from '../../shared/index.ts';
import { tooLarge } from '../http/body.ts';
import { HubError, invalid } from '../http/errors.ts';
import type { AuditAppend } from './audit.ts';
import { newId, type HubContext } from './context.ts';
import { contentMatchesType, SIGNATURE_BYTES } from './media-check.ts';

export type ArtifactUpload = {
  body: Readable;
  /** The Content-Type as sent (parameters allowed). */
  contentType: string | undefined;
  /** The file name as sent (X-Filename); percent-encoding is decoded. */
  filename: string | undefined;
  declaredBytes?: number;
  durationSec?: number;
};

export const artifactPath = (dataDir: string, id: string) => join(dataDir, 'artifacts', id);

function mediaTypeOf(contentType: string | undefined): string {
  const base = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!(base in MEDIA_TYPE_KINDS)) {
    throw new HubError(415, ErrorCode.unsupportedMediaType, `unsupported media type ${JSON.stringify(base)}`, { allowed: Object.keys(MEDIA_TYPE_KINDS) });
  }
  return base;
}

/** A plain file name: no folders, no hidden files, no control characters, at most 255 bytes. */
export function checkFilename(raw: string | undefined): string {
  const bad = (message: string) => invalid('X-Filename is not an acceptable file name', [{ path: 'X-Filename', message }]);
  if (raw === undefined || raw === '') throw bad('a file name is required');
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    throw bad('bad percent-encoding');
  }
  if (name === '') throw bad('a file name is required');
  if (Buffer.byteLength(name, 'utf8') > 255) throw bad('longer than 255 bytes');
  if ([...name].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) throw bad('contains control characters');
  if (name.includes('/') || name.includes('\\')) throw bad('contains a path separator');
  if (name.startsWith('.')) throw bad('starts with a dot');
  return name;
}

/** Streams the body to a temporary file while hashing and counting; never holds it whole. */
function receive(body: Readable, file: string, limit: number): Promise<{ bytes: number; sha256: string; head: Buffer; containsNul: boolean }> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(file);
    const hash = createHash('sha256');
    let bytes = 0;
    let head = Buffer.alloc(0);
    let containsNul = false;
    const fail = (err: unknown) => {
      body.off('data', onData);
      body.off('end', onEnd);
      out.destroy();
      reject(err);
    };
    const onData = (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limit) return fail(tooLarge(limit));
      if (head.length < SIGNATURE_BYTES) head = Buffer.concat([head, chunk.subarray(0, SIGNATURE_BYTES - head.length)]);
      containsNul ||= chunk.includes(0);
      hash.update(chunk);
      if (!out.write(chunk)) {
        body.pause();
        out.once('drain', () => body.resume());
      }
    };
    const onEnd = () => out.end(() => resolve({ bytes, sha256: hash.digest('hex'), head, containsNul }));
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', fail);
    out.once('error', fail);
  });
}

/** Artifact intake: checks type, name and content, stores the bytes under a new id, records it. */
export function createArtifactStore(ctx: HubContext, audit: AuditAppend) {
  const record = ctx.db.transaction((artifact: Artifact, actor: string) => {
    ctx.repos.artifacts.insert(artifact, ctx.now().toISOString());
    audit(actor, 'artifact.stored', artifact.id, { filename: artifact.filename, mediaType: artifact.mediaType, bytes: artifact.bytes, sha256: artifact.sha256 });
  });
  return {
    async store(upload: ArtifactUpload, actor: string): Promise<Artifact> {
      const mediaType = mediaTypeOf(upload.contentType);
      const filename = checkFilename(upload.filename);
      const limit = ctx.maxArtifactBytes;
      if ((upload.declaredBytes ?? 0) > limit) throw tooLarge(limit);
      const tmpDir = join(ctx.dataDir, 'tmp');
      await mkdir(tmpDir, { recursive: true });
      await mkdir(join(ctx.dataDir, 'artifacts'), { recursive: true });
      const id = newId('art');
      const tmp = join(tmpDir, `${id}.part`);
      try {
        const got = await receive(upload.body, tmp, limit);
        if (got.bytes === 0) throw invalid('the artifact is empty', [{ path: 'body', message: 'must not be empty' }]);
        if (!contentMatchesType(mediaType, got.head, got.containsNul)) {
          throw invalid(`the content is not ${mediaType}`, [{ path: 'body', message: `content does not match Content-Type ${mediaType}` }]);
        }
        const artifact: Artifact = { id, kind: MEDIA_TYPE_KINDS[mediaType]!, filename, mediaType, bytes: got.bytes, sha256: got.sha256 };
        if (upload.durationSec !== undefined) artifact.durationSec = upload.durationSec;
        await rename(tmp, artifactPath(ctx.dataDir, id));
        try {
          record(artifact, actor);
        } catch (err) {
          await rm(artifactPath(ctx.dataDir, id), { force: true });
          throw err;
        }
        return artifact;
      } finally {
        await rm(tmp, { force: true });
      }
    },
  };
}

export type ArtifactStore = ReturnType<typeof createArtifactStore>;
