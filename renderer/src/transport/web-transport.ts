import type { MethodInput, MethodName, MethodOutput, Result, WorkstationApi, WorkstationEvent } from '../../../shared/index.ts';

const TOKEN_KEY = 'assay.webToken';

/**
 * Reads the web host's token once: from ?token= on first load (then kept in sessionStorage
 * and removed from the address bar so it is not bookmarked or shared), else from storage.
 */
export function takeToken(location: Location, storage: Storage, history: History): string | null {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    storage.setItem(TOKEN_KEY, fromUrl);
    url.searchParams.delete('token');
    history.replaceState(history.state, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(TOKEN_KEY);
}

const offline = (message: string): Result<never> => ({ ok: false, error: { code: 'offline', message } });

/** The Workstation API over the web host: POST /api/{method} and server-sent events. */
export function createWebTransport(token: string | null = takeToken(window.location, window.sessionStorage, window.history)): WorkstationApi {
  const listeners = new Set<(event: WorkstationEvent) => void>();
  let source: EventSource | null = null;

  const openEvents = () => {
    // The host's HttpOnly cookie authenticates EventSource (which cannot send headers).
    source = new EventSource('/api/events');
    source.onmessage = (message) => {
      let event: WorkstationEvent;
      try {
        event = JSON.parse(String(message.data)) as WorkstationEvent;
      } catch {
        return;
      }
      for (const listener of listeners) listener(event);
    };
  };

  return {
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<Result<MethodOutput<M>>> {
      let response: Response;
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify(input),
        });
      } catch {
        return offline('The workstation host is not reachable.');
      }
      try {
        return (await response.json()) as Result<MethodOutput<M>>;
      } catch {
        return { ok: false, error: { code: 'bad_host_response', message: `The workstation host answered HTTP ${response.status} without a result.` } };
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!source) openEvents();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}

declare global {
  interface Window {
    assay?: WorkstationApi;
  }
}

/** Electron's preload injects window.assay; a browser gets the web transport. Chosen once. */
export function pickTransport(): WorkstationApi {
  return window.assay ?? createWebTransport();
}
