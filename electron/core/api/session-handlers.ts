import { rm } from 'node:fs/promises';
import { fail, ok, type Handlers, type Result, type UserSummary } from '../../../shared/index.ts';
import { createHubClient } from '../hub-client/hub-client.ts';
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
      const refused = await takeOwnership(ctx, url, user);
      if (refused) {
        // The new token is of no use on this device yet: revoke it rather than leave it live.
        await createHubClient({ hubUrl: url, token }).signOut();
        return refused;
      }
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

/**
 * One assessor's work never shows to another account on the same device. A different
 * account may take the device over only when nothing the previous one was told is saved
 * is still missing from the hub; then every trace of that work is removed.
 */
async function takeOwnership(ctx: HandlerContext, hubUrl: string, user: UserSummary): Promise<Result<never> | null> {
  const next = { hubUrl, userId: user.id, displayName: user.displayName };
  const owner = ctx.store.owner.get();
  if (!owner) {
    ctx.store.owner.claim(next);
    return null;
  }
  if (owner.hubUrl === hubUrl && owner.userId === user.id) return null;
  const unsent = ctx.store.owner.unsentWork();
  if (unsent.queued + unsent.drafts > 0) {
    return fail(
      'other_account_work',
      `This device holds work by ${owner.displayName} that has not reached the hub yet ` +
        `(${unsent.drafts} unsubmitted draft(s), ${unsent.queued} waiting to send). ` +
        `Sign in as ${owner.displayName} to finish and send it first.`,
    );
  }
  // A pull for the previous account may still be on its way: it must not land after the wipe.
  await ctx.sync.quiesce();
  ctx.store.session.clear();
  const { removedFiles } = ctx.store.owner.handOver(next);
  await Promise.all(removedFiles.map((file) => rm(file, { force: true })));
  return null;
}
