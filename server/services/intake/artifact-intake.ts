import type { Readable } from 'node:stream';
import { ErrorCode, MEDIA_TYPE_KINDS, type Artifact } from '../../../shared/index.ts';
import { tooLarge } from '../../http/body.ts';
import { HubError, invalid } from '../../http/errors.ts';
import { newId, type HubContext } from '../context.ts';
import { contentMatchesType } from './media-check.ts';

export type ArtifactUpload = {
  body: Readable;
  /** The Content-Type as sent (parameters allowed). */
  contentType: string | undefined;
  /** The file name as sent (X-Filename); percent-encoding is decoded. */
  filename: string | undefined;
  declaredBytes?: number;
  durationSec?: number;
};

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

/**
 * Artifact intake: checks type, name and content, keeps the bytes in the store under a
 * new id, then records the row and its audit event. Bytes are committed before the row,
 * so a row never names missing bytes; a failed record deletes them again.
 */
export function createArtifactIntake(ctx: HubContext) {
  return {
    async store(upload: ArtifactUpload, actor: string): Promise<Artifact> {
      const mediaType = mediaTypeOf(upload.contentType);
      const filename = checkFilename(upload.filename);
      const limit = ctx.maxArtifactBytes;
      if ((upload.declaredBytes ?? 0) > limit) throw tooLarge(limit);
      const id = newId('art');
      const got = await ctx.store.put(id, upload.body, limit);
      try {
        if (got.bytes === 0) throw invalid('the artifact is empty', [{ path: 'body', message: 'must not be empty' }]);
        if (!contentMatchesType(mediaType, got.head, got.containsNul)) {
          throw invalid(`the content is not ${mediaType}`, [{ path: 'body', message: `content does not match Content-Type ${mediaType}` }]);
        }
      } catch (err) {
        await got.discard();
        throw err;
      }
      const artifact: Artifact = { id, kind: MEDIA_TYPE_KINDS[mediaType]!, filename, mediaType, bytes: got.bytes, sha256: got.sha256 };
      if (upload.durationSec !== undefined) artifact.durationSec = upload.durationSec;
      await got.commit();
      try {
        await ctx.write(async ({ repos, audit }) => {
          await repos.artifacts.insert(artifact, ctx.now().toISOString());
          await audit(actor, 'artifact.stored', artifact.id, { filename, mediaType, bytes: artifact.bytes, sha256: artifact.sha256 });
        });
      } catch (err) {
        await ctx.store.delete(id);
        throw err;
      }
      return artifact;
    },
  };
}

export type ArtifactIntake = ReturnType<typeof createArtifactIntake>;
