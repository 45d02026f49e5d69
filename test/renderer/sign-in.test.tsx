import './support/cleanup.ts';
import { describe, expect, it } from 'vitest';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { App } from '../../renderer/src/App.tsx';
import { FakeApi, FakeFailure } from './support/fake-api.ts';

const signedOut = { signedIn: false, user: null, hubUrl: null, demo: null };
const user = { id: 'u-ana', displayName: 'Ana Assessor', roles: ['assessor'] };

function appWith(api: FakeApi) {
  window.location.hash = '#/queue';
  render(<App api={api} />);
}

describe('sign in', () => {
  it('says plainly when the password is wrong or the hub cannot be reached', async () => {
    const api = new FakeApi();
    api.overrides['session.status'] = () => signedOut;
    api.overrides['session.signIn'] = (input) =>
      input.hubUrl === 'http://hub.invalid:1'
        ? new FakeFailure('offline', 'Cannot reach the hub at http://hub.invalid:1 (unreachable)')
        : new FakeFailure('unauthorized', 'bad credentials');
    appWith(api);
    const u = userEvent.setup();
    await u.type(await screen.findByLabelText('Hub address'), 'http://hub.example:8080');
    await u.type(screen.getByLabelText('Username'), 'ana');
    await u.type(screen.getByLabelText('Password'), 'nope');
    await u.click(screen.getByRole('button', { name: 'Sign in' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Wrong username or password.');
    await u.clear(screen.getByLabelText('Hub address'));
    await u.type(screen.getByLabelText('Hub address'), 'http://hub.invalid:1');
    await u.click(screen.getByRole('button', { name: 'Sign in' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Cannot reach the hub at http://hub.invalid:1. Check the address and your network connection.'));
    expect(screen.getByRole('status', { name: 'Workstation status' }).textContent).toContain('Signed out');
  });

  it('offers one-click demo accounts under --demo', async () => {
    const api = new FakeApi();
    let signedIn = false;
    api.overrides['session.status'] = () => (signedIn
      ? { signedIn: true, user, hubUrl: 'http://127.0.0.1:5000', demo: null }
      : { ...signedOut, demo: { hubUrl: 'http://127.0.0.1:5000', accounts: [{ username: 'assessor1', password: 'demo', label: 'Demo Assessor 1' }] } });
    api.overrides['session.signIn'] = () => {
      signedIn = true;
      return { user, hubUrl: 'http://127.0.0.1:5000' };
    };
    api.overrides['queue.list'] = () => ({ items: [], total: 0, microCredentials: [] });
    appWith(api);
    await userEvent.setup().click(await screen.findByRole('button', { name: 'Sign in as Demo Assessor 1' }));
    expect(await screen.findByRole('heading', { name: 'Assignments' })).toBeTruthy();
    expect(api.calls.find((c) => c.method === 'session.signIn')?.input).toEqual({ hubUrl: 'http://127.0.0.1:5000', username: 'assessor1', password: 'demo' });
  });

  it('sends the assessor back to sign in with a clear message when the token has expired', async () => {
    const api = new FakeApi();
    api.overrides['session.status'] = () => ({ signedIn: true, user, hubUrl: 'http://127.0.0.1:5000', demo: null });
    api.overrides['queue.list'] = () => new FakeFailure('unauthorized', 'token expired');
    appWith(api);
    expect((await screen.findByRole('alert')).textContent).toContain('Your session has expired. Sign in again');
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('prefills the hub address from the last sign-in, and leaves it alone once the assessor edits it', async () => {
    const api = new FakeApi();
    api.overrides['session.status'] = () => ({ ...signedOut, hubUrl: 'https://hub.example.org/' });
    appWith(api);
    const field = await screen.findByLabelText<HTMLInputElement>('Hub address');
    await waitFor(() => expect(field.value).toBe('https://hub.example.org/'));
    const u = userEvent.setup();
    await u.clear(field);
    expect(field.value).toBe('');
    await u.type(field, 'http://other.example:9000');
    expect(field.value).toBe('http://other.example:9000');
  });

  it('prefers the demo hub under --demo over an address remembered from an earlier run', async () => {
    const api = new FakeApi();
    api.overrides['session.status'] = () => ({
      ...signedOut,
      hubUrl: 'http://127.0.0.1:41000',
      demo: { hubUrl: 'http://127.0.0.1:5000', accounts: [{ username: 'assessor1', password: 'demo', label: 'Demo Assessor 1' }] },
    });
    appWith(api);
    const field = await screen.findByLabelText<HTMLInputElement>('Hub address');
    await waitFor(() => expect(field.value).toBe('http://127.0.0.1:5000'));
  });

  it('falls back to the saved settings, and to an empty field when nothing is known', async () => {
    const remembered = new FakeApi({ settings: { hubUrl: 'https://saved.example.org' } });
    remembered.overrides['session.status'] = () => signedOut;
    appWith(remembered);
    await waitFor(() => expect(screen.getByLabelText<HTMLInputElement>('Hub address').value).toBe('https://saved.example.org'));
    cleanup();

    const fresh = new FakeApi();
    fresh.overrides['session.status'] = () => signedOut;
    appWith(fresh);
    const field = await screen.findByLabelText<HTMLInputElement>('Hub address');
    await waitFor(() => expect(fresh.calls.some((c) => c.method === 'settings.get')).toBe(true));
    expect(field.value).toBe('');
  });
});
