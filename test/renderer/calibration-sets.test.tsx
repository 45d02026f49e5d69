import './support/cleanup.ts';
import { describe, expect, it } from 'vitest';
import { act, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { CalibrationSet } from '../../shared/index.ts';
import { CalibrationSetsScreen } from '../../renderer/src/screens/calibration-sets/CalibrationSets.tsx';
import { criterionAgreement } from '../../renderer/src/screens/calibration-sets/agreement.ts';
import { expectNoAxeViolations, useScheme } from './support/axe.ts';
import { completedAttempt, CRITERIA, microCredential, POLICY } from './support/calibration-fixtures.ts';
import { FakeApi, FakeFailure } from './support/fake-api.ts';
import { renderWithApi } from './support/render.tsx';

const SET = CalibrationSet.parse({
  id: 'set-1', microCredentialId: 'mc-q', title: 'Questioning spring set', state: 'draft', createdAt: '2026-11-01T00:00:00.000Z',
  items: [{ submissionId: 'sub-c1', masterAssignmentId: 'm-1', masterScored: true }, { submissionId: 'sub-c2', masterAssignmentId: 'm-2', masterScored: false }],
});
// Every assessor scores Student discourse above the master on their latest attempt; on Questioning one leans each way.
// assessor3's two earlier attempts scored Questioning below the master: they count no more, or three of five would lean harsh.
const ATTEMPTS = [
  completedAttempt('att-c1', { assessorId: 'assessor3', state: 'failed', lean: { 'c-questions': -1 }, completedAt: '2026-11-10T10:00:00.000Z' }),
  completedAttempt('att-c2', { assessorId: 'assessor3', state: 'failed', lean: { 'c-questions': -1 }, completedAt: '2026-11-15T10:00:00.000Z' }),
  completedAttempt('att-a', { assessorId: 'assessor1', lean: { 'c-discourse': 1, 'c-questions': 1 } }),
  completedAttempt('att-b', { assessorId: 'assessor2', state: 'failed', lean: { 'c-discourse': 0.5, 'c-questions': -1 } }),
  completedAttempt('att-c', { assessorId: 'assessor3', lean: { 'c-discourse': 1 }, exact: 1 }),
];

function setsApi(): FakeApi {
  const api = new FakeApi();
  api.overrides['policy.list'] = () => ({ microCredentials: [microCredential('mc-q', 'Questioning'), microCredential('mc-d', 'Formative data')] });
  api.overrides['calibration.sets'] = (input) => ({ sets: input.microCredentialId === 'mc-q' ? [SET] : [] });
  api.overrides['calibration.attempts'] = (input) => ({ attempts: input.microCredentialId === 'mc-q' ? ATTEMPTS : [] });
  api.overrides['catalog.criteria'] = () => CRITERIA;
  return api;
}

describe('agreement per criterion', () => {
  it("averages the policy measure over each assessor's latest attempt, counts assessors below the pass mark and finds a majority leaning one way", () => {
    const rows = criterionAgreement(ATTEMPTS, POLICY);
    expect(rows.find((r) => r.criterionId === 'c-discourse')).toEqual({
      criterionId: 'c-discourse', assessors: 3, mean: 0, belowPassMark: 3, lenient: 3, harsh: 0, drift: 'lenient',
    });
    expect(rows.find((r) => r.criterionId === 'c-questions')).toMatchObject({ assessors: 3, lenient: 1, harsh: 1, drift: null });
    expect(criterionAgreement(ATTEMPTS.slice(0, 2), POLICY).find((r) => r.criterionId === 'c-questions')).toMatchObject({ assessors: 1, harsh: 1, drift: null });
    expect(rows.find((r) => r.criterionId === 'c-reflection')).toMatchObject({ mean: 1, belowPassMark: 0, drift: null });
    expect(criterionAgreement(ATTEMPTS.slice(0, 1), POLICY).find((r) => r.criterionId === 'c-discourse')?.drift).toBeNull();
  });
});

describe('the Calibration sets screen', () => {
  it('lists sets with their items and explains a refused publish', async () => {
    const user = userEvent.setup();
    const api = setsApi();
    api.overrides['calibration.publish'] = () => new FakeFailure('not_ready', 'Not every item has a master score');
    renderWithApi(<CalibrationSetsScreen />, api);
    const card = await screen.findByRole('listitem', { name: 'Questioning spring set' });
    expect(card.textContent).toContain('Draft · 1 of 2 items master-scored');
    expect(card.textContent).toContain('Submission sub-c2: waiting for its master score');
    await user.click(within(card).getByRole('button', { name: 'Publish' }));
    expect((await within(card).findByRole('alert')).textContent).toBe('Not ready to publish: every item needs a master score first (1 of 2 have one).');
    expect(api.calls.filter((c) => c.method === 'calibration.publish').map((c) => c.input)).toEqual([{ setId: 'set-1' }]);
  });

  it('publishes from the keyboard alone: Tab from the micro-credential choice reaches Publish, Enter sends it', async () => {
    const user = userEvent.setup();
    const api = setsApi();
    api.overrides['calibration.publish'] = () => ({ set: { ...SET, state: 'published', publishedAt: '2026-11-21T10:00:00.000Z' } });
    renderWithApi(<CalibrationSetsScreen />, api);
    const card = await screen.findByRole('listitem', { name: 'Questioning spring set' });
    await user.tab();
    expect(document.activeElement).toBe(screen.getByLabelText('Micro-credential'));
    await user.tab();
    expect(document.activeElement).toBe(within(card).getByRole('button', { name: 'Publish' }));
    await user.keyboard('{Enter}');
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'calibration.publish').map((c) => c.input)).toEqual([{ setId: 'set-1' }]));
  });

  it('shows per-criterion agreement as a chart with a text summary and a table, each assessor per criterion, and calls out a shared lean', async () => {
    renderWithApi(<CalibrationSetsScreen />, setsApi());
    const results = await screen.findByRole('region', { name: 'Assessor results' });
    expect(await within(results).findByRole('note')).toHaveProperty('textContent', '3 of 3 assessors score Student discourse higher than the master: the descriptors may need work.');
    expect(within(results).getAllByRole('note')).toHaveLength(1);
    expect(within(results).getByRole('figure').textContent).toContain('3 assessors (latest of 5 completed attempts); mean exact agreement per criterion against a pass mark of 80%');
    expect(within(results).getByRole('figure').textContent).toContain('Below the pass mark: Questioning techniques, Student discourse.');
    const perCriterion = within(results).getByRole('table', { name: /Agreement per criterion/ });
    expect(within(within(perCriterion).getByRole('row', { name: /Student discourse/ })).getAllByRole('cell').map((c) => c.textContent)).toEqual(['0%', '3 of 3', '3', '0']);
    const perAssessor = within(results).getByRole('table', { name: /Each assessor’s latest attempt: exact agreement per criterion against the pass mark of 80%/ });
    expect(within(perAssessor).getAllByRole('columnheader').map((c) => c.textContent)).toEqual([
      'Assessor', 'Completed', 'Questioning techniques', 'Student discourse', 'Reflection on practice', 'Overall', 'Outcome',
    ]);
    expect(within(perAssessor).getAllByRole('rowheader').map((c) => c.textContent).sort()).toEqual(['assessor1', 'assessor2', 'assessor3']);
    const cells = (assessor: string) => within(within(perAssessor).getByRole('row', { name: new RegExp(`^${assessor}`) })).getAllByRole('cell').map((c) => c.textContent);
    expect(cells('assessor2').slice(1)).toEqual(['0% (below)', '0% (below)', '100%', '67% (below)', 'Not passed']);
    expect(cells('assessor3').slice(1)).toEqual(['100%', '0% (below)', '100%', '100%', 'Passed']);
    const svg = screen.getByTestId('agreement-chart').firstElementChild;
    expect(svg?.getAttribute('aria-hidden')).toBe('true');
  });

  it('draws the chart in colours for the scheme', async () => {
    const fills = async (scheme: 'light' | 'dark') => {
      useScheme(scheme);
      const view = renderWithApi(<CalibrationSetsScreen />, setsApi());
      await screen.findByRole('note');
      const colours = [...screen.getByTestId('agreement-chart').querySelectorAll('[fill]')].map((e) => e.getAttribute('fill'));
      view.unmount();
      return colours;
    };
    const light = await fills('light');
    const dark = await fills('dark');
    expect(light).toContain('#0072B2');
    expect(light).toContain('#B34700');
    expect(dark).toContain('#56B4E9');
    expect(dark).not.toContain('#0072B2');
  });

  it('redraws in the new colours when the system switches scheme, without a reload', async () => {
    useScheme('light');
    renderWithApi(<CalibrationSetsScreen />, setsApi());
    await screen.findByRole('note');
    const fills = () => [...screen.getByTestId('agreement-chart').querySelectorAll('[fill]')].map((e) => e.getAttribute('fill'));
    expect(fills()).toContain('#0072B2');
    act(() => useScheme('dark'));
    expect(fills()).toContain('#56B4E9');
    expect(fills()).not.toContain('#0072B2');
  });

  it.each(['light', 'dark'] as const)('is axe-clean in the %s scheme', async (scheme) => {
    useScheme(scheme);
    const { container } = renderWithApi(<CalibrationSetsScreen />, setsApi());
    await screen.findByRole('note');
    await expectNoAxeViolations(container, `calibration sets (${scheme})`);
  });
});
