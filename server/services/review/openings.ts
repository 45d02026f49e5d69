import type { Assignment } from '../../../shared/index.ts';
import { notFound } from '../../http/errors.ts';
import type { HubContext } from '../context.ts';
import { toWireAssignment } from '../sync/wire.ts';

/**
 * The workstation reports the first opening of an assignment (issue #12), so history and
 * turnaround show when work started. The first report wins: it moves assigned → in_progress
 * and is audited; any later one, or one for work already past that, changes nothing.
 */
export function createOpenings(ctx: HubContext) {
  const opened = (userId: string, assignmentId: string, openedAt: string): Promise<Assignment> => ctx.write(async (tx) => {
    const { repos } = tx;
    const assignment = await repos.assignments.byId(assignmentId);
    if (!assignment || assignment.assessorId !== userId) throw notFound('assignment');
    if (assignment.state !== 'assigned') return toWireAssignment(repos, assignment);
    await repos.assignments.setState(assignment.id, 'in_progress', await repos.meta.nextChangeSeq());
    await tx.audit(userId, 'assignment.opened', assignment.id, { submissionId: assignment.submissionId, openedAt, receivedAt: ctx.now().toISOString() });
    return toWireAssignment(repos, (await repos.assignments.byId(assignment.id))!);
  });
  return { opened };
}

export type Openings = ReturnType<typeof createOpenings>;
