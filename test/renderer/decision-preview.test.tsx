import './support/cleanup.ts';
import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { DecisionPreview } from '../../renderer/src/components/review/DecisionPreview.tsx';
import { rubric } from './support/fixtures.ts';

describe('DecisionPreview', () => {
  it('says the decision is incomplete and names the unscored criteria', () => {
    render(<DecisionPreview rubric={rubric} scores={{ 'c-questions': 4 }} />);
    expect(screen.getByTestId('decision').textContent).toBe('Incomplete');
    expect(screen.getByText('Not scored yet: Student discourse, Reflection on practice')).toBeTruthy();
  });

  it('explains which criteria are not met when the answer is "not yet"', () => {
    render(<DecisionPreview rubric={rubric} scores={{ 'c-questions': 5, 'c-discourse': 2, 'c-reflection': 4 }} />);
    expect(screen.getByTestId('decision').textContent).toBe('Not yet');
    expect(screen.getByText('Student discourse: level 2 is below the met level 3')).toBeTruthy();
    expect(screen.queryByText(/Questioning techniques:/)).toBeNull();
    expect(screen.getByText('Weighted mean 4.00 (threshold 3)')).toBeTruthy();
  });

  it('says "earned" when every criterion is met and the weighted mean reaches the threshold', () => {
    render(<DecisionPreview rubric={rubric} scores={{ 'c-questions': 3, 'c-discourse': 3, 'c-reflection': 3 }} />);
    expect(screen.getByTestId('decision').textContent).toBe('Earned');
    expect(screen.queryByRole('list', { name: 'Why' })).toBeNull();
  });
});
