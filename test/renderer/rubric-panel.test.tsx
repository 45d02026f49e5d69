import './support/cleanup.ts';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { act, render, screen, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { lockedFromPrevious, type EvidenceNote, type LockedCriterion } from '../../shared/index.ts';
import { RubricPanel } from '../../renderer/src/components/review/RubricPanel.tsx';
import { previousReview, rubric } from './support/fixtures.ts';

type HarnessProps = {
  locked?: Record<string, LockedCriterion>;
  previous?: boolean;
  readOnly?: boolean;
  notes?: EvidenceNote[];
  onNote?: (note: EvidenceNote) => void;
};

function Harness({ locked = {}, previous = false, readOnly = false, notes = [], onNote = () => undefined }: HarnessProps) {
  const [scores, setScores] = useState<Record<string, number>>({});
  const [feedback, setFeedback] = useState<Record<string, string>>({});
  const [active, setActive] = useState(0);
  return (
    <RubricPanel
      rubric={rubric}
      scores={scores}
      feedback={feedback}
      onLevel={(id, level) => setScores((s) => ({ ...s, [id]: level }))}
      onFeedback={(id, text) => setFeedback((f) => ({ ...f, [id]: text }))}
      readOnly={readOnly}
      locked={locked}
      lockedAttempt={previous ? 1 : null}
      previous={previous ? { attempt: 1, scores: previousReview.scores, feedback: previousReview.criterionFeedback } : null}
      notes={notes}
      artifactName={(id) => `file ${id}`}
      onNoteSelect={onNote}
      activeIndex={active}
      onActivate={setActive}
    />
  );
}

describe('RubricPanel', () => {
  it('has one group per criterion, named by its title, with radios named "<level> <label>"', () => {
    render(<Harness />);
    for (const criterion of rubric.criteria) {
      const group = screen.getByRole('group', { name: criterion.title });
      const radios = within(group).getAllByRole('radio');
      expect(radios.map((r) => r.getAttribute('aria-label') ?? r.textContent)).toEqual([
        '1 Beginning', '2 Developing', '3 Proficient', '4 Accomplished', '5 Exemplary',
      ]);
      expect(within(group).getByText(`Weight ${criterion.weight}`)).toBeTruthy();
      expect(within(group).getByLabelText(`Feedback for ${criterion.title}`)).toBeTruthy();
    }
  });

  it('checks a level on click, keeps one tab stop per group and moves with the arrow keys', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const group = screen.getByRole('group', { name: 'Questioning techniques' });
    await user.click(within(group).getByRole('radio', { name: /^2 / }));
    expect(within(group).getByRole('radio', { name: /^2 / }).getAttribute('aria-checked')).toBe('true');
    expect(within(group).getAllByRole('radio').filter((r) => r.tabIndex === 0)).toHaveLength(1);
    await user.keyboard('{ArrowRight}');
    const three = within(group).getByRole('radio', { name: /^3 / });
    expect(three.getAttribute('aria-checked')).toBe('true');
    expect(document.activeElement).toBe(three);
  });

  it('shows the descriptor of the focused or hovered level', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    const descriptor = screen.getByTestId('descriptor-c-questions');
    expect(descriptor.textContent).not.toContain('Q4 builds on answers');
    const group = screen.getByRole('group', { name: 'Questioning techniques' });
    await user.hover(within(group).getByRole('radio', { name: /^4 / }));
    expect(descriptor.textContent).toContain('Q4 builds on answers');
    await user.unhover(within(group).getByRole('radio', { name: /^4 / }));
    act(() => within(group).getByRole('radio', { name: /^1 / }).focus());
    expect(descriptor.textContent).toContain('Q1 closed only');
  });

  it('marks feedback required where the rubric says so, including below the met level', async () => {
    const user = userEvent.setup();
    render(<Harness />);
    expect((screen.getByLabelText('Feedback for Student discourse') as HTMLTextAreaElement).required).toBe(true);
    const questions = screen.getByLabelText('Feedback for Questioning techniques') as HTMLTextAreaElement;
    expect(questions.required).toBe(false);
    await user.click(within(screen.getByRole('group', { name: 'Questioning techniques' })).getByRole('radio', { name: /^2 / }));
    expect(questions.required).toBe(true);
    expect(questions.getAttribute('aria-invalid')).toBe('true');
    expect((screen.getByLabelText('Feedback for Reflection on practice') as HTMLTextAreaElement).required).toBe(false);
  });

  it('locks criteria met on the previous attempt and shows that attempt beside the current one', async () => {
    const user = userEvent.setup();
    const locked = lockedFromPrevious(rubric, previousReview);
    render(<Harness locked={locked} previous />);
    const questions = screen.getByRole('group', { name: 'Questioning techniques' });
    expect(within(questions).getByText('Met on attempt 1')).toBeTruthy();
    const four = within(questions).getByRole('radio', { name: /^4 / });
    expect(four.getAttribute('aria-checked')).toBe('true');
    expect(four.getAttribute('aria-disabled')).toBe('true');
    await user.click(within(questions).getByRole('radio', { name: /^1 / }));
    expect(four.getAttribute('aria-checked')).toBe('true');
    expect((within(questions).getByLabelText('Feedback for Questioning techniques') as HTMLTextAreaElement).readOnly).toBe(true);

    const discourse = screen.getByRole('group', { name: 'Student discourse' });
    expect(within(discourse).queryByText(/Met on attempt/)).toBeNull();
    expect(within(discourse).getByText('Students rarely respond to each other.')).toBeTruthy();
    await user.click(within(discourse).getByRole('radio', { name: /^3 / }));
    expect(within(discourse).getByRole('radio', { name: /^3 / }).getAttribute('aria-checked')).toBe('true');
  });

  it('lists the notes linked to a criterion and reports which one was chosen', async () => {
    const user = userEvent.setup();
    const chosen: EvidenceNote[] = [];
    const notes: EvidenceNote[] = [
      { artifactId: 'vid-1', atSec: 75, criterionId: 'c-discourse', text: 'Pairs explain to each other' },
      { artifactId: 'vid-1', atSec: 12, criterionId: 'c-questions', text: 'Open question' },
    ];
    render(<Harness notes={notes} onNote={(n) => chosen.push(n)} />);
    const discourse = screen.getByRole('group', { name: 'Student discourse' });
    const list = within(discourse).getByRole('list', { name: 'Notes for Student discourse' });
    expect(within(list).queryByText('Open question')).toBeNull();
    await user.click(within(list).getByRole('button', { name: /1:15 Pairs explain/ }));
    expect(chosen).toEqual([notes[0]]);
  });

  it('is not editable when the review is read-only', async () => {
    const user = userEvent.setup();
    render(<Harness readOnly />);
    const group = screen.getByRole('group', { name: 'Reflection on practice' });
    await user.click(within(group).getByRole('radio', { name: /^5 / }));
    expect(within(group).getAllByRole('radio').some((r) => r.getAttribute('aria-checked') === 'true')).toBe(false);
  });
});
