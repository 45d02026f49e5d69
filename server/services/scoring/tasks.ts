import type { Assignment, ConsensusState } from '../../../shared/index.ts';
import type { AssignmentRecord } from '../../repos/assignments.ts';
import type { Repos } from '../../repos/index.ts';
import { bothReads, readsOf } from './reads.ts';

/**
 * What adjudication and consensus tasks carry on the wire: both reads, [first, second]
 * (both readers are done, so blindness is no longer at stake), and a consensus task's
 * state. Reads tasks (primary, second) carry nothing of the other read.
 */
export async function resolutionViews(repos: Repos, records: readonly AssignmentRecord[]): Promise<Map<string, Pick<Assignment, 'reads' | 'consensus'>>> {
  const out = new Map<string, Pick<Assignment, 'reads' | 'consensus'>>();
  for (const a of records) {
    if (a.role !== 'adjudication' && a.role !== 'consensus') continue;
    const reads = await readsOf(repos, a.submissionId);
    const both = bothReads(reads);
    if (!both) continue;
    if (a.role === 'adjudication') {
      out.set(a.id, { reads: both });
      continue;
    }
    const rounds = await repos.scoring.rounds(a.submissionId);
    const resolution = await repos.scoring.resolution(a.submissionId);
    const latest = rounds[rounds.length - 1];
    const open = a.state === 'assigned' || a.state === 'in_progress';
    const consensus: ConsensusState = {
      round: rounds.length,
      proposal: latest?.proposal ?? null,
      returnedComment: latest?.response && !latest.response.agree ? latest.response.comment : null,
      awaiting: !open ? 'none' : !latest || latest.response ? 'proposal' : 'response',
      proposer: reads.first?.assignment.assessorId === a.assessorId,
      dueAt: resolution?.consensusDueAt ?? a.dueAt,
    };
    out.set(a.id, { reads: both, consensus });
  }
  return out;
}
