import { SignInRequest } from '../../shared/index.ts';
import { readJson } from '../http/body.ts';
import { parseOr422 } from '../http/errors.ts';
import type { Handler } from '../http/router.ts';
import type { Services } from '../services/index.ts';

export function sessionHandlers(services: Services) {
  const health: Handler = () => ({ status: 200, body: { ok: true } });
  const signIn: Handler = async ({ req }) => {
    const body = parseOr422(SignInRequest, await readJson(req), 'sign-in request');
    return { status: 201, body: await services.sessions.signIn(body) };
  };
  const signOut: Handler = async ({ caller }) => {
    await services.sessions.signOut(caller!);
    return { status: 204 };
  };
  return {
    'GET /v1/health': health,
    'POST /v1/sessions': signIn,
    'DELETE /v1/sessions/current': signOut,
  } as const;
}
