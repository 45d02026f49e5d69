import { useState, type FormEvent } from 'react';
import type { SessionStatus } from '../../../../shared/index.ts';
import type { ApiError } from '../../api/api-error.ts';
import { useApiMutation, useApiQuery } from '../../hooks/useApiQuery.ts';

type Props = { session: SessionStatus | undefined; expired: boolean; onSignedIn(): void };

/** Plain words for the ways signing in goes wrong. */
export function signInMessage(error: ApiError, hubUrl: string): string {
  switch (error.code) {
    case 'unauthorized':
    case 'invalid_credentials':
      return 'Wrong username or password.';
    case 'offline':
      return `Cannot reach the hub at ${hubUrl}. Check the address and your network connection.`;
    case 'invalid':
      return `Check the form: ${error.message}`;
    default:
      return error.message;
  }
}

export function SignInScreen({ session, expired, onSignedIn }: Props) {
  const settings = useApiQuery('settings.get', {});
  const signIn = useApiMutation('session.signIn');
  const demo = session?.demo ?? null;
  // The address is suggested until the assessor edits it (clearing it too is an edit). The
  // demo hub comes first: it gets a new port every run, so a remembered address is stale.
  const suggestedHubUrl = demo?.hubUrl ?? session?.hubUrl ?? settings.data?.hubUrl ?? '';
  const [typedHubUrl, setTypedHubUrl] = useState<string | null>(null);
  const hubUrl = typedHubUrl ?? suggestedHubUrl;
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');

  const go = (input: { hubUrl: string; username: string; password: string }) => {
    signIn.mutate(input, { onSuccess: onSignedIn });
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    go({ hubUrl: hubUrl.trim(), username: username.trim(), password });
  };

  return (
    <div className="signin">
      <h1>Sign in to Assay</h1>
      {expired && !signIn.error && <p role="alert" className="notice">Your session has expired. Sign in again to continue; your drafts are kept on this device.</p>}
      <form onSubmit={submit} className="signin-form" aria-describedby={signIn.error ? 'signin-error' : undefined}>
        <div className="field">
          <label htmlFor="hub">Hub address</label>
          <input id="hub" type="url" required autoComplete="url" value={hubUrl} onChange={(e) => setTypedHubUrl(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="username">Username</label>
          <input id="username" required autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input id="password" type="password" required autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </div>
        {signIn.error && <p id="signin-error" role="alert" className="error">{signInMessage(signIn.error, hubUrl)}</p>}
        <button type="submit" className="primary" disabled={signIn.isPending}>{signIn.isPending ? 'Signing in…' : 'Sign in'}</button>
      </form>
      {demo && (
        <section className="demo-accounts" aria-labelledby="demo-title">
          <h2 id="demo-title">Demo accounts</h2>
          <ul>
            {demo.accounts.map((account) => (
              <li key={account.username}>
                <button type="button" disabled={signIn.isPending} onClick={() => go({ hubUrl: demo.hubUrl, username: account.username, password: account.password })}>
                  Sign in as {account.label}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
