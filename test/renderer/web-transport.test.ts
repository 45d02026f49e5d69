import { afterEach, describe, expect, it, vi } from 'vitest';
import { createWebTransport, takeToken } from '../../renderer/src/transport/web-transport.ts';

describe('web transport', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    sessionStorage.clear();
  });

  it('takes the token from ?token= once, keeps it in sessionStorage and removes it from the address', () => {
    window.history.replaceState(null, '', '/?token=abcdefghijklmnop0123&x=1#/review/a1');
    expect(takeToken(window.location, sessionStorage, window.history)).toBe('abcdefghijklmnop0123');
    expect(window.location.search).toBe('?x=1');
    expect(window.location.hash).toBe('#/review/a1');
    expect(takeToken(window.location, sessionStorage, window.history)).toBe('abcdefghijklmnop0123');
  });

  it('posts to /api/{method} with the bearer token and returns the envelope', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ok: true, value: { pending: 2, failed: 0 } })));
    vi.stubGlobal('fetch', fetchMock);
    const api = createWebTransport('tok-1234567890abcdef');
    expect(await api.call('outbox.status', {})).toEqual({ ok: true, value: { pending: 2, failed: 0 } });
    expect(fetchMock).toHaveBeenCalledWith('/api/outbox.status', expect.objectContaining({
      method: 'POST',
      body: '{}',
      headers: expect.objectContaining({ Authorization: 'Bearer tok-1234567890abcdef' }),
    }));
  });

  it('answers "offline" when the host cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => {
      throw new TypeError('Failed to fetch');
    }));
    const result = await createWebTransport('tok-1234567890abcdef').call('sync.status', {});
    expect(result).toEqual({ ok: false, error: { code: 'offline', message: 'The workstation host is not reachable.' } });
  });
});
