import './support/cleanup.ts';
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { CalibrationScreen } from '../../renderer/src/screens/calibration/Calibration.tsx';
import { expectNoAxeViolations, useScheme } from './support/axe.ts';
import { completedAttempt, CRITERIA, standing } from './support/calibration-fixtures.ts';
import { FakeApi, FakeFailure } from './support/fake-api.ts';
import { renderWithApi } from './support/render.tsx';

const STANDINGS = [
  standing({ microCredentialId: 'mc-q', title: 'Questioning', state: 'expired', daysLeft: null, calibratedUntil: '2026-10-01T00:00:00.000Z', lockedAssignments: 2 }),
  standing({ microCredentialId: 'mc-d', title: 'Formative data', daysLeft: 12 }),
  standing({ microCredentialId: 'mc-s', title: 'Scaffolding', state: 'suspended', daysLeft: null }),
];

function calibrationApi(opts: { online?: boolean } = {}): FakeApi {
  const api = new FakeApi();
  api.overrides['calibration.standing'] = () => ({ standings: STANDINGS });
  api.overrides['sync.status'] = () => ({ state: opts.online === false ? 'offline' : 'idle', online: opts.online !== false, lastSyncAt: null });
  api.overrides['calibration.attempts'] = (input) => ({ attempts: input.microCredentialId === 'mc-q' ? [completedAttempt('att-1')] : [] });
  api.overrides['catalog.criteria'] = () => CRITERIA;
  return api;
}

const row = (title: string) => screen.getByRole('listitem', { name: title });

describe('the Calibration screen', () => {
  it('shows each qualification: expired with its locked work, the 30-day reminder, suspended', async () => {
    renderWithApi(<CalibrationScreen onQueue={() => undefined} />, calibrationApi());
    await screen.findByRole('listitem', { name: 'Questioning' });
    expect(row('Questioning').textContent).toMatch(/Expired on .*2026/);
    expect(row('Questioning').textContent).toContain('2 assignments are locked until you calibrate.');
    expect(row('Formative data').textContent).toContain('expires in 12 days');
    expect(row('Scaffolding').textContent).toContain('Calibration required');
  });

  it('gives the expiry reminder from 30 days before, not at 31', async () => {
    const api = calibrationApi();
    api.overrides['calibration.standing'] = () => ({
      standings: [
        standing({ microCredentialId: 'mc-31', title: 'Thirty-one days', daysLeft: 31, calibratedUntil: '2026-12-22T00:00:00.000Z' }),
        standing({ microCredentialId: 'mc-30', title: 'Thirty days', daysLeft: 30, calibratedUntil: '2026-12-21T00:00:00.000Z' }),
        standing({ microCredentialId: 'mc-1', title: 'One day', daysLeft: 1, calibratedUntil: '2026-11-22T00:00:00.000Z' }),
      ],
    });
    renderWithApi(<CalibrationScreen onQueue={() => undefined} />, api);
    await screen.findByRole('listitem', { name: 'Thirty-one days' });
    expect(row('Thirty-one days').textContent).toContain('Current until');
    expect(row('Thirty-one days').textContent).not.toContain('expires in');
    expect(row('Thirty days').textContent).toMatch(/Current until .*2026: expires in 30 days/);
    expect(row('One day').textContent).toContain('expires in 1 day');
    expect(row('One day').textContent).not.toContain('1 days');
  });

  it('starts an attempt through the core and says where its items are', async () => {
    const user = userEvent.setup();
    const api = calibrationApi();
    api.overrides['calibration.start'] = (input) => ({
      attempt: { id: 'att-2', microCredentialId: input.microCredentialId, state: 'open', assignmentIds: ['k1', 'k2', 'k3'], startedAt: '2026-11-21T10:00:00.000Z' },
      sync: { state: 'idle', online: true, lastSyncAt: '2026-11-21T10:00:01.000Z' },
    });
    renderWithApi(<CalibrationScreen onQueue={() => undefined} />, api);
    await screen.findByRole('listitem', { name: 'Scaffolding' });
    await user.click(within(row('Scaffolding')).getByRole('button', { name: 'Start calibration' }));
    expect(await within(row('Scaffolding')).findByRole('status')).toHaveProperty('textContent', 'Started: 3 items are in your assignments, marked “Calibration”.');
    expect(api.calls.filter((c) => c.method === 'calibration.start').map((c) => c.input)).toEqual([{ microCredentialId: 'mc-s' }]);
  });

  it('starts an attempt from the keyboard alone: Tab reaches each row\'s button in turn, Enter starts it', async () => {
    const user = userEvent.setup();
    const api = calibrationApi();
    api.overrides['calibration.start'] = (input) => ({
      attempt: { id: 'att-3', microCredentialId: input.microCredentialId, state: 'open', assignmentIds: ['k1'], startedAt: '2026-11-21T10:00:00.000Z' },
      sync: { state: 'idle', online: true, lastSyncAt: '2026-11-21T10:00:01.000Z' },
    });
    renderWithApi(<CalibrationScreen onQueue={() => undefined} />, api);
    await screen.findByRole('listitem', { name: 'Scaffolding' });
    const buttons = ['Questioning', 'Formative data', 'Scaffolding'].map((t) => within(row(t)).getByRole('button', { name: 'Start calibration' }));
    await waitFor(() => expect(buttons.every((b) => !(b as HTMLButtonElement).disabled)).toBe(true));
    for (const button of buttons) {
      await user.tab();
      expect(document.activeElement).toBe(button);
    }
    await user.keyboard('{Enter}');
    expect(await within(row('Scaffolding')).findByRole('status')).toHaveProperty('textContent', 'Started: 1 item is in your assignments, marked “Calibration”.');
    expect(api.calls.filter((c) => c.method === 'calibration.start').map((c) => c.input)).toEqual([{ microCredentialId: 'mc-s' }]);
  });

  it('says when a retake may start', async () => {
    const user = userEvent.setup();
    const api = calibrationApi();
    api.overrides['calibration.start'] = () => new FakeFailure('retake_too_soon', 'Too soon', { retryAfter: '2026-11-22T09:30:00.000Z' });
    renderWithApi(<CalibrationScreen onQueue={() => undefined} />, api);
    await screen.findByRole('listitem', { name: 'Formative data' });
    await user.click(within(row('Formative data')).getByRole('button', { name: 'Start calibration' }));
    expect((await within(row('Formative data')).findByRole('alert')).textContent).toMatch(/You can calibrate again after .*22/);
  });

  it('says clearly that starting needs the hub while offline, and does not ask it', async () => {
    const api = calibrationApi({ online: false });
    renderWithApi(<CalibrationScreen onQueue={() => undefined} />, api);
    await screen.findByRole('listitem', { name: 'Questioning' });
    const start = within(row('Questioning')).getByRole('button', { name: 'Start calibration' }) as HTMLButtonElement;
    await waitFor(() => expect(start.disabled).toBe(true));
    expect(start.getAttribute('aria-describedby')).toBe('standing-note-mc-q');
    expect(document.getElementById('standing-note-mc-q')?.textContent).toContain('You are offline. Starting a calibration needs the hub');
    expect(api.calls.some((c) => c.method === 'calibration.attempts')).toBe(false);
  });

  it('points to the queue while an attempt is in progress', async () => {
    const user = userEvent.setup();
    const api = calibrationApi();
    api.overrides['calibration.standing'] = () => ({ standings: [standing({ microCredentialId: 'mc-d', title: 'Formative data', openCalibrationItems: 2 })] });
    let went = 0;
    renderWithApi(<CalibrationScreen onQueue={() => (went += 1)} />, api);
    await screen.findByRole('listitem', { name: 'Formative data' });
    expect(row('Formative data').textContent).toContain('Attempt in progress: 2 items marked “Calibration” to score.');
    expect(within(row('Formative data')).queryByRole('button', { name: 'Start calibration' })).toBeNull();
    await user.click(within(row('Formative data')).getByRole('button', { name: 'Go to assignments' }));
    expect(went).toBe(1);
  });

  it('shows a completed attempt: levels side by side with the master rationale, agreement, outcome and new expiry', async () => {
    renderWithApi(<CalibrationScreen onQueue={() => undefined} />, calibrationApi());
    const results = await screen.findByRole('region', { name: /Calibration results/ });
    expect(results.textContent).toContain('Passed');
    const table = within(results).getByRole('table', { name: /Item 1/ });
    const discourse = await within(table).findByRole('row', { name: /Student discourse/ });
    expect(within(discourse).getAllByRole('cell').map((c) => c.textContent)).toEqual([
      '4 Accomplished (differs)', '3 Proficient', 'Students answer the teacher, rarely each other.',
    ]);
    expect(results.textContent).toContain('Exact agreement (the measure that counts)67%');
    expect(results.textContent).toContain('Pass mark80%');
    expect(results.textContent).toMatch(/You are qualified until .*2027/);
  });

  it.each(['light', 'dark'] as const)('is axe-clean in the %s scheme', async (scheme) => {
    useScheme(scheme);
    const { container } = renderWithApi(<CalibrationScreen onQueue={() => undefined} />, calibrationApi());
    await screen.findByRole('region', { name: /Calibration results/ });
    await expectNoAxeViolations(container, `calibration (${scheme})`);
  });
});
