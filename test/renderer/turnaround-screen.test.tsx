import './support/cleanup.ts';
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { TurnaroundScreen } from '../../renderer/src/screens/turnaround/Turnaround.tsx';
import { screenFor, SCREENS } from '../../renderer/src/screens/index.tsx';
import { expectNoAxeViolations, useScheme } from './support/axe.ts';
import { FakeApi, FakeFailure } from './support/fake-api.ts';
import { renderWithApi } from './support/render.tsx';
import { MICRO_CREDENTIALS, turnaroundReport } from './support/report-fixtures.ts';

const moved = (assignmentId: string, to: string) => ({
  assignment: { id: 'asg-new', submissionId: 'sub-03', role: 'primary', assessorId: to, state: 'assigned', assignedAt: '2026-12-01T12:00:00.000Z', dueAt: '2026-12-08T12:00:00.000Z', manifest: null },
  previous: { id: assignmentId, submissionId: 'sub-03', role: 'primary', assessorId: 'u-assessor1', state: 'revoked', assignedAt: '2026-11-22T12:00:00.000Z', dueAt: '2026-11-29T12:00:00.000Z', manifest: null },
  assessorNames: { 'u-assessor1': 'Ada Assessor', [to]: 'Eve Elsewhere' },
});

function reportsApi(): FakeApi {
  const api = new FakeApi();
  api.overrides['policy.list'] = () => ({ microCredentials: MICRO_CREDENTIALS });
  api.overrides['reports.turnaround'] = () => turnaroundReport();
  return api;
}

const turnaroundCalls = (api: FakeApi) => api.calls.filter((c) => c.method === 'reports.turnaround').map((c) => c.input as Record<string, unknown>);
const overdue = () => screen.findByTestId('overdue-table');
const cellsOf = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);

describe('the Turnaround screen', () => {
  it('is for staff only', () => {
    expect(SCREENS.find((s) => s.name === 'turnaround')?.roles).toEqual(['staff']);
    expect(screenFor({ name: 'turnaround' }, ['master_rater']).entry.name).toBe('queue');
    expect(screenFor({ name: 'turnaround' }, ['staff']).entry.name).toBe('turnaround');
  });

  it('asks for all micro-credentials per week, then for the one picked', async () => {
    const api = reportsApi();
    renderWithApi(<TurnaroundScreen />, api);
    await overdue();
    expect(turnaroundCalls(api)[0]).toMatchObject({ bucket: 'week' });
    expect(turnaroundCalls(api)[0]).not.toHaveProperty('microCredentialId');
    await userEvent.setup().selectOptions(screen.getByLabelText('Micro-credential'), 'mc-questioning');
    await waitFor(() => expect(turnaroundCalls(api).at(-1)).toMatchObject({ microCredentialId: 'mc-questioning', bucket: 'week' }));
  });

  it('shows the distribution of days to decision against the SLA, the weekly trend and time to first opening, with n', async () => {
    renderWithApi(<TurnaroundScreen />, reportsApi());
    await overdue();
    const histogram = screen.getByRole('figure', { name: 'Days to decision: Using Formative Assessment Data' });
    expect(histogram.textContent).toContain('10 decisions on Using Formative Assessment Data, taking 2 to 9 days: 80% within the SLA of 7 days, median 4.0 days.');
    expect(within(histogram).queryByRole('table')).toBeNull();
    fireEvent.click(within(histogram).getByText('Data table'));
    const rows = within(await within(histogram).findByRole('table')).getAllByRole('row').map((r) => r.textContent);
    expect(rows).toEqual(['Days (rounded up)DecisionsWithin the SLA', '23Yes', '44Yes', '71Yes', '92No', 'All (n = 10)median 4.0, p90 9.0 days80%']);
    expect(screen.getByRole('figure', { name: 'Days to decision: Questioning' }).textContent).toContain('No decisions on Questioning in this period.');
    const trend = screen.getByRole('figure', { name: 'Days to decision per week' });
    expect(trend.textContent).toContain('It is beyond the SLA of 7 days in 1 week: 2026-11-16.');
    expect(screen.getByRole('figure', { name: 'Share within the SLA per week' }).textContent).toContain('ranges from 60% to 100%; the lowest is 2026-11-16.');
    const opening = screen.getByRole('table', { name: 'Hours from assignment to first opening per micro-credential' });
    expect(cellsOf(within(opening).getByRole('row', { name: /^Questioning/ }))).toEqual(['0', '—Not defined: no ratings in the period', '—Not defined: no ratings in the period']);
    const ben = within(screen.getByRole('table', { name: /per assessor/ })).getByRole('row', { name: /Ben Assessor/ });
    expect(cellsOf(ben)).toEqual(['4', '8.0', '9.5', '50%', '0', '—Not defined: no ratings in the period', '—Not defined: no ratings in the period']);
    expect(screen.getByTestId('days-histogram-mc-formative-data').firstElementChild?.getAttribute('aria-hidden')).toBe('true');
  });

  it('lists overdue and due-soon work, soonest first, with who holds it', async () => {
    renderWithApi(<TurnaroundScreen />, reportsApi());
    const list = await overdue();
    const rows = within(list).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getByRole('rowheader').textContent)).toEqual(['sub-03', 'sub-07 (resubmission)']);
    // Named by the report itself, though Dee has decided nothing yet (no per-assessor row).
    expect(rows.map((r) => within(r).getAllByRole('cell')[1]!.textContent)).toEqual(['Ada Assessor', 'Dee Newcomer']);
    expect(cellsOf(rows[0] as HTMLElement).slice(0, 3)).toEqual(['Using Formative Assessment Data', 'Ada Assessor', 'Primary']);
    expect(cellsOf(rows[0] as HTMLElement)[4]).toBe('Overdue by 2 days');
    expect(cellsOf(rows[1] as HTMLElement)[4]).toBe('Due in 12 hours');
  });

  it('reassigns with a required reason, shows the new assessor and refreshes the list', async () => {
    const user = userEvent.setup();
    const api = reportsApi();
    api.overrides['reports.reassign'] = (input) => moved(String(input.assignmentId), 'u-assessor5');
    renderWithApi(<TurnaroundScreen />, api);
    await overdue();
    await user.click(screen.getByRole('button', { name: 'Reassign submission sub-03' }));
    const dialog = screen.getByRole('dialog', { name: 'Reassign submission sub-03' });
    expect(dialog.textContent).toContain('With Ada Assessor');
    await user.click(within(dialog).getByRole('button', { name: 'Reassign' }));
    expect(within(dialog).getByText('Give a reason for the reassignment.')).toBeTruthy();
    expect(api.calls.some((c) => c.method === 'reports.reassign')).toBe(false);
    const before = turnaroundCalls(api).length;
    await user.type(within(dialog).getByLabelText(/^Reason/), '  Ada is on leave this week. ');
    await user.click(within(dialog).getByRole('button', { name: 'Reassign' }));
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('Submission sub-03 reassigned from Ada Assessor to Eve Elsewhere.'));
    expect(api.calls.filter((c) => c.method === 'reports.reassign').map((c) => c.input)).toEqual([{ assignmentId: 'asg-late', reason: 'Ada is on leave this week.' }]);
    await waitFor(() => expect(turnaroundCalls(api).length).toBeGreaterThan(before));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows the hub’s refusal of a resubmission before its due date in words, and changes nothing', async () => {
    const user = userEvent.setup();
    const api = reportsApi();
    api.overrides['reports.reassign'] = () => new FakeFailure('resubmission_not_due', 'a resubmission stays with its original assessor until its due date has passed', { dueAt: '2026-12-02T00:00:00.000Z' });
    renderWithApi(<TurnaroundScreen />, api);
    await overdue();
    await user.click(screen.getByRole('button', { name: 'Reassign submission sub-07' }));
    const dialog = screen.getByRole('dialog', { name: 'Reassign submission sub-07' });
    expect(dialog.textContent).toContain('A resubmission: it can move only once its due date has passed.');
    await user.type(within(dialog).getByLabelText(/^Reason/), 'Ben is slow.');
    await user.click(within(dialog).getByRole('button', { name: 'Reassign' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.getAttribute('data-code')).toBe('resubmission_not_due');
    expect(alert.textContent).toMatch(/^This is a resubmission: it stays with its original assessor until its due date \(.+\) has passed, so they get a fair chance\. Nothing was changed\.$/);
    expect(screen.getByRole('status').textContent).toBe('');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    // Opened again, the dialog starts clean.
    await user.click(screen.getByRole('button', { name: 'Reassign submission sub-07' }));
    expect(within(screen.getByRole('dialog')).queryByRole('alert')).toBeNull();
  });

  it('says plainly when no other assessor can take the work', async () => {
    const user = userEvent.setup();
    const api = reportsApi();
    api.overrides['reports.reassign'] = () => new FakeFailure('no_eligible_assessor', 'no other eligible assessor can take this work now');
    renderWithApi(<TurnaroundScreen />, api);
    await overdue();
    await user.click(screen.getByRole('button', { name: 'Reassign submission sub-03' }));
    await user.type(screen.getByLabelText(/^Reason/), 'Away.');
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Reassign' }));
    expect((await screen.findByRole('alert')).textContent).toBe('No other assessor can take this work now (each must be active, qualified for it and free of conflicts). Nothing was changed.');
  });

  it('says plainly when the hub cannot be reached', async () => {
    const api = reportsApi();
    api.overrides['reports.turnaround'] = () => new FakeFailure('offline', 'The hub at http://127.0.0.1:1 cannot be reached, and staff screens work only online.');
    renderWithApi(<TurnaroundScreen />, api);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The hub cannot be reached.');
    expect(alert.textContent).toContain('the turnaround report cannot be shown');
    expect(screen.queryByTestId('overdue-table')).toBeNull();
  });

  it.each(['light', 'dark'] as const)('is axe-clean in the %s scheme, with the reassign dialog open too', async (scheme) => {
    useScheme(scheme);
    const { container } = renderWithApi(<TurnaroundScreen />, reportsApi());
    await overdue();
    await expectNoAxeViolations(container, `turnaround (${scheme})`);
    for (const summary of screen.getAllByText('Data table')) fireEvent.click(summary);
    await waitFor(() => expect(screen.getAllByRole('table', { name: /by days to decision|per week/ })).toHaveLength(4));
    await expectNoAxeViolations(container, `turnaround, data tables open (${scheme})`);
    await userEvent.setup().click(screen.getByRole('button', { name: 'Reassign submission sub-03' }));
    await expectNoAxeViolations(container, `turnaround, reassign dialog (${scheme})`);
    useScheme('light');
  });
});
