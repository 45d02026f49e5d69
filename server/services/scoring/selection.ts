import { sampleDraw, type DoubleScoring } from '../../../shared/index.ts';
import type { Repos } from '../../repos/index.ts';
import type { SelectionRow } from '../../repos/scoring.ts';
import type { SubmissionRecord } from '../../repos/submissions.ts';
import type { Tx } from '../context.ts';
import { probationStanding } from './probation.ts';

export type SelectionFacts = {
  microCredentialId: string;
  /** Live submissions of the micro-credential before this one (0-based ordinal). */
  ordinal: number;
  seed: string;
  /** The primary reader's probation standing, when the policy has probation and a primary was routed. */
  probation: { assessorId: string; doubleScoredReads: number; reads: number; released: boolean } | null;
};

export type Selection = { selected: boolean; rule: string; inputs: Record<string, unknown> };

/**
 * The selection rule, a pure function of the policy and the facts, so the audit event's
 * inputs recompute it: the mode first (all; first_n while the ordinal is below n; sample
 * when the draw is below percent/100), then probation for a primary reader not yet released.
 */
export function selectionOf(policy: DoubleScoring, facts: SelectionFacts): Selection {
  const inputs: Record<string, unknown> = { mode: policy.mode, microCredentialId: facts.microCredentialId, ordinal: facts.ordinal };
  let selected = policy.mode === 'all';
  if (policy.mode === 'first_n') {
    inputs.n = policy.n;
    selected = facts.ordinal < policy.n;
  }
  if (policy.mode === 'sample') {
    const draw = sampleDraw(facts.seed, facts.microCredentialId, facts.ordinal);
    Object.assign(inputs, { percent: policy.percent, seed: facts.seed, draw });
    selected = draw < policy.percent / 100;
  }
  if (facts.probation) inputs.probation = facts.probation;
  if (selected) return { selected, rule: policy.mode, inputs };
  if (facts.probation && !facts.probation.released) return { selected: true, rule: 'probation', inputs };
  return { selected: false, rule: policy.mode, inputs };
}

export async function seedOf(repos: Repos, policy: DoubleScoring): Promise<string> {
  return policy.seed ?? (await repos.meta.read('double_scoring_seed'));
}

/**
 * Decides once, at intake and after routing chose the primary reader, whether the
 * submission is double-scored; audits `double_scoring.selected` {selected, rule, inputs}.
 */
export async function selectAtIntake(tx: Tx, submission: SubmissionRecord, primaryAssessorId: string | null, actor: string): Promise<SelectionRow> {
  const { repos } = tx;
  const mc = await repos.catalog.microCredential(submission.microCredentialId);
  const policy = mc!.policy.doubleScoring;
  const facts: SelectionFacts = {
    microCredentialId: submission.microCredentialId,
    ordinal: await repos.scoring.selectionCount(submission.microCredentialId),
    seed: await seedOf(repos, policy),
    probation: policy.probation && primaryAssessorId
      ? { assessorId: primaryAssessorId, reads: policy.probation.reads, ...(await probationStanding(repos, primaryAssessorId, submission.microCredentialId)) }
      : null,
  };
  const { selected, rule, inputs } = selectionOf(policy, facts);
  const event = await tx.audit(actor, 'double_scoring.selected', submission.id, { selected, rule, inputs });
  const row: SelectionRow = { submissionId: submission.id, microCredentialId: submission.microCredentialId, ordinal: facts.ordinal, selected, rule, inputs, seq: event.seq };
  await repos.scoring.insertSelection(row);
  if (selected) await repos.scoring.insertResolution(submission.id);
  return row;
}
