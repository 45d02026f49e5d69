import './support/cleanup.ts';
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { SubmissionView } from '../../shared/index.ts';
import { ReviewScreen } from '../../renderer/src/screens/review/Review.tsx';
import { expectNoAxeViolations, useScheme } from './support/axe.ts';
import { FakeApi } from './support/fake-api.ts';
import { makeView, rubric } from './support/fixtures.ts';
import { renderWithApi } from './support/render.tsx';

function masterApi(): FakeApi {
  const view = makeView();
  return new FakeApi({ view: SubmissionView.parse({ ...view, assignment: { ...view.assignment, role: 'master' } }) });
}

async function openReview(api: FakeApi) {
  const rendered = renderWithApi(<ReviewScreen assignmentId="as-1" onDone={() => undefined} />, api);
  await screen.findByRole('group', { name: 'Questioning techniques' });
  return rendered;
}

describe('a master review in the ordinary workspace', () => {
  it('puts a required "Rationale for <criterion>" box beside each level, and feedback is optional', async () => {
    await openReview(masterApi());
    for (const c of rubric.criteria) {
      const group = screen.getByRole('group', { name: c.title });
      const box = within(group).getByLabelText(`Rationale for ${c.title}`);
      expect(box.hasAttribute('required')).toBe(true);
      expect(within(group).getByLabelText(`Feedback for ${c.title}`).hasAttribute('required')).toBe(false);
    }
  });

  it('saves rationales in the draft and refuses to submit while one is missing, naming the criterion', async () => {
    const user = userEvent.setup();
    const api = masterApi();
    await openReview(api);
    for (const c of rubric.criteria) {
      await user.click(within(screen.getByRole('group', { name: c.title })).getByRole('radio', { name: /^2 / }));
    }
    const write = async (label: string, text: string) => {
      await user.click(screen.getByLabelText(label));
      await user.paste(text);
    };
    await write('Rationale for Questioning techniques', 'Mostly closed questions.');
    await write('Rationale for Student discourse', 'Two exchanges only.');
    await waitFor(() => expect(api.draft.criterionRationale).toEqual({ 'c-questions': 'Mostly closed questions.', 'c-discourse': 'Two exchanges only.' }));
    expect(api.savesOf().some((p) => p.criterionRationale !== undefined)).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Submit review' }));
    const dialog = await screen.findByRole('dialog', { name: 'Submit review' });
    expect(within(dialog).getByRole('alert').textContent).toContain('the rationale for Reflection on practice is required');
    expect(within(dialog).queryByText(/feedback for/)).toBeNull();
    expect((within(dialog).getByRole('button', { name: 'Confirm and submit' }) as HTMLButtonElement).disabled).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    await write('Rationale for Reflection on practice', 'Names one change.');
    await user.click(screen.getByRole('button', { name: 'Submit review' }));
    const ready = await screen.findByRole('dialog', { name: 'Submit review' });
    expect(within(ready).queryByRole('alert')).toBeNull();
    expect((within(ready).getByRole('button', { name: 'Confirm and submit' }) as HTMLButtonElement).disabled).toBe(false);
  }, 60_000);

  it('is done from the keyboard alone: Tab reaches each level and rationale box, a digit sets the level, Ctrl+Enter submits', async () => {
    const user = userEvent.setup();
    const api = masterApi();
    await openReview(api);
    // Tab forward (wrapping, as a browser does) until the focus satisfies `at`.
    const tabTo = async (what: string, at: (el: Element) => boolean) => {
      for (let i = 0; i < 200 && !(document.activeElement && at(document.activeElement)); i++) await user.tab();
      expect(document.activeElement && at(document.activeElement), `Tab never reached ${what}`).toBe(true);
    };
    for (const c of rubric.criteria) {
      const group = screen.getByRole('group', { name: c.title });
      await tabTo(`a level of ${c.title}`, (el) => el.getAttribute('role') === 'radio' && group.contains(el));
      await user.keyboard('2');
      await tabTo(`the rationale for ${c.title}`, (el) => el === within(group).getByLabelText(`Rationale for ${c.title}`));
      await user.keyboard(`Why ${c.title} is at 2.`);
    }
    await waitFor(() => expect(api.draft.criterionRationale).toEqual(Object.fromEntries(rubric.criteria.map((c) => [c.id, `Why ${c.title} is at 2.`]))));
    expect(api.draft.scores).toEqual(Object.fromEntries(rubric.criteria.map((c) => [c.id, 2])));
    await user.keyboard('{Control>}{Enter}{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Submit review' });
    const confirm = within(dialog).getByRole('button', { name: 'Confirm and submit' });
    await tabTo('Confirm and submit', (el) => el === confirm);
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.calls.some((c) => c.method === 'review.submit')).toBe(true));
  }, 60_000);

  it('shows no rationale box on a live review', async () => {
    await openReview(new FakeApi());
    expect(screen.queryByLabelText(/^Rationale for/)).toBeNull();
  });

  it.each(['light', 'dark'] as const)('is axe-clean in the %s scheme', async (scheme) => {
    useScheme(scheme);
    const { container } = await openReview(masterApi());
    await expectNoAxeViolations(container, `master review (${scheme})`);
  });
});
