import { z } from 'zod';
import { AttemptCreateRequest, CalibrationSetCreateRequest, Id, PolicyPatch, ValidityReadsQuery } from '../../shared/index.ts';
import { readJson } from '../http/body.ts';
import { notFound, parseOr422 } from '../http/errors.ts';
import type { Caller, Handler } from '../http/router.ts';
import type { Services } from '../services/index.ts';

const ByMicroCredential = z.object({ microCredentialId: Id.optional() }).strict();
const AttemptsQuery = z.object({ microCredentialId: Id.optional(), assessorId: Id.optional() }).strict();

const pathId = (value: string | undefined, what: string): string => {
  if (!Id.safeParse(value).success) throw notFound(what);
  return value as string;
};

/** Staff and master raters read every attempt; anyone else only their own. */
const readerOf = (caller: Caller) => ({ userId: caller.userId, seesAll: caller.roles.includes('staff') || caller.roles.includes('master_rater') });

/** Policies, calibration sets and master scoring, calibration attempts, validity reads. */
export function calibrationHandlers(services: Services) {
  const { calibration } = services;

  const listMicroCredentials: Handler = async () => ({ status: 200, body: { microCredentials: await calibration.policies.list() } });

  const patchPolicy: Handler = async ({ req, params, caller }) => {
    const id = pathId(params.microCredentialId, 'micro-credential');
    const patch = parseOr422(PolicyPatch, await readJson(req), 'policy patch');
    return { status: 200, body: { microCredential: await calibration.policies.patch(caller!.userId, id, patch) } };
  };

  const createSet: Handler = async ({ req, caller }) => {
    const body = parseOr422(CalibrationSetCreateRequest, await readJson(req), 'calibration set');
    const { status, set } = await calibration.sets.create(caller!.userId, body);
    return { status, body: { set } };
  };

  const listSets: Handler = async ({ query }) => {
    const q = parseOr422(ByMicroCredential, Object.fromEntries(query), 'calibration sets query');
    return { status: 200, body: { sets: await calibration.sets.list(q.microCredentialId) } };
  };

  const getSet: Handler = async ({ params }) => ({ status: 200, body: { set: await calibration.sets.get(pathId(params.setId, 'calibration set')) } });

  const publishSet: Handler = async ({ params, caller }) => ({
    status: 200,
    body: { set: await calibration.sets.publish(caller!.userId, pathId(params.setId, 'calibration set')) },
  });

  const startAttempt: Handler = async ({ req, caller }) => {
    const body = parseOr422(AttemptCreateRequest, await readJson(req), 'calibration attempt');
    return { status: 201, body: { attempt: await calibration.attempts.start(caller!.userId, body.microCredentialId) } };
  };

  const listAttempts: Handler = async ({ query, caller }) => {
    const q = parseOr422(AttemptsQuery, Object.fromEntries(query), 'calibration attempts query');
    return { status: 200, body: { attempts: await calibration.attempts.list(readerOf(caller!), q) } };
  };

  const getAttempt: Handler = async ({ params, caller }) => ({
    status: 200,
    body: { attempt: await calibration.attempts.get(readerOf(caller!), pathId(params.attemptId, 'calibration attempt')) },
  });

  const validity: Handler = async ({ query }) => ({
    status: 200,
    body: await calibration.validity.list(parseOr422(ValidityReadsQuery, Object.fromEntries(query), 'validity query')),
  });

  return {
    'GET /v1/micro-credentials': listMicroCredentials,
    'PATCH /v1/micro-credentials/{microCredentialId}/policy': patchPolicy,
    'POST /v1/calibration-sets': createSet,
    'GET /v1/calibration-sets': listSets,
    'GET /v1/calibration-sets/{setId}': getSet,
    'POST /v1/calibration-sets/{setId}/publish': publishSet,
    'POST /v1/calibration/attempts': startAttempt,
    'GET /v1/calibration/attempts': listAttempts,
    'GET /v1/calibration/attempts/{attemptId}': getAttempt,
    'GET /v1/calibration/validity': validity,
  } as const;
}
