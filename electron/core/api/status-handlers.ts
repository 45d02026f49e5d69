import { fail, ok, type Handlers } from '../../../shared/index.ts';
import type { HandlerContext } from './context.ts';
import { filterQueue, queueMicroCredentials } from './queue-filter.ts';

type StatusHandlers = Pick<
  Handlers,
  'sync.now' | 'sync.status' | 'queue.list' | 'outbox.status' | 'downloads.status' | 'settings.get' | 'settings.set' | 'media.url'
>;

export function statusHandlers(ctx: HandlerContext): StatusHandlers {
  return {
    async 'sync.now'() {
      return ok(await ctx.sync.syncNow());
    },
    async 'sync.status'() {
      return ok(ctx.sync.status());
    },
    async 'queue.list'({ filter, sort }) {
      const all = ctx.store.assignments.queue(ctx.now());
      const items = filterQueue(all, filter, sort);
      return ok({ items, total: all.length, microCredentials: queueMicroCredentials(all) });
    },
    async 'outbox.status'() {
      return ok(ctx.store.outbox.status());
    },
    async 'downloads.status'() {
      return ok(ctx.downloads.status());
    },
    async 'settings.get'() {
      return ok(ctx.settings.get());
    },
    async 'settings.set'({ patch }) {
      const next = ctx.settings.set(patch);
      // A new cache limit or retention period takes effect on the next sync; run it now.
      if (patch.cacheLimitMb !== undefined || patch.retentionDays !== undefined) void ctx.sync.syncNow();
      return ok(next);
    },
    async 'media.url'({ artifactId }) {
      if (ctx.store.artifacts.file(artifactId)) return ok({ url: ctx.mediaUrl(artifactId) });
      if (ctx.store.artifacts.needed().some((n) => n.artifactId === artifactId)) {
        return fail('not_downloaded', 'This file is not downloaded yet');
      }
      return fail('not_found', 'No such file on this device');
    },
  };
}
