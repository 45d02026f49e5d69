import type { ConsensusState, Draft } from '../../../../shared/index.ts';

/** Whose move it is in a consensus, in words for the reader looking at it, and whether it is theirs. */
export function turnText(c: ConsensusState, draft: Draft, state: string): { text: string; mine: boolean } {
  if (state === 'submitted') return { text: 'Both readers agreed: the proposal is the final result.', mine: false };
  if (draft.status === 'queued') return { text: c.proposer ? 'Your proposal is waiting to reach the hub.' : 'Your answer is waiting to reach the hub.', mine: false };
  if (c.awaiting === 'none') return { text: 'This consensus is closed.', mine: false };
  const next = c.round + 1;
  if (c.proposer) {
    if (c.awaiting === 'response') return { text: `Waiting for the second reader to agree with round ${c.round} or return it.`, mine: false };
    return c.returnedComment === null
      ? { text: `Your turn: propose final levels and feedback (round ${next}).`, mine: true }
      : { text: `The second reader returned round ${c.round}. Your turn: propose round ${next}.`, mine: true };
  }
  if (c.awaiting === 'response') return { text: `Your turn: agree with round ${c.round} or return it with a comment.`, mine: true };
  return c.round === 0
    ? { text: 'Waiting for the primary reader to propose final levels and feedback.', mine: false }
    : { text: `You returned round ${c.round}. Waiting for the primary reader's next proposal.`, mine: false };
}
