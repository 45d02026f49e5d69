import { contentRange, ErrorCode, Id, ifNoneMatchMatches, ifRangeMatches, parseRange, unsatisfiedRange } from '../../shared/index.ts';
import { HubError, notFound } from '../http/errors.ts';
import type { Caller, RequestContext } from '../http/router.ts';
import type { HubContext } from '../services/context.ts';

const firstHeader = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/**
 * Artifact bytes with single-range support, a strong ETag (the quoted SHA-256) and
 * If-Range. Anyone without access gets 404, never 403: existence is not disclosed.
 */
export function createArtifactDownload(ctx: HubContext) {
  const mayRead = async (caller: Caller, artifactId: string) =>
    caller.roles.includes('staff') || (await ctx.query((repos) => repos.artifacts.accessibleTo(caller.userId, artifactId)));

  return async ({ req, res, params, caller }: RequestContext): Promise<void> => {
    const id = params.artifactId ?? '';
    const artifact = Id.safeParse(id).success ? await ctx.query((repos) => repos.artifacts.byId(id)) : undefined;
    if (!artifact || !(await mayRead(caller!, id))) throw notFound('artifact');
    // A calibration item's copy has its own id and row but shares the item's stored file.
    const stored = await ctx.query((repos) => repos.artifacts.storageId(id));
    const etag = `"${artifact.sha256}"`;
    const size = artifact.bytes;
    const common = {
      'accept-ranges': 'bytes',
      etag,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    };
    if (ifNoneMatchMatches(firstHeader(req.headers['if-none-match']), etag)) {
      res.writeHead(304, common);
      res.end();
      return;
    }
    const range = ifRangeMatches(firstHeader(req.headers['if-range']), etag) ? parseRange(req.headers.range, size) : { kind: 'full' as const };
    if (range.kind === 'unsatisfiable') {
      throw new HubError(416, ErrorCode.rangeNotSatisfiable, `the range is outside the ${size} bytes of this artifact`, { size }, {
        'content-range': unsatisfiedRange(size),
      });
    }
    const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
    const headers: Record<string, string | number> = {
      ...common,
      'content-type': artifact.mediaType,
      'content-length': size === 0 ? 0 : end - start + 1,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(artifact.filename)}`,
    };
    if (range.kind === 'partial') headers['content-range'] = contentRange(start, end, size);
    res.writeHead(range.kind === 'partial' ? 206 : 200, headers);
    if (req.method === 'HEAD' || size === 0) {
      res.end();
      return;
    }
    void ctx.store.readRange(stored, start, end, res);
  };
}
