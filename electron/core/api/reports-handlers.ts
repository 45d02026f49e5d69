import type { Handlers } from '../../../shared/index.ts';
import type { HandlerContext } from './context.ts';
import { onlineOnly } from './staff-handlers.ts';

type ReportsHandlers = Pick<Handlers, 'reports.reliability' | 'reports.turnaround' | 'reports.reassign'>;

/**
 * The Reliability and Turnaround screens' methods. Online only, as the other staff reads:
 * the figures are the hub's over its whole record, and a reassignment is the hub's to make
 * (or refuse with its own code), so nothing here touches the local store.
 */
export function reportsHandlers(ctx: HandlerContext): ReportsHandlers {
  const withHub = onlineOnly(ctx);
  return {
    'reports.reliability': (query) => withHub((c) => c.reliability(query)),
    'reports.turnaround': (query) => withHub((c) => c.turnaround(query)),
    'reports.reassign': ({ assignmentId, reason }) => withHub((c) => c.reassign(assignmentId, reason)),
  };
}
