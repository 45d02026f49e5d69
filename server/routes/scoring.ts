import { AdjudicationBody, ConsensusProposalRequest, ConsensusResponseRequest, Id, Uuid } from '../../shared/index.ts';
import { readJson } from '../http/body.ts';
import { notFound, parseOr422 } from '../http/errors.ts';
import type { Handler } from '../http/router.ts';
import type { Services } from '../services/index.ts';

const pathId = (value: string | undefined, what: string): string => {
  if (!Id.safeParse(value).success) throw notFound(what);
  return value as string;
};

/**
 * Double scoring: selection and reads for staff (and master raters), the adjudicator's
 * final read, the readers' consensus rounds. Each first escalates any consensus past its days.
 */
export function scoringHandlers(services: Services) {
  const { scoring } = services;
  const selection: Handler = async ({ params }) => ({ status: 200, body: await scoring.selection(pathId(params.submissionId, 'submission')) });

  const reads: Handler = async ({ params, caller }) => {
    await scoring.escalateDue();
    return { status: 200, body: await scoring.reads(pathId(params.submissionId, 'submission'), caller!.userId) };
  };

  const adjudicate: Handler = async ({ req, params, caller }) => {
    const id = parseOr422(Uuid, params.adjudicationId, 'adjudication id', ['adjudicationId']);
    const body = parseOr422(AdjudicationBody, await readJson(req), 'adjudication');
    await scoring.escalateDue();
    const outcome = await scoring.adjudications.put(caller!.userId, id.toLowerCase(), body);
    return { status: outcome.status, body: outcome.adjudication };
  };

  const propose: Handler = async ({ req, params, caller }) => {
    const id = pathId(params.assignmentId, 'consensus assignment');
    const body = parseOr422(ConsensusProposalRequest, await readJson(req), 'proposal');
    await scoring.escalateDue();
    const outcome = await scoring.consensus.propose(caller!.userId, id, body);
    return { status: outcome.status, body: { assignment: outcome.assignment } };
  };

  const respond: Handler = async ({ req, params, caller }) => {
    const id = pathId(params.assignmentId, 'consensus assignment');
    const body = parseOr422(ConsensusResponseRequest, await readJson(req), 'response');
    await scoring.escalateDue();
    const outcome = await scoring.consensus.respond(caller!.userId, id, body);
    return { status: outcome.status, body: { assignment: outcome.assignment } };
  };

  return {
    'GET /v1/submissions/{submissionId}/selection': selection,
    'GET /v1/submissions/{submissionId}/reads': reads,
    'PUT /v1/adjudications/{adjudicationId}': adjudicate,
    'PUT /v1/consensus/{assignmentId}/proposal': propose,
    'PUT /v1/consensus/{assignmentId}/response': respond,
  } as const;
}
