import { z } from 'zod';
import { Decision, Id, IsoTime } from '../domain/index.ts';

/** How a final decision was reached: one read, two that agreed, an adjudicator, or the readers' consensus. */
export const DecisionBasis = z.enum(['single', 'agreed', 'adjudicated', 'consensus']);

/** `GET /v1/decisions` filters; they combine. `cursor` is the `next` of the previous page. */
export const DecisionsQuery = z.object({
  microCredentialId: Id.optional(),
  assessorId: Id.optional(),
  decision: Decision.optional(),
  basis: DecisionBasis.optional(),
  from: IsoTime.optional(),
  to: IsoTime.optional(),
  candidateRef: Id.optional(),
  cursor: z.string().regex(/^[A-Za-z0-9_-]{1,400}$/, 'must be the next value of a previous page').optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
}).strict();

/** `GET /v1/exports/decisions.csv` takes the same filters, and returns every match (no paging). */
export const DecisionsExportQuery = DecisionsQuery.omit({ cursor: true, limit: true }).strict();

/** One final decision, newest first in a page. No candidate details beyond the pseudonymous ref. */
export const DecisionSummary = z.object({
  submissionId: Id,
  candidateRef: Id,
  microCredentialId: Id,
  attempt: z.number().int().min(1),
  decision: Decision,
  basis: DecisionBasis,
  decidedAt: IsoTime,
  assessorIds: z.array(Id),
  rubricId: Id,
  rubricVersion: z.number().int(),
});

export const DecisionsResponse = z.object({ decisions: z.array(DecisionSummary), next: z.string().optional() });

export type DecisionsQuery = z.infer<typeof DecisionsQuery>;
export type DecisionsExportQuery = z.infer<typeof DecisionsExportQuery>;
export type DecisionSummary = z.infer<typeof DecisionSummary>;
export type DecisionsResponse = z.infer<typeof DecisionsResponse>;
export type DecisionBasis = z.infer<typeof DecisionBasis>;
