import { z } from 'zod';
import { Id, IsoTime, type DecisionsQuery, type DecisionsResponse, type DecisionSummary } from '../../../shared/index.ts';
import { invalid } from '../../http/errors.ts';
import type { DecisionFilter, DecisionKey, DecisionRecord } from '../../repos/decisions.ts';
import type { HubContext } from '../context.ts';

const CursorKey = z.tuple([IsoTime, Id]);

/** `next` is the last row's key, opaque to clients: base64url of JSON [decidedAt, submissionId]. */
const encodeCursor = (k: DecisionKey): string => Buffer.from(JSON.stringify([k.decidedAt, k.submissionId])).toString('base64url');

function decodeCursor(cursor: string | undefined): DecisionKey | null {
  if (cursor === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = null;
  }
  const key = CursorKey.safeParse(parsed);
  if (!key.success) throw invalid('decisions query is invalid', [{ path: 'cursor', message: 'must be the next value of a previous page' }]);
  return { decidedAt: key.data[0], submissionId: key.data[1] };
}

const summary = ({ reviewId: _r, levels: _l, ...s }: DecisionRecord): DecisionSummary => s;

export const filterOf = ({ cursor: _c, limit: _l, ...filter }: DecisionsQuery): DecisionFilter => filter;

/** Final decisions for issuer staff: filtered, newest first, keyset-paged. */
export function createDecisions(ctx: HubContext) {
  return {
    list: (q: DecisionsQuery): Promise<DecisionsResponse> => {
      const after = decodeCursor(q.cursor);
      return ctx.query(async (repos) => {
        // One extra row tells whether another page follows, without a count query.
        const rows = await repos.decisions.page(filterOf(q), after, q.limit + 1);
        const page = rows.slice(0, q.limit);
        const last = page[page.length - 1];
        return rows.length > q.limit && last ? { decisions: page.map(summary), next: encodeCursor(last) } : { decisions: page.map(summary) };
      });
    },
  };
}

export type Decisions = ReturnType<typeof createDecisions>;
