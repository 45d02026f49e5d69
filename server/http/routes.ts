import type { Role } from '../../shared/index.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Who may call a route: listed roles, any signed-in user, or anyone (no token). */
export type RouteAccess = readonly Role[] | 'any' | 'public';

export type HubRoute = {
  method: HttpMethod;
  /** OpenAPI-style template, e.g. '/v1/reviews/{reviewId}'. */
  path: string;
  roles: RouteAccess;
};

/**
 * The hub's whole surface: the router dispatches from this table, and the OpenAPI-sync
 * and authorization-matrix tests read it, so docs and enforcement cannot drift apart.
 */
export const HUB_ROUTES = [
  { method: 'GET', path: '/v1/health', roles: 'public' },
  { method: 'POST', path: '/v1/sessions', roles: 'public' },
  { method: 'DELETE', path: '/v1/sessions/current', roles: 'any' },
  { method: 'GET', path: '/v1/sync', roles: ['assessor', 'master_rater', 'staff'] },
  { method: 'GET', path: '/v1/artifacts/{artifactId}', roles: ['assessor', 'master_rater', 'staff'] },
  { method: 'PUT', path: '/v1/reviews/{reviewId}', roles: ['assessor', 'master_rater'] },
  { method: 'POST', path: '/v1/assignments/{assignmentId}/recusal', roles: ['assessor', 'master_rater'] },
  { method: 'POST', path: '/v1/intake/artifacts', roles: ['integration'] },
  { method: 'POST', path: '/v1/intake/submissions', roles: ['integration'] },
  { method: 'GET', path: '/v1/submissions/{submissionId}/result', roles: ['integration', 'staff'] },
  { method: 'GET', path: '/v1/audit', roles: ['staff'] },
  { method: 'GET', path: '/v1/audit/verify', roles: ['staff'] },
  { method: 'GET', path: '/v1/audit/checkpoints', roles: ['staff'] },
  { method: 'GET', path: '/v1/audit/public-key', roles: ['staff'] },
  { method: 'GET', path: '/v1/decisions', roles: ['staff'] },
  { method: 'GET', path: '/v1/exports/decisions.csv', roles: ['staff'] },
  { method: 'PATCH', path: '/v1/users/{userId}', roles: ['staff'] },
  { method: 'PUT', path: '/v1/users/{userId}/qualifications/{microCredentialId}', roles: ['staff'] },
  { method: 'GET', path: '/v1/submissions/{submissionId}/selection', roles: ['staff'] },
  { method: 'GET', path: '/v1/submissions/{submissionId}/reads', roles: ['staff', 'master_rater'] },
  { method: 'PUT', path: '/v1/adjudications/{adjudicationId}', roles: ['master_rater'] },
  { method: 'PUT', path: '/v1/consensus/{assignmentId}/proposal', roles: ['assessor', 'master_rater'] },
  { method: 'PUT', path: '/v1/consensus/{assignmentId}/response', roles: ['assessor', 'master_rater'] },
  { method: 'GET', path: '/v1/micro-credentials', roles: ['staff', 'master_rater'] },
  { method: 'PATCH', path: '/v1/micro-credentials/{microCredentialId}/policy', roles: ['staff'] },
  { method: 'POST', path: '/v1/calibration-sets', roles: ['staff', 'master_rater'] },
  { method: 'GET', path: '/v1/calibration-sets', roles: ['staff', 'master_rater'] },
  { method: 'GET', path: '/v1/calibration-sets/{setId}', roles: ['staff', 'master_rater'] },
  { method: 'POST', path: '/v1/calibration-sets/{setId}/publish', roles: ['staff', 'master_rater'] },
  { method: 'POST', path: '/v1/calibration/attempts', roles: ['assessor'] },
  { method: 'GET', path: '/v1/calibration/attempts', roles: ['assessor', 'staff', 'master_rater'] },
  { method: 'GET', path: '/v1/calibration/attempts/{attemptId}', roles: ['assessor', 'staff', 'master_rater'] },
  { method: 'GET', path: '/v1/calibration/validity', roles: ['staff', 'master_rater'] },
  { method: 'GET', path: '/v1/submissions/{submissionId}/credential', roles: ['staff', 'integration'] },
  // Public: a verifier dereferences a credential's kid here without an account on the hub.
  { method: 'GET', path: '/v1/issuer/jwks', roles: 'public' },
  { method: 'GET', path: '/v1/decisions/{submissionId}/history', roles: ['staff'] },
  { method: 'POST', path: '/v1/assignments/{assignmentId}/opened', roles: ['assessor', 'master_rater'] },
  { method: 'GET', path: '/v1/reports/reliability', roles: ['staff', 'master_rater'] },
  { method: 'GET', path: '/v1/reports/turnaround', roles: ['staff'] },
  { method: 'POST', path: '/v1/assignments/{assignmentId}/reassign', roles: ['staff'] },
] as const satisfies readonly HubRoute[];

type KeyOf<R> = R extends { method: infer M extends string; path: infer P extends string } ? `${M} ${P}` : never;
/** "METHOD /path/{param}" for each route: the keys of the handler table. */
export type HubRouteKey = KeyOf<(typeof HUB_ROUTES)[number]>;
