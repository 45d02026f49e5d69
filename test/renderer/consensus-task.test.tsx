import './support/cleanup.ts';
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { SubmissionView, type ConsensusState, type StoredReview } from '../../shared/index.ts';
import { ConsensusScreen } from '../../renderer/src/screens/consensus/Consensus.tsx';
import { expectNoAxeViolations, useScheme, type Scheme } from './support/axe.ts';
import { FakeApi } from './support/fake-api.ts';
import { makeView, previousReview } from './support/fixtures.ts';
import { renderWithApi } from './support/render.tsx';

const readOf = (id: string, scores: Record<string, number>, feedback: Record<string, string>): StoredReview =>
  ({ ...previousReview, id, submissionId: 'sub-2', scores, criterionFeedback: feedback, notes: [] });
const READS = [
  readOf('2a2b3c4d-1111-4222-8333-444455556666', { 'c-questions': 2, 'c-discourse': 2, 'c-reflection': 3 }, { 'c-questions': 'A: closed.', 'c-discourse': 'A: little talk.' }),
  readOf('3a2b3c4d-1111-4222-8333-444455556666', { 'c-questions': 5, 'c-discourse': 3, 'c-reflection': 3 }, { 'c-questions': 'B: students ask.', 'c-discourse': 'B: pairs talk.' }),
];
const PROPOSAL = { scores: { 'c-questions': 4, 'c-discourse': 3, 'c-reflection': 3 }, criterionFeedback: { 'c-questions': 'Mostly open.', 'c-discourse': 'Pairs talk.' }, overallFeedback: 'Proposed.' };

function consensusApi(consensus: Partial<ConsensusState>): FakeApi {
  const view = makeView();
  const state: ConsensusState = { round: 0, proposal: null, returnedComment: null, awaiting: 'proposal', proposer: true, dueAt: '2026-11-30T12:00:00.000Z', ...consensus };
  const api = new FakeApi({ view: SubmissionView.parse({ ...view, assignment: { ...view.assignment, role: 'consensus', reads: READS, consensus: state } }) });
  api.overrides['consensus.propose'] = () => ({ round: state.round + 1, status: 'queued' });
  api.overrides['consensus.respond'] = () => ({ round: state.round, status: 'queued' });
  return api;
}

async function open(api: FakeApi) {
  const user = userEvent.setup();
  renderWithApi(<ConsensusScreen assignmentId="as-1" onDone={() => undefined} />, api);
  await screen.findByRole('group', { name: 'Questioning techniques' });
  return user;
}
const radio = (name: string, level: number) => within(screen.getByRole('group', { name })).getByRole('radio', { name: new RegExp(`^${level} `) });
const turn = () => screen.getByTestId('consensus-turn').textContent;

describe('the consensus task', () => {
  it('lets the primary reader propose by keyboard after a return, naming the comment and the round', async () => {
    const api = consensusApi({ round: 1, proposal: PROPOSAL, returnedComment: 'Discourse is lower.', awaiting: 'proposal' });
    const user = await open(api);
    expect(turn()).toBe('The second reader returned round 1. Your turn: propose round 2.');
    expect(screen.getByLabelText("The second reader's comment").textContent).toContain('Discourse is lower.');
    radio('Questioning techniques', 1).focus();
    await user.keyboard('4{ArrowDown}2{ArrowDown}3');
    await waitFor(() => expect(api.draft.scores).toEqual({ 'c-questions': 4, 'c-discourse': 2, 'c-reflection': 3 }));
    await user.keyboard('{Control>}{Enter}{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Propose round 2' });
    expect(within(dialog).getByText('feedback for Student discourse is required')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByLabelText('Proposed feedback for Student discourse'));
    await user.keyboard('Some pairs talk.');
    await user.click(screen.getByLabelText('Proposed feedback for Questioning techniques'));
    await user.keyboard('Mostly open.');
    await user.click(screen.getByRole('button', { name: 'Propose round 2' }));
    await user.click(within(await screen.findByRole('dialog', { name: 'Propose round 2' })).getByRole('button', { name: 'Confirm and submit' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'consensus.propose')).toBe(true));
    expect(api.draft.criterionFeedback).toEqual({ 'c-discourse': 'Some pairs talk.', 'c-questions': 'Mostly open.' });
  });

  it('shows the second reader the proposal read-only, and agrees or returns it with a comment', async () => {
    const api = consensusApi({ round: 1, proposal: PROPOSAL, awaiting: 'response', proposer: false });
    const user = await open(api);
    expect(turn()).toBe('Your turn: agree with round 1 or return it with a comment.');
    expect(radio('Questioning techniques', 4).getAttribute('aria-checked')).toBe('true');
    expect(radio('Questioning techniques', 4).getAttribute('aria-disabled')).toBe('true');
    await user.keyboard('2');
    expect(api.savesOf()).toEqual([]);
    const back = screen.getByRole('button', { name: 'Return with comment' }) as HTMLButtonElement;
    expect(back.disabled).toBe(true);
    await user.click(screen.getByLabelText('Comment for the primary reader'));
    await user.keyboard('Discourse is lower.');
    await user.click(back);
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'consensus.respond').map((c) => c.input)).toEqual([{ assignmentId: 'as-1', agree: false, comment: 'Discourse is lower.' }]));
    await user.click(screen.getByRole('button', { name: 'Agree with round 1' }));
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'consensus.respond')).toHaveLength(2));
  });

  it('says who must act when it is not this reader\'s turn', async () => {
    await open(consensusApi({ round: 1, proposal: PROPOSAL, awaiting: 'response', proposer: true }));
    expect(turn()).toBe('Waiting for the second reader to agree with round 1 or return it.');
    expect(screen.queryByRole('button', { name: /Propose/ })).toBeNull();
  });

  const LEVEL = ['', 'Beginning', 'Developing', 'Proficient', 'Accomplished', 'Exemplary'];
  it.each([
    ['the primary reader, before any proposal', { round: 0, awaiting: 'proposal', proposer: true }, 'Your turn: propose final levels and feedback (round 1).'],
    ['the second reader, before any proposal', { round: 0, awaiting: 'proposal', proposer: false }, 'Waiting for the primary reader to propose final levels and feedback.'],
    ['the primary reader, waiting on an answer', { round: 1, proposal: PROPOSAL, awaiting: 'response', proposer: true }, 'Waiting for the second reader to agree with round 1 or return it.'],
    ['the second reader, asked to answer', { round: 1, proposal: PROPOSAL, awaiting: 'response', proposer: false }, 'Your turn: agree with round 1 or return it with a comment.'],
  ] as const)('shows %s both reads, level and feedback per criterion, and who must act', async (_who, consensus, who) => {
    await open(consensusApi(consensus));
    expect(turn()).toBe(who);
    for (const criterionId of ['c-questions', 'c-discourse', 'c-reflection']) {
      const [readA, readB] = within(screen.getByTestId(`reads-${criterionId}`)).getAllByText(/^Read [AB]$/).map((badge) => badge.closest('.read') as HTMLElement);
      for (const [shown, read, name] of [[readA, READS[0], 'A'], [readB, READS[1], 'B']] as const) {
        const level = read!.scores[criterionId] as number;
        expect(shown!.textContent, `Read ${name} of ${criterionId}`).toContain(`Read ${name} ${level} ${LEVEL[level]}`);
        expect(shown!.textContent).toContain(read!.criterionFeedback[criterionId] ?? 'No feedback.');
      }
    }
  });

  it.each(['light', 'dark'] as Scheme[])('has no axe violations (%s)', async (scheme) => {
    useScheme(scheme);
    await open(consensusApi({ round: 1, proposal: PROPOSAL, awaiting: 'response', proposer: false }));
    await expectNoAxeViolations(document.body, `the consensus task (${scheme})`);
  });
});
