import { DecisionsExportQuery } from '../../shared/index.ts';
import { writeDecisionsCsv } from '../exports/decisions-csv.ts';
import { notFound, parseOr422 } from '../http/errors.ts';
import type { RequestContext } from '../http/router.ts';
import type { HubContext } from '../services/context.ts';

/**
 * The decisions list as RFC 4180 CSV, every match newest first, streamed a page at a time
 * (keyset scan, backpressure from the socket), so memory stays flat however many rows. One
 * `level:<criterionId>` column per criterion of the rubric versions the matches use.
 */
export function createDecisionsExport(ctx: HubContext) {
  return async ({ res, query }: RequestContext): Promise<void> => {
    const filter = parseOr422(DecisionsExportQuery, Object.fromEntries(query), 'export query');
    const criterionIds = await ctx.query(async (repos) => {
      const ids: string[] = [];
      for (const { rubricId, rubricVersion } of await repos.decisions.rubricsOf(filter)) {
        const rubric = await repos.catalog.rubric(rubricId, rubricVersion);
        if (!rubric) throw notFound('rubric');
        for (const c of rubric.criteria) if (!ids.includes(c.id)) ids.push(c.id);
      }
      return ids;
    });
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="decisions.csv"',
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
    // Pages come from the pool one query at a time, so a long download never holds a transaction open.
    const rows = await ctx.query(async (repos) => repos.decisions.scan(filter));
    await writeDecisionsCsv(rows, criterionIds, res);
  };
}
