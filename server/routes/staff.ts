import { z } from 'zod';
import { Id, QualificationPutRequest, UserPatchRequest, type AuditListResponse } from '../../shared/index.ts';
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
    'PATCH /v1/users/{userId}': patchUser,
    'PUT /v1/users/{userId}/qualifications/{microCredentialId}': putQualification,
  } as const;
}
