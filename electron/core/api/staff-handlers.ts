import { fail, ok, type Handlers, type Result } from '../../../shared/index.ts';
import { toResult, type HubClient, type HubResult } from '../hub-client/hub-client.ts';
import type { HandlerContext } from './context.ts';

type StaffHandlers = Pick<
  Handlers,
  'staff.decisions' | 'staff.decisionsCsv' | 'staff.history' | 'staff.credential' | 'audit.verify' | 'audit.events' | 'audit.checkpoints'
>;

/** One call to the hub for a staff screen: `signed_out` without a session, `offline` said plainly, else the hub's answer. */
export function onlineOnly(ctx: HandlerContext) {
  return async function withHub<T>(call: (client: HubClient) => Promise<HubResult<T>>): Promise<Result<T>> {
    const client = ctx.auth.client();
    if (!client) return fail('signed_out', 'Sign in to read the hub’s records.');
    const answer = await call(client);
    if (!answer.ok && answer.error.code === 'offline') {
      return fail('offline', `The hub at ${client.hubUrl} cannot be reached, and staff screens work only online. Check the network and try again.`);
    }
    return toResult(answer);
  };
}

/**
 * Issuer staff's reads. They are online only: the decisions, the history and the audit
 * chain are the hub's records, and a copy on the device could not prove what the hub holds
 * now. Nothing here touches the local store; an unreachable hub is `offline`, said plainly.
 */
export function staffHandlers(ctx: HandlerContext): StaffHandlers {
  const withHub = onlineOnly(ctx);
  return {
    'staff.decisions': (query) => withHub((c) => c.decisions(query)),

    async 'staff.decisionsCsv'(filters) {
      const csv = await withHub((c) => c.decisionsCsv(filters));
      if (!csv.ok) return csv;
      return ok({ csv: csv.value, filename: `decisions-${ctx.now().toISOString().slice(0, 10)}.csv` });
    },

    async 'staff.history'({ submissionId }) {
      const history = await withHub((c) => c.history(submissionId));
      if (!history.ok) return history;
      if (history.value.decision === null) return ok({ history: history.value, result: null });
      const result = await withHub((c) => c.result(submissionId));
      if (!result.ok) return result;
      return ok({ history: history.value, result: result.value });
    },

    'staff.credential': ({ submissionId }) => withHub((c) => c.credential(submissionId)),
    'audit.verify': () => withHub((c) => c.auditVerify()),
    'audit.events': (page) => withHub((c) => c.audit(page)),
    'audit.checkpoints': (page) => withHub((c) => c.auditCheckpoints(page)),
  };
}
