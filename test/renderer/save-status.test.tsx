import './support/cleanup.ts';
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { ReviewScreen } from '../../renderer/src/screens/review/Review.tsx';
import { FakeApi } from './support/fake-api.ts';
import { renderWithApi } from './support/render.tsx';

const status = () => screen.getByRole('status', { name: 'Save status' });

async function openReview(api: FakeApi, options: Parameters<typeof userEvent.setup>[0] = {}) {
  const user = userEvent.setup(options);
  renderWithApi(<ReviewScreen assignmentId="as-1" onDone={() => undefined} />, api);
  await screen.findByRole('group', { name: 'Questioning techniques' });
  return user;
}

describe('save status', () => {
  it('says "Saving…" until the core answers, then "Saved"', async () => {
    const api = new FakeApi();
    const user = await openReview(api);
    expect(status().textContent).toBe('No changes yet');
    const release = api.holdSaves();
    await user.click(within(screen.getByRole('group', { name: 'Student discourse' })).getByRole('radio', { name: /^3 / }));
    expect(status().textContent).toBe('Saving…');
    expect(api.draft.revision).toBe(0);
    release();
    await waitFor(() => expect(status().textContent).toBe('Saved'));
    expect(api.draft.scores).toEqual({ 'c-discourse': 3 });
  });

  it('shows the error when the save fails and sends the edit again with the next change', async () => {
    const api = new FakeApi();
    const user = await openReview(api);
    api.failSaves = true;
    await user.click(within(screen.getByRole('group', { name: 'Student discourse' })).getByRole('radio', { name: /^2 / }));
    await waitFor(() => expect(status().textContent).toBe('Not saved: disk is full'));
    api.failSaves = false;
    await user.click(within(screen.getByRole('group', { name: 'Reflection on practice' })).getByRole('radio', { name: /^4 / }));
    await waitFor(() => expect(status().textContent).toBe('Saved'));
    expect(api.draft.scores).toEqual({ 'c-discourse': 2, 'c-reflection': 4 });
  });

  it('saves typing once after a pause rather than per key, and restores the draft when reopened', async () => {
    const api = new FakeApi();
    // Keys with no wait between them: with a wait, a loaded machine can leave a gap longer than
    // the debounce between two keys, and the test would measure the machine, not the debounce.
    const user = await openReview(api, { delay: null });
    await user.type(screen.getByLabelText('Feedback for Reflection on practice'), 'Names two changes');
    expect(status().textContent).toBe('Saving…');
    await waitFor(() => expect(status().textContent).toBe('Saved'));
    expect(api.savesOf().filter((p) => p.criterionFeedback)).toHaveLength(1);
    expect(api.draft.timeSpentSec).toBeGreaterThanOrEqual(0);
  });
});
