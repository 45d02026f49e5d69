import { Id } from '../../shared/index.ts';
import { notFound } from '../http/errors.ts';
import type { Handler } from '../http/router.ts';
import type { Services } from '../services/index.ts';

const pathId = (value: string | undefined, what: string): string => {
  if (!Id.safeParse(value).success) throw notFound(what);
  return value as string;
};

/** Issuer staff's records of one decision: its history, its Open Badge, and the key that verifies it. */
export function staffRecordHandlers(services: Services) {
  const credential: Handler = async ({ params }) => ({
    status: 200,
    body: await services.credentials.credential(pathId(params.submissionId, 'submission')),
    headers: { 'cache-control': 'no-store' },
  });

  const jwks: Handler = async () => ({ status: 200, body: await services.credentials.jwks(), headers: { 'cache-control': 'public, max-age=300' } });

  const history: Handler = async ({ params }) => ({ status: 200, body: await services.history.history(pathId(params.submissionId, 'submission')) });

  return {
    'GET /v1/decisions/{submissionId}/history': history,
    'GET /v1/submissions/{submissionId}/credential': credential,
    'GET /v1/issuer/jwks': jwks,
  } as const;
}
