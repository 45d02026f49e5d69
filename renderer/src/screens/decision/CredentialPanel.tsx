import type { DecisionSummary } from '../../../../shared/index.ts';
import { HubError } from '../../components/staff/HubError.tsx';
import { saveFile } from '../../components/staff/save-file.ts';
import { useApiQuery } from '../../hooks/useApiQuery.ts';

/** The hub's refusals, in the words staff need: why there is no credential to issue. */
const REFUSALS: Record<string, string> = {
  not_earned: 'No credential: the decision is “not yet”, so the micro-credential has not been earned.',
  not_final: 'No credential yet: the decision is pending resolution.',
  no_recipient: 'No credential: intake gave no recipient for this candidate, so there is no one to issue it to.',
};

type Props = { submissionId: string; decision: DecisionSummary | null };

/** The Open Badges 3.0 credential of an earned decision, as JSON and as its VC-JWT. */
export function CredentialPanel({ submissionId, decision }: Props) {
  const credential = useApiQuery('staff.credential', { submissionId }, { enabled: decision !== null, staleTime: Infinity });
  const base = `credential-${submissionId}`;
  let body;
  if (decision === null) body = <p className="notice notice-warn" role="status">{REFUSALS.not_final}</p>;
  else if (credential.isPending) body = <p className="muted">Preparing the credential…</p>;
  else if (credential.error) {
    const refusal = REFUSALS[credential.error.code];
    body = refusal
      ? <p className="notice notice-warn" role="status" data-code={credential.error.code}>{refusal}</p>
      : <HubError error={credential.error} what="the credential" onRetry={() => void credential.refetch()} />;
  } else {
    const { credential: json, jwt } = credential.data;
    body = (
      <div className="credential-actions">
        <button type="button" onClick={() => saveFile(`${JSON.stringify(json, null, 2)}\n`, `${base}.json`, 'application/json')}>Download JSON</button>
        <button type="button" onClick={() => saveFile(jwt, `${base}.jwt`, 'application/jwt')}>Download JWT</button>
        <p className="hint">An Open Badges 3.0 credential; the JWT is the same credential signed with the issuer’s key.</p>
      </div>
    );
  }
  return (
    <section className="pane staff-section" aria-labelledby="credential-title">
      <h2 id="credential-title">Credential</h2>
      {body}
    </section>
  );
}
