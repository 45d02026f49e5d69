import './support/cleanup.ts';
import { describe, expect, it } from 'vitest';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { DecisionsScreen } from '../../renderer/src/screens/decisions/Decisions.tsx';
import { screenFor } from '../../renderer/src/screens/index.tsx';
import { FakeApi, FakeFailure } from './support/fake-api.ts';
import { renderWithApi } from './support/render.tsx';
import { axeViolations, decisionRow } from './support/staff-fixtures.ts';

/** A hub's worth of decisions behind staff.decisions: keyset pages by index, `limit` honoured. */
function withDecisions(api: FakeApi, count: number) {
  const all = Array.from({ length: count }, (_, i) => decisionRow(i));
  api.overrides['staff.decisions'] = (input) => {
    const start = input.cursor === undefined ? 0 : Number(String(input.cursor).slice(1));
    const limit = Number(input.limit ?? 100);
    const rows = all.filter((d) => input.decision === undefined || d.decision === input.decision).slice(start, start + limit);
    const end = start + rows.length;
    return end < count && rows.length === limit ? { decisions: rows, next: `c${end}` } : { decisions: rows };
  };
  return all;
}

describe('the Decisions screen', () => {
  it('is the first screen staff land on, and the decision screen is theirs alone', () => {
    expect(screenFor(null, ['staff']).entry.name).toBe('decisions');
    expect(screenFor({ name: 'decision', id: 'sub-1' }, ['staff'])).toMatchObject({ entry: { name: 'decision' }, id: 'sub-1' });
    expect(screenFor({ name: 'decision', id: 'sub-1' }, ['assessor']).entry.name).toBe('queue');
    expect(screenFor({ name: 'audit' }, ['assessor']).entry.name).toBe('queue');
  });

  // Which rows are in the DOM needs layout, so the bounded-rows and keyboard checks run in
  // Chromium (test/e2e/staff-screens.spec.ts); here, the paging against the hub's cursor.
  it('pages 10,000 decisions in from the hub with its cursor, one "Load more" at a time', async () => {
    const api = new FakeApi();
    withDecisions(api, 10_000);
    renderWithApi(<DecisionsScreen onOpen={() => undefined} />, api);
    const count = screen.getByTestId('decisions-count');
    await waitFor(() => expect(count.textContent).toBe('200 decisions loaded, more on the hub'));
    const u = userEvent.setup();
    for (let loaded = 200; loaded < 10_000; loaded += 200) {
      await u.click(screen.getByRole('button', { name: 'Load more' }));
      await waitFor(() => expect(count.textContent).toMatch(new RegExp(`^${loaded + 200} decisions loaded`)));
    }
    expect(count.textContent).toBe('10000 decisions loaded');
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(screen.getByRole('table', { name: 'Decisions' }).getAttribute('aria-rowcount')).toBe('10001');
    const pages = api.calls.filter((c) => c.method === 'staff.decisions');
    expect(pages).toHaveLength(50);
    expect(pages[1]?.input).toEqual({ limit: 200, cursor: 'c200' });
  }, 120_000);

  it('applies the filters together, as whole UTC days, and refuses an id the hub would refuse', async () => {
    const api = new FakeApi();
    withDecisions(api, 10);
    renderWithApi(<DecisionsScreen onOpen={() => undefined} />, api);
    await waitFor(() => expect(screen.getByTestId('decisions-count').textContent).toBe('10 decisions loaded'));
    const u = userEvent.setup();
    await u.type(screen.getByLabelText('Micro-credential id'), 'mc-q');
    await u.type(screen.getByLabelText('Assessor id'), 'u-ana');
    await u.selectOptions(screen.getByLabelText('Decision'), 'Not yet');
    await u.selectOptions(screen.getByLabelText('Basis'), 'Single read');
    fireEvent.change(screen.getByLabelText('Decided from (UTC)'), { target: { value: '2026-11-01' } });
    fireEvent.change(screen.getByLabelText('Decided to (UTC)'), { target: { value: '2026-11-30' } });
    await u.type(screen.getByLabelText('Candidate ref'), 'cand-00004');
    await u.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(api.calls.at(-1)?.input).toEqual({
      microCredentialId: 'mc-q', assessorId: 'u-ana', decision: 'not_yet', basis: 'single', candidateRef: 'cand-00004',
      from: '2026-11-01T00:00:00.000Z', to: '2026-11-30T23:59:59.999Z', limit: 200,
    }));
    const calls = api.calls.length;
    await u.clear(screen.getByLabelText('Candidate ref'));
    await u.type(screen.getByLabelText('Candidate ref'), 'cand/../x');
    await u.click(screen.getByRole('button', { name: 'Apply filters' }));
    expect(screen.getByLabelText('Candidate ref').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/must be an id/)).toBeTruthy();
    expect(api.calls.length).toBe(calls);
    await u.click(screen.getByRole('button', { name: 'Clear' }));
    await waitFor(() => expect(api.calls.at(-1)?.input).toEqual({ limit: 200 }));
  });

  it('says plainly that the hub cannot be reached, and shows no list', async () => {
    const api = new FakeApi();
    api.overrides['staff.decisions'] = () => new FakeFailure('offline', 'The hub at http://127.0.0.1:1 cannot be reached, and staff screens work only online.');
    renderWithApi(<DecisionsScreen onOpen={() => undefined} />, api);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The hub cannot be reached.');
    expect(alert.textContent).toContain('This screen works only online');
    expect(screen.queryByRole('table', { name: 'Decisions' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Export CSV' })).toHaveProperty('disabled', true);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('asks the core for the CSV of exactly the applied filters', async () => {
    const api = new FakeApi();
    withDecisions(api, 5);
    const exported: unknown[] = [];
    api.overrides['staff.decisionsCsv'] = (input) => {
      exported.push(input);
      return new FakeFailure('offline', 'The hub at http://127.0.0.1:1 cannot be reached.');
    };
    renderWithApi(<DecisionsScreen onOpen={() => undefined} />, api);
    const u = userEvent.setup();
    await u.selectOptions(await screen.findByLabelText('Decision'), 'Earned');
    await u.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(screen.getByTestId('decisions-count').textContent).toMatch(/^\d+ decisions? loaded$/));
    await u.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect((await screen.findByRole('alert')).textContent).toContain('the CSV export cannot be shown');
    expect(exported).toEqual([{ decision: 'earned' }]);
  });

  it('has no axe violations with rows, and none when offline', async () => {
    const api = new FakeApi();
    withDecisions(api, 40);
    const { container, unmount } = renderWithApi(<DecisionsScreen onOpen={() => undefined} />, api);
    await waitFor(() => expect(screen.getByTestId('decisions-count').textContent).toBe('40 decisions loaded'));
    expect(await axeViolations(container)).toEqual([]);
    unmount();
    const away = new FakeApi();
    away.overrides['staff.decisions'] = () => new FakeFailure('offline', 'unreachable');
    const offline = renderWithApi(<DecisionsScreen onOpen={() => undefined} />, away);
    await screen.findByRole('alert');
    expect(await axeViolations(offline.container)).toEqual([]);
  });
});
