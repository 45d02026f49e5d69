import './support/cleanup.ts';
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { LocalArtifact, SubmissionView, type StoredReview } from '../../shared/index.ts';
import { AdjudicationScreen } from '../../renderer/src/screens/adjudication/Adjudication.tsx';
import { expectNoAxeViolations, useScheme, type Scheme } from './support/axe.ts';
import { FakeApi } from './support/fake-api.ts';
import { makeView, previousReview } from './support/fixtures.ts';
import { renderWithApi } from './support/render.tsx';

const readOf = (id: string, assessorId: string, scores: Record<string, number>, feedback: Record<string, string>): StoredReview => ({
  ...previousReview, id, assignmentId: `as-${assessorId}`, assessorId, submissionId: 'sub-2', scores, criterionFeedback: feedback,
  notes: [], decision: 'not_yet',
});
const READ_A = readOf('2a2b3c4d-1111-4222-8333-444455556666', 'u-first', { 'c-questions': 2, 'c-discourse': 2, 'c-reflection': 3 },
  { 'c-questions': 'A: closed questions.', 'c-discourse': 'A: little talk.', 'c-reflection': '' });
const READ_B = readOf('3a2b3c4d-1111-4222-8333-444455556666', 'u-second', { 'c-questions': 5, 'c-discourse': 3, 'c-reflection': 3 },
  { 'c-questions': 'B: students ask.', 'c-discourse': 'B: pairs talk.', 'c-reflection': 'B: names a change.' });

function adjudicationView(): SubmissionView {
  const view = makeView();
  return SubmissionView.parse({ ...view, assignment: { ...view.assignment, role: 'adjudication', reads: [READ_A, READ_B] } });
}

async function open(api = new FakeApi({ view: adjudicationView() })) {
  const user = userEvent.setup();
  renderWithApi(<AdjudicationScreen assignmentId="as-1" onDone={() => undefined} />, api);
  await screen.findByRole('group', { name: 'Questioning techniques' });
  return { api, user };
}

const group = (name: string) => screen.getByRole('group', { name });
const radio = (name: string, level: number) => within(group(name)).getByRole('radio', { name: new RegExp(`^${level} `) });

describe('the adjudication workspace', () => {
  it('shows both reads per criterion and marks a gap beyond the tolerance', async () => {
    await open();
    const questions = screen.getByTestId('reads-c-questions');
    expect(within(questions).getByText('A: closed questions.')).toBeTruthy();
    expect(within(questions).getByText('B: students ask.')).toBeTruthy();
    expect(questions.classList.contains('reads-differ')).toBe(true);
    expect(questions.textContent).toContain('3 levels apart, beyond the tolerance of 1.');
    expect(screen.getByTestId('reads-c-discourse').classList.contains('reads-differ')).toBe(false);
    expect(screen.getByTestId('reads-c-reflection').textContent).toContain('Same level.');
  });

  it('takes a read with A or B for the focused criterion, sets levels with 1–7, and makes edits the adjudicator\'s own', async () => {
    const { api, user } = await open();
    radio('Questioning techniques', 1).focus();
    await user.keyboard('b');
    await waitFor(() => expect(api.draft.scores['c-questions']).toBe(5));
    expect(api.draft.criterionFeedback['c-questions']).toBe('B: students ask.');
    expect(api.draft.criterionBasis['c-questions']).toBe('second');
    expect(radio('Questioning techniques', 5).getAttribute('aria-checked')).toBe('true');
    expect(screen.getByTestId('basis-c-questions').textContent).toBe('Final: Taken from Read B');
    await user.keyboard('a');
    await waitFor(() => expect(api.draft.criterionBasis['c-questions']).toBe('first'));
    expect(api.draft).toMatchObject({ scores: { 'c-questions': 2 }, criterionFeedback: { 'c-questions': 'A: closed questions.' } });
    // A level of your own keeps the text taken, but it is no longer that read's.
    await user.keyboard('4');
    await waitFor(() => expect(api.draft.criterionBasis['c-questions']).toBe('own'));
    expect(api.draft.scores['c-questions']).toBe(4);
    expect(api.draft.criterionFeedback['c-questions']).toBe('A: closed questions.');
    // ↓ moves to the next criterion; A there takes Read A's level for it alone.
    await user.keyboard('{ArrowDown}a');
    await waitFor(() => expect(api.draft.criterionBasis['c-discourse']).toBe('first'));
    expect(api.draft.scores).toEqual({ 'c-questions': 4, 'c-discourse': 2 });
    // The level radio group keeps its arrow keys: → moves and chooses, which is your own level.
    await user.keyboard('{ArrowRight}');
    await waitFor(() => expect(api.draft.scores['c-discourse']).toBe(3));
    expect(api.draft.criterionBasis['c-discourse']).toBe('own');
    expect(radio('Student discourse', 3).getAttribute('aria-checked')).toBe('true');
    expect(document.activeElement).toBe(radio('Student discourse', 3));
  });

  it('lists the read keys A and B in its cheat sheet, with the adjudication\'s own submit', async () => {
    const { user } = await open();
    radio('Questioning techniques', 1).focus();
    await user.keyboard('?');
    const sheet = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    const keyOf = (label: string) => within(sheet).getByText(label).previousElementSibling?.textContent;
    expect(keyOf("Take Read A's level and feedback for the focused criterion")).toBe('A');
    expect(keyOf("Take Read B's level and feedback for the focused criterion")).toBe('B');
    expect(keyOf('Submit adjudication')).toBe('Ctrl/⌘+Enter');
    expect(within(sheet).queryByText('Submit review')).toBeNull();
    // The buttons announce the same keys.
    expect(screen.getAllByRole('button', { name: 'Take Read B' })[0]!.getAttribute('aria-keyshortcuts')).toBe('b');
  });

  it('does not take a read while typing; typed feedback is the adjudicator\'s own', async () => {
    const { api, user } = await open();
    radio('Reflection on practice', 1).focus();
    await user.keyboard('b');
    await waitFor(() => expect(api.draft.criterionBasis['c-reflection']).toBe('second'));
    await user.click(screen.getByLabelText('Final feedback for Reflection on practice'));
    await user.keyboard(' And a plan.');
    await waitFor(() => expect(api.draft.criterionFeedback['c-reflection']).toBe('B: names a change. And a plan.'));
    expect(api.draft.criterionBasis['c-reflection']).toBe('own');
    expect(api.draft.scores).toEqual({ 'c-reflection': 3 });
  });

  it('asks for a rationale before submitting, then queues the adjudication', async () => {
    const api = new FakeApi({ view: adjudicationView() });
    api.overrides['adjudication.submit'] = () => ({ adjudicationId: '4a2b3c4d-1111-4222-8333-444455556666', status: 'queued' });
    const { user } = await open(api);
    for (const [name, key] of [['Questioning techniques', 'b'], ['Student discourse', 'b'], ['Reflection on practice', 'a']] as const) {
      radio(name, 1).focus();
      await user.keyboard(key);
    }
    await waitFor(() => expect(api.draft.scores).toEqual({ 'c-questions': 5, 'c-discourse': 3, 'c-reflection': 3 }));
    expect(screen.getByTestId('decision').textContent).toBe('Earned');
    await user.keyboard('{Control>}{Enter}{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Submit adjudication' });
    expect(within(dialog).getByText('a rationale for the adjudication is required')).toBeTruthy();
    expect((within(dialog).getByRole('button', { name: 'Confirm and submit' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByLabelText('Rationale for the adjudication'));
    await user.keyboard('Read B matches the clip.');
    await user.keyboard('{Control>}{Enter}{/Control}');
    const ready = await screen.findByRole('dialog', { name: 'Submit adjudication' });
    await user.click(within(ready).getByRole('button', { name: 'Confirm and submit' }));
    await waitFor(() => expect(api.calls.some((c) => c.method === 'adjudication.submit')).toBe(true));
    expect(api.draft.rationale).toBe('Read B matches the clip.');
  });

  it('shows each read\'s time-stamped notes and clips beside the evidence, and a note opens its artifact there', async () => {
    const artifact = (id: string, kind: string, filename: string, mediaType: string) => LocalArtifact.parse({
      id, kind, filename, mediaType, bytes: 2048, sha256: 'b'.repeat(64), download: { state: 'complete', bytesDone: 2048 }, isNew: false,
    });
    const view = adjudicationView();
    const artifacts = [artifact('art-clip', 'video', 'classroom.webm', 'video/webm'), artifact('art-notes', 'text', 'lesson-notes.txt', 'text/plain')];
    const reads = [
      { ...READ_A, notes: [{ artifactId: 'art-clip', atSec: 12, text: 'Only closed questions so far.' }, { artifactId: 'art-notes', page: 2, text: 'Plan lists no probes.' }] },
      { ...READ_B, notes: [{ artifactId: 'art-clip', atSec: 40, endSec: 55, criterionId: 'c-discourse', text: 'Pairs talk for the whole stretch.' }] },
    ];
    const api = new FakeApi({ view: SubmissionView.parse({ ...view, artifacts, assignment: { ...view.assignment, reads } }) });
    api.overrides['media.url'] = (input) => ({ url: `http://127.0.0.1:1/media/${String(input.artifactId)}` });
    const { user } = await open(api);
    const evidence = screen.getByRole('region', { name: 'Evidence' });
    const notes = within(evidence).getByRole('list', { name: 'All notes' });
    const shown = within(notes).getAllByRole('button').map((b) => b.textContent);
    expect(shown).toEqual([
      '0:12 Read A: Only closed questions so far. classroom.webm',
      'page 2 Read A: Plan lists no probes. lesson-notes.txt',
      '0:40–0:55 Read B: Pairs talk for the whole stretch. classroom.webm',
    ]);
    // Nothing on the reads' side but the levels and feedback: the notes are the evidence pane's.
    expect(screen.getByRole('region', { name: 'Reads and final levels' }).textContent).not.toContain('Pairs talk for the whole stretch.');
    // A read-only pane: nobody adds or removes a reader's note here.
    expect(within(evidence).queryByRole('button', { name: /Remove note/ })).toBeNull();
    expect(within(evidence).queryByRole('button', { name: 'Add note at current time' })).toBeNull();
    const list = within(evidence).getByRole('navigation', { name: 'Evidence items' });
    expect(within(list).getByRole('button', { name: /classroom\.webm/ }).getAttribute('aria-current')).toBe('true');
    await user.click(within(notes).getByRole('button', { name: /Plan lists no probes/ }));
    await waitFor(() => expect(within(list).getByRole('button', { name: /lesson-notes\.txt/ }).getAttribute('aria-current')).toBe('true'));
  });

  it.each(['light', 'dark'] as Scheme[])('has no axe violations (%s)', async (scheme) => {
    useScheme(scheme);
    await open();
    await expectNoAxeViolations(document.body, `the adjudication workspace (${scheme})`);
  });
});
