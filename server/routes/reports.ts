import { Id, ReassignRequest, ReliabilityQuery, TurnaroundQuery } from '../../shared/index.ts';
import { readJson } from '../http/body.ts';
import { notFound, parseOr422 } from '../http/errors.ts';
import type { Handler } from '../http/router.ts';
import type { Services } from '../services/index.ts';

/** Reliability and turnaround reports, and staff moving open work to another assessor. */
export function reportHandlers(services: Services) {
  const reliability: Handler = async ({ query, caller }) => ({
    status: 200,
    body: await services.reports.reliability(parseOr422(ReliabilityQuery, Object.fromEntries(query), 'reliability query'), caller!.userId),
    headers: { 'cache-control': 'no-store' },
  });

  const turnaround: Handler = async ({ query }) => ({
    status: 200,
    body: await services.reports.turnaround(parseOr422(TurnaroundQuery, Object.fromEntries(query), 'turnaround query')),
    headers: { 'cache-control': 'no-store' },
  });

  const reassign: Handler = async ({ req, params, caller }) => {
    const id = params.assignmentId ?? '';
    if (!Id.safeParse(id).success) throw notFound('assignment');
    const body = parseOr422(ReassignRequest, await readJson(req), 'reassignment');
    return { status: 200, body: await services.reassignment.reassign(caller!.userId, id, body.reason) };
  };

  return {
    'GET /v1/reports/reliability': reliability,
    'GET /v1/reports/turnaround': turnaround,
    'POST /v1/assignments/{assignmentId}/reassign': reassign,
  } as const;
}
