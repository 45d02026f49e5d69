import './support/cleanup.ts';
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { AuditLogScreen } from '../../renderer/src/screens/audit/AuditLog.tsx';
import { FakeApi, FakeFailure } from './support/fake-api.ts';
import { renderWithApi } from './support/render.tsx';
import { auditEvent, axeViolations, broken, checkpoint, verified } from './support/staff-fixtures.ts';

/** 240 events and two checkpoints behind the audit methods, paged with after/next as the hub does. */
function auditApi(verify: unknown) {
  const api = new FakeApi();
  api.overrides['audit.verify'] = () => verify;
  api.overrides['audit.events'] = (input) => {
    const after = Number(input.after ?? 0);
    const limit = Number(input.limit ?? 500);
    const events = Array.from({ length: Math.max(0, Math.min(limit, 240 - after)) }, (_, i) => auditEvent(after + i + 1));
    const last = after + events.length;
    return last < 240 ? { events, next: last } : { events };
  };
  api.overrides['audit.checkpoints'] = () => ({ checkpoints: [checkpoint(100), checkpoint(200)] });
  return api;
}

const eventRows = () => within(screen.getByRole('table')).getAllByRole('row').slice(1);

describe('the Audit log screen', () => {
  it('verifies at once and on request, shows the latest signed checkpoint, and pages the events', async () => {
    const api = auditApi(verified());
    renderWithApi(<AuditLogScreen />, api);
    expect((await screen.findByRole('status')).textContent).toBe('All 240 events verify, and every one of the 2 signed checkpoints checks out.');
    expect(screen.getByTestId('latest-checkpoint').textContent).toMatch(/^Latest signed checkpoint: seq 200, signed .+ 0{16}…$/);
    expect(within(screen.getByRole('list', { name: 'Signed checkpoints' })).getAllByRole('listitem')).toHaveLength(2);
    await waitFor(() => expect(screen.getByTestId('audit-count').textContent).toBe('100 events shown, more on the hub'));
    const u = userEvent.setup();
    await u.click(screen.getByRole('button', { name: 'Load more events' }));
    await waitFor(() => expect(screen.getByTestId('audit-count').textContent).toBe('200 events shown, more on the hub'));
    await u.click(screen.getByRole('button', { name: 'Load more events' }));
    await waitFor(() => expect(screen.getByTestId('audit-count').textContent).toBe('240 events shown'));
    expect(eventRows().map((r) => Number(within(r).getAllByRole('cell')[0]!.textContent))).toEqual(Array.from({ length: 240 }, (_, i) => i + 1));
    expect(api.calls.filter((c) => c.method === 'audit.events').map((c) => c.input)).toEqual([{ after: 0, limit: 100 }, { after: 100, limit: 100 }, { after: 200, limit: 100 }]);
    const verifies = api.calls.filter((c) => c.method === 'audit.verify').length;
    await u.click(screen.getByRole('button', { name: 'Verify now' }));
    await waitFor(() => expect(api.calls.filter((c) => c.method === 'audit.verify').length).toBe(verifies + 1));
  });

  it('works from the keyboard alone: Tab reaches Verify now and Load more events, and Enter and Space press them', async () => {
    const api = auditApi(verified());
    renderWithApi(<AuditLogScreen />, api);
    await screen.findByRole('status');
    await waitFor(() => expect(screen.getByTestId('audit-count').textContent).toBe('100 events shown, more on the hub'));
    const u = userEvent.setup();
    /** Presses Tab until `target` has focus, failing with what it was waiting for. */
    const tabTo = async (target: HTMLElement, max = 40) => {
      for (let i = 0; i < max && document.activeElement !== target; i++) await u.tab();
      expect(document.activeElement, `Tab never reached "${target.textContent}" in ${max} presses`).toBe(target);
    };
    const verifies = () => api.calls.filter((c) => c.method === 'audit.verify').length;
    const before = verifies();
    await tabTo(screen.getByRole('button', { name: 'Verify now' }));
    await u.keyboard('{Enter}');
    await waitFor(() => expect(verifies()).toBe(before + 1));
    await tabTo(screen.getByRole('button', { name: 'Load more events' }));
    await u.keyboard('{Enter}');
    await waitFor(() => expect(screen.getByTestId('audit-count').textContent).toBe('200 events shown, more on the hub'));
    // Focus stays on the button (it was not re-created), so the next page is one key away.
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Load more events' }));
    await u.keyboard(' ');
    await waitFor(() => expect(screen.getByTestId('audit-count').textContent).toBe('240 events shown'));
  });

  it('shows a clear red state naming the first bad seq, and marks that event', async () => {
    renderWithApi(<AuditLogScreen />, auditApi(broken(57)));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Verification failed at seq 57.Reason: an entry was edited, removed or moved. Entries from seq 57 on cannot be trusted.');
    expect(alert.className).toBe('verify-failed');
    expect(screen.getByTestId('chain-badge').textContent).toBe('Chain broken at seq 57');
    const bad = await screen.findByRole('row', { name: 'seq 57: first bad entry' });
    expect(bad.className).toBe('audit-bad');
    expect(document.querySelectorAll('.audit-bad')).toHaveLength(1);
  });

  it('says the hub cannot be reached, for the verification and the lists alike', async () => {
    const api = new FakeApi();
    for (const m of ['audit.verify', 'audit.events', 'audit.checkpoints'] as const) api.overrides[m] = () => new FakeFailure('offline', 'The hub at http://127.0.0.1:1 cannot be reached.');
    renderWithApi(<AuditLogScreen />, api);
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(3));
    for (const alert of screen.getAllByRole('alert')) expect(alert.textContent).toContain('The hub cannot be reached.');
    expect(screen.getByTestId('chain-badge').textContent).toBe('Chain not verified: hub unreachable');
  });

  it('has no axe violations, verified or broken', async () => {
    for (const verify of [verified(), broken(57)]) {
      const { container, unmount } = renderWithApi(<AuditLogScreen />, auditApi(verify));
      await waitFor(() => expect(screen.getByTestId('audit-count').textContent).toBe('100 events shown, more on the hub'));
      await screen.findByTestId('latest-checkpoint');
      expect(await axeViolations(container)).toEqual([]);
      unmount();
    }
  });
});
