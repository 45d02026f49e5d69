import { AssignmentOpenedRequest, Id, RecusalRequest, ReviewBody, Uuid } from '../../shared/index.ts';
import { readJson } from '../http/body.ts';
import { notFound, parseOr422 } from '../http/errors.ts';
import type { Handler } from '../http/router.ts';
import type { Services } from '../services/index.ts';

/** The assessor's side: pull changes, report openings, put reviews, recuse. */
export function workHandlers(services: Services) {
  const sync: Handler = async ({ query, caller }) => ({ status: 200, body: await services.sync.pull(caller!.userId, query.get('cursor')) });

  const putReview: Handler = async ({ req, params, caller }) => {
    const reviewId = parseOr422(Uuid, params.reviewId, 'review id', ['reviewId']);
    const body = parseOr422(ReviewBody, await readJson(req), 'review');
    const outcome = await services.reviews.put(caller!.userId, reviewId.toLowerCase(), body);
    return { status: outcome.status, body: outcome.review };
  };

  const recuse: Handler = async ({ req, params, caller }) => {
    const id = params.assignmentId ?? '';
    if (!Id.safeParse(id).success) throw notFound('assignment');
    const body = parseOr422(RecusalRequest, await readJson(req), 'recusal');
    return { status: 200, body: { assignment: await services.recusal.recuse(caller!.userId, id, body.reason) } };
  };

  const opened: Handler = async ({ req, params, caller }) => {
    const id = params.assignmentId ?? '';
    if (!Id.safeParse(id).success) throw notFound('assignment');
    const body = parseOr422(AssignmentOpenedRequest, await readJson(req), 'opening');
    return { status: 200, body: { assignment: await services.openings.opened(caller!.userId, id, body.openedAt) } };
  };

  return {
    'POST /v1/assignments/{assignmentId}/opened': opened,
    'GET /v1/sync': sync,
    'PUT /v1/reviews/{reviewId}': putReview,
    'POST /v1/assignments/{assignmentId}/recusal': recuse,
  } as const;
}
