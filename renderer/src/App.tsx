import { useEffect, useState } from 'react';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider, useQueryClient } from '@tanstack/react-query';
import type { Role, WorkstationApi } from '../../shared/index.ts';
import { ApiError, isSessionEnded } from './api/api-error.ts';
import { ApiProvider } from './api/ApiContext.tsx';
import { StatusBar } from './components/common/StatusBar.tsx';
import { useApiMutation, useApiQuery } from './hooks/useApiQuery.ts';
import { useWorkstationEvents } from './hooks/useWorkstationEvents.ts';
import { MediaSlotContext, type MediaSlot } from './media/media-controller.ts';
import { useRoute } from './router.ts';
import { allows, SCREENS, screenFor } from './screens/index.tsx';
import { SignInScreen } from './screens/sign-in/SignIn.tsx';

type SessionWatch = { ended: boolean; listeners: Set<() => void> };

function makeClient(watch: SessionWatch): QueryClient {
  const onError = (error: unknown) => {
    if (isSessionEnded(error) && !watch.ended) {
      watch.ended = true;
      for (const l of watch.listeners) l();
    }
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError: (error, _variables, _context, mutation) => mutation.options.mutationKey?.[0] !== 'session.signIn' && onError(error) }),
    defaultOptions: {
      // API errors are answers, not glitches: retrying them only delays the message.
      queries: { retry: (count, error) => !(error instanceof ApiError) && count < 2, refetchOnWindowFocus: false },
    },
  });
}

/** Signed out: no roles (one array, so effects that depend on the roles do not rerun on every render). */
const NO_ROLES: readonly Role[] = [];

function Shell({ watch }: { watch: SessionWatch }) {
  useWorkstationEvents();
  const client = useQueryClient();
  const session = useApiQuery('session.status', {});
  const signOut = useApiMutation('session.signOut');
  const [route, navigate] = useRoute();
  const [ended, setEnded] = useState(watch.ended);
  const [slot] = useState<MediaSlot>(() => ({ current: null }));
  useEffect(() => {
    const markEnded = () => setEnded(true);
    watch.listeners.add(markEnded);
    return () => {
      watch.listeners.delete(markEnded);
    };
  }, [watch]);

  const signedIn = Boolean(session.data?.signedIn) && !ended;
  const roles = session.data?.user?.roles ?? NO_ROLES;
  useEffect(() => {
    if (signedIn) for (const s of SCREENS) if (s.prewarm && allows(s, roles)) s.prewarm();
  }, [signedIn, roles]);
  const onSignedIn = () => {
    watch.ended = false;
    setEnded(false);
    void client.invalidateQueries();
    // Land on the signed-in user's first screen (the table's first they may see).
    window.location.hash = '';
  };
  const doSignOut = () => signOut.mutate({}, { onSuccess: () => void client.resetQueries() });

  let screen;
  let current: string | undefined;
  if (session.isPending) screen = <p className="loading">Starting…</p>;
  else if (session.error && !ended) screen = <p role="alert" className="error">The workstation is not answering: {session.error.message}</p>;
  else if (!signedIn) screen = <SignInScreen session={session.data} expired={ended} onSignedIn={onSignedIn} />;
  else {
    const { entry, id } = screenFor(route, roles);
    current = entry.under ?? entry.name;
    screen = entry.render({ id, navigate });
  }

  return (
    <MediaSlotContext.Provider value={slot}>
      <div className="app">
        <a href="#main" className="skip-link" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus(); }}>Skip to content</a>
        <header className="app-header">
          <span className="brand">Assay</span>
          {signedIn && (
            <nav aria-label="Main">
              {SCREENS.filter((s) => s.navLabel !== undefined && allows(s, roles)).map((s) => (
                <button key={s.name} type="button" aria-current={current === s.name || undefined} onClick={() => navigate({ name: s.name })}>{s.navLabel}</button>
              ))}
            </nav>
          )}
          {signedIn && session.data?.user && (
            <div className="user">
              <span>{session.data.user.displayName}</span>
              <button type="button" onClick={doSignOut}>Sign out</button>
            </div>
          )}
        </header>
        <main id="main" tabIndex={-1}>{screen}</main>
        <StatusBar signedIn={signedIn} />
      </div>
    </MediaSlotContext.Provider>
  );
}

/** The whole UI for one Workstation API, whichever transport carries it. */
export function App({ api }: { api: WorkstationApi }) {
  const [watch] = useState<SessionWatch>(() => ({ ended: false, listeners: new Set() }));
  const [client] = useState(() => makeClient(watch));
  return (
    <ApiProvider api={api}>
      <QueryClientProvider client={client}>
        <Shell watch={watch} />
      </QueryClientProvider>
    </ApiProvider>
  );
}
