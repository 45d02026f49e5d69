import { confusionMatrix, exactAgreement, type Points } from '../../../shared/index.ts';
import type { Repos } from '../../repos/index.ts';
import type { Tx } from '../context.ts';
import { bothReads, readsOf } from './reads.ts';

/** An assessor's double-scored reads for the micro-credential, their levels against the other reader's. */
async function pairs(repos: Repos, assessorId: string, microCredentialId: string): Promise<{ count: number; own: number[]; other: number[] }> {
  const own: number[] = [];
  const other: number[] = [];
  const submissions = await repos.scoring.pairedSubmissions(assessorId, microCredentialId);
  for (const id of submissions) {
    const both = bothReads(await readsOf(repos, id));
    if (!both) continue;
    const [mine, theirs] = both[0].assessorId === assessorId ? both : [both[1], both[0]];
    for (const [criterionId, level] of Object.entries(mine.scores)) {
      own.push(level);
      other.push(theirs.scores[criterionId] as number);
    }
  }
  return { count: submissions.length, own, other };
}

/** What selection needs: how many double-scored reads the assessor has, and whether they were released. */
export async function probationStanding(repos: Repos, assessorId: string, microCredentialId: string): Promise<{ doubleScoredReads: number; released: boolean }> {
  return {
    doubleScoredReads: (await repos.scoring.pairedSubmissions(assessorId, microCredentialId)).length,
    released: await repos.scoring.released(assessorId, microCredentialId),
  };
}

/**
 * After a pair of reads completes: each reader still on probation is released once they
 * have `reads` double-scored reads and their exact (per-criterion) agreement with the other
 * reads reaches `releaseAt`. Audited as `double_scoring.probation_released` with its inputs.
 */
export async function releaseIfDue(tx: Tx, assessorIds: readonly string[], microCredentialId: string, points: Points, at: string): Promise<void> {
  const { repos } = tx;
  const policy = (await repos.catalog.microCredential(microCredentialId))!.policy.doubleScoring.probation;
  if (!policy) return;
  for (const assessorId of assessorIds) {
    if (await repos.scoring.released(assessorId, microCredentialId)) continue;
    const p = await pairs(repos, assessorId, microCredentialId);
    const matrix = confusionMatrix(p.own, p.other, points);
    const exact = matrix.ok ? exactAgreement(matrix.value).value : null;
    if (p.count < policy.reads || exact === null || exact + 1e-9 < policy.releaseAt) continue;
    await repos.scoring.release(assessorId, microCredentialId, at);
    await tx.audit('system', 'double_scoring.probation_released', assessorId, {
      microCredentialId, doubleScoredReads: p.count, reads: policy.reads, exactAgreement: exact, releaseAt: policy.releaseAt,
    });
  }
}
