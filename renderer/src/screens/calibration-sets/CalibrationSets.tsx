import { useState } from 'react';
import type { CalibrationSet } from '../../../../shared/index.ts';
import { formatDate } from '../../format.ts';
import { useApiMutation, useApiQuery } from '../../hooks/useApiQuery.ts';
import { SetResults } from './SetResults.tsx';

function SetCard({ set }: { set: CalibrationSet }) {
  const publish = useApiMutation('calibration.publish', ['calibration.sets']);
  const scored = set.items.filter((i) => i.masterScored).length;
  const headingId = `set-${set.id}`;
  const notReady = publish.error?.code === 'not_ready';
  return (
    <li className="standing" aria-labelledby={headingId}>
      <h3 id={headingId}>{set.title}</h3>
      <p>
        {set.state === 'published' ? `Published${set.publishedAt ? ` on ${formatDate(set.publishedAt)}` : ''}` : 'Draft'} ·{' '}
        {scored} of {set.items.length} {set.items.length === 1 ? 'item' : 'items'} master-scored
      </p>
      <ul>
        {set.items.map((item) => (
          <li key={item.submissionId}>Submission {item.submissionId}: {item.masterScored ? 'master score in' : 'waiting for its master score'}</li>
        ))}
      </ul>
      {set.state === 'draft' && (
        <button type="button" className="primary" disabled={publish.isPending} onClick={() => publish.mutate({ setId: set.id })}>
          {publish.isPending ? 'Publishing…' : 'Publish'}
        </button>
      )}
      {publish.error && (
        <p role="alert" className="error">
          {notReady ? `Not ready to publish: every item needs a master score first (${scored} of ${set.items.length} have one).` : `Could not publish: ${publish.error.message}`}
        </p>
      )}
    </li>
  );
}

/** A master rater's calibration sets per micro-credential, publishing, and how assessors fare against them. */
export function CalibrationSetsScreen() {
  const mcs = useApiQuery('policy.list', {});
  const list = mcs.data?.microCredentials ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const microCredential = list.find((m) => m.id === chosen) ?? list[0];
  const id = microCredential?.id ?? '';
  const sets = useApiQuery('calibration.sets', { microCredentialId: id }, { enabled: id !== '' });
  const attempts = useApiQuery('calibration.attempts', { microCredentialId: id }, { enabled: id !== '' });
  return (
    <div className="calibration-sets">
      <div className="screen-head"><h1>Calibration sets</h1></div>
      {mcs.error && <p role="alert" className="error">Could not read the micro-credentials: {mcs.error.message}</p>}
      {list.length > 0 && (
        <div className="field">
          <label htmlFor="cs-mc">Micro-credential</label>
          <select id="cs-mc" value={id} onChange={(e) => setChosen(e.target.value)}>
            {list.map((m) => <option key={m.id} value={m.id}>{m.title}</option>)}
          </select>
        </div>
      )}
      {sets.error && <p role="alert" className="error">Could not read the sets: {sets.error.message}</p>}
      {sets.data && sets.data.sets.length === 0 && <p className="empty">No calibration sets for this micro-credential yet.</p>}
      <ul className="standing-list" aria-label="Sets">
        {(sets.data?.sets ?? []).map((s) => <SetCard key={s.id} set={s} />)}
      </ul>
      {attempts.error && <p role="alert" className="error">Could not read the attempts: {attempts.error.message}</p>}
      {microCredential && attempts.data && <SetResults microCredentialId={id} attempts={attempts.data.attempts} policy={microCredential.policy.calibration} />}
    </div>
  );
}
