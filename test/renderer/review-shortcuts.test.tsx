import './support/cleanup.ts';
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { TYPING_DEBOUNCE_MS } from '../../renderer/src/hooks/useDraft.ts';
import { ReviewScreen } from '../../renderer/src/screens/review/Review.tsx';
import { FakeApi } from './support/fake-api.ts';
import { renderWithApi } from './support/render.tsx';

async function openReview(api: FakeApi) {
  const user = userEvent.setup();
  renderWithApi(<ReviewScreen assignmentId="as-1" onDone={() => undefined} />, api);
  const first = await screen.findByRole('group', { name: 'Questioning techniques' });
  return { user, first };
}

const radio = (groupName: string, level: number) =>
  within(screen.getByRole('group', { name: groupName })).getByRole('radio', { name: new RegExp(`^${level} `) });

describe('review keyboard shortcuts', () => {
  it('scores the focused criterion with 1–7 and moves between criteria with ↑/↓', async () => {
    const api = new FakeApi();
    const { user } = await openReview(api);
    await user.click(radio('Questioning techniques', 1));
    await user.keyboard('4');
    await waitFor(() => expect(radio('Questioning techniques', 4).getAttribute('aria-checked')).toBe('true'));
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('group', { name: 'Student discourse' }).contains(document.activeElement)).toBe(true);
    await user.keyboard('2');
    await user.keyboard('{ArrowDown}3{ArrowUp}{ArrowUp}5');
    await waitFor(() => expect(api.draft.scores).toEqual({ 'c-questions': 5, 'c-discourse': 2, 'c-reflection': 3 }));
    expect(api.savesOf().every((p) => p.scores !== undefined)).toBe(true);
  });

  it('ignores single-key shortcuts while typing in a text field', async () => {
    const api = new FakeApi();
    const { user } = await openReview(api);
    await user.click(screen.getByLabelText('Feedback for Student discourse'));
    await user.keyboard('3 pairs talked');
    await waitFor(() => expect(api.draft.criterionFeedback['c-discourse']).toBe('3 pairs talked'));
    expect(api.draft.scores).toEqual({});
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('turns single keys off but keeps Ctrl+S when shortcuts are disabled', async () => {
    const api = new FakeApi({ settings: { shortcutsEnabled: false } });
    const { user } = await openReview(api);
    await user.click(radio('Questioning techniques', 2));
    await waitFor(() => expect(api.draft.scores).toEqual({ 'c-questions': 2 }));
    await user.keyboard('4{ArrowDown}5');
    expect(radio('Questioning techniques', 2).getAttribute('aria-checked')).toBe('true');
    await user.click(screen.getByLabelText('Feedback for Questioning techniques'));
    await user.keyboard('Closed questions only');
    // Ctrl+S sends at once instead of after the typing pause: the pause's timer is made to do
    // nothing, so the feedback can only reach the draft through Ctrl+S, however slow the machine.
    const realSetTimeout = globalThis.setTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) =>
      realSetTimeout(ms === TYPING_DEBOUNCE_MS ? () => undefined : fn, ms)) as typeof setTimeout);
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(api.draft.criterionFeedback['c-questions']).toBe('Closed questions only'));
    vi.restoreAllMocks();
    expect(api.draft.scores).toEqual({ 'c-questions': 2 });
  });

  it('follows a remapped key and drops the default one', async () => {
    const api = new FakeApi({ settings: { shortcutMap: { nextCriterion: 'x', cheatSheet: 'h' } } });
    const { user } = await openReview(api);
    await user.click(radio('Questioning techniques', 3));
    await user.keyboard('{ArrowDown}');
    expect(screen.getByRole('group', { name: 'Questioning techniques' }).contains(document.activeElement)).toBe(true);
    await user.keyboard('x');
    expect(screen.getByRole('group', { name: 'Student discourse' }).contains(document.activeElement)).toBe(true);
    await user.keyboard('h');
    const sheet = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(sheet).getByText('Next criterion').previousElementSibling?.textContent).toBe('X');
    // A and B take a read only when adjudicating; a review's sheet does not list them.
    expect(within(sheet).queryByText(/Take Read A/)).toBeNull();
    expect(within(sheet).getByText('Submit review')).toBeTruthy();
  });

  it('opens the submit confirmation with Ctrl+Enter, listing what is missing', async () => {
    const api = new FakeApi();
    const { user } = await openReview(api);
    await user.click(radio('Questioning techniques', 2));
    await user.keyboard('{Control>}{Enter}{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Submit review' });
    expect(within(dialog).getByText('feedback for Questioning techniques is required')).toBeTruthy();
    expect(within(dialog).getByText('Student discourse is not scored')).toBeTruthy();
    expect((within(dialog).getByRole('button', { name: 'Confirm and submit' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
