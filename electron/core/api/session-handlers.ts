import { fail, ok, type Handlers } from '../../../shared/index.ts';
import type { HandlerContext } from './context.ts';

type SessionHandlers = Pick<Handlers, 'session.signIn' | 'session.signOut' | 'session.status'>;

export function sessionHandlers(ctx: HandlerContext): SessionHandlers {
  return {
    async 'session.signIn'({ hubUrl, username, password }) {
      const url = hubUrl.replace(/\/+$/, '');
      const answer = await ctx.auth.anonymous(url).signIn({ username, password, deviceName: ctx.deviceName });
      if (!answer.ok) {
        const e = answer.error;
        if (e.status === 401) return fail('unauthorized', 'Wrong username or password');
        if (e.code === 'offline') return fail('offline', `Cannot reach the hub at ${url}`);
        return fail(e.code, e.message, e.details);
      }
      const { token, user } = answer.value;
      const previous = ctx.store.session.get();
      // Another account or hub: start its sync from scratch (local drafts and outbox stay).
      if (previous && (previous.hubUrl !== url || previous.user.id !== user.id)) ctx.store.session.clear();
      ctx.store.session.set({ hubUrl: url, user, deviceName: ctx.deviceName, signedInAt: ctx.now().toISOString() });
      await ctx.auth.set({ hubUrl: url, token, user });
      ctx.settings.set({ hubUrl: url });
      ctx.sync.start();
      ctx.sender.retryNow();
      return ok({ user, hubUrl: url });
    },

    async 'session.signOut'() {
      const client = ctx.auth.client();
      // Best effort: revoking the token on the hub must not keep the user signed in here.
      if (client) await client.signOut();
      await ctx.auth.clear();
      ctx.store.session.clear();
      ctx.sync.signedOut();
      return ok({});
    },

    async 'session.status'() {
      const signed = ctx.auth.current();
      return ok({
        signedIn: signed !== null,
        user: signed?.user ?? null,
        hubUrl: signed?.hubUrl ?? ctx.settings.get().hubUrl,
        demo: ctx.demo,
      });
    },
  };
}
