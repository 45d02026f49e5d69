import { z } from 'zod';
import { DecisionsQuery, Id, QualificationPutRequest, UserPatchRequest, type AuditCheckpointsResponse, type AuditListResponse } from '../../shared/index.ts';
import { readJson } from '../http/body.ts';
import { notFound, parseOr422 } from '../http/errors.ts';
import type { Handler } from '../http/router.ts';
import type { Services } from '../services/index.ts';

const AuditQuery = z.object({
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(500),
});

const pathId = (value: string | undefined, what: string): string => {
  if (!Id.safeParse(value).success) throw notFound(what);
  return value as string;
};

/** Issuer staff and integration: results, the audit chain, account maintenance. */
export function staffHandlers(services: Services) {
  const result: Handler = async ({ params }) => ({ status: 200, body: await services.results.result(pathId(params.submissionId, 'submission')) });

  const audit: Handler = async ({ query }) => {
    const q = parseOr422(AuditQuery, Object.fromEntries(query), 'audit query');
    // One extra row tells whether another page follows, without a count query.
    const rows = await services.listAudit(q.after, q.limit + 1);
    const events = rows.slice(0, q.limit);
    const body: AuditListResponse = rows.length > q.limit ? { events, next: events[events.length - 1]!.seq } : { events };
    return { status: 200, body };
  };

  const verify: Handler = async () => ({ status: 200, body: await services.verifyAudit() });

  const checkpoints: Handler = async ({ query }) => {
    const q = parseOr422(AuditQuery, Object.fromEntries(query), 'checkpoint query');
    const rows = await services.listCheckpoints(q.after, q.limit + 1);
    const page = rows.slice(0, q.limit);
    const body: AuditCheckpointsResponse = rows.length > q.limit ? { checkpoints: page, next: page[page.length - 1]!.seq } : { checkpoints: page };
    return { status: 200, body };
  };

  const decisions: Handler = async ({ query }) => ({
    status: 200,
    body: await services.decisions.list(parseOr422(DecisionsQuery, Object.fromEntries(query), 'decisions query')),
  });

  const publicKey: Handler = async () => ({ status: 200, body: services.auditPublicKey() });

  const patchUser: Handler = async ({ req, params, caller }) => {
    const id = pathId(params.userId, 'user');
    const body = parseOr422(UserPatchRequest, await readJson(req), 'user update');
    return { status: 200, body: { user: await services.users.update(caller!.userId, id, body) } };
  };

  const putQualification: Handler = async ({ req, params, caller }) => {
    const userId = pathId(params.userId, 'user');
    const mcId = pathId(params.microCredentialId, 'micro-credential');
    const body = parseOr422(QualificationPutRequest, await readJson(req), 'qualification');
    return { status: 200, body: { qualification: await services.users.qualify(caller!.userId, userId, mcId, body.calibratedUntil) } };
  };

  return {
    'GET /v1/submissions/{submissionId}/result': result,
    'GET /v1/audit': audit,
    'GET /v1/audit/verify': verify,
    'GET /v1/audit/checkpoints': checkpoints,
    'GET /v1/audit/public-key': publicKey,
    'GET /v1/decisions': decisions,
    'PATCH /v1/users/{userId}': patchUser,
    'PUT /v1/users/{userId}/qualifications/{microCredentialId}': putQualification,
  } as const;
}
