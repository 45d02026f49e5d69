import { useState } from 'react';
import type { MicroCredential } from '../../../../shared/index.ts';
import { useApiMutation, useApiQuery } from '../../hooks/useApiQuery.ts';
import { fieldOf, formValues, policyFromForm, POLICY_GROUPS } from './policy-fields.ts';

type Issue = { path: string; message: string };

const hubIssues = (details: unknown): Issue[] =>
  Array.isArray(details) ? details.filter((d): d is Issue => typeof d?.path === 'string' && typeof d?.message === 'string') : [];

function PolicyForm({ microCredential }: { microCredential: MicroCredential }) {
  const [values, setValues] = useState(() => formValues(microCredential.policy));
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useApiMutation('policy.update', ['policy.list']);
  const fromHub = hubIssues(save.error?.details);
  const errors: Record<string, string> = { ...local };
  const unplaced: Issue[] = [];
  for (const issue of fromHub) {
    const field = fieldOf(issue.path);
    if (field) errors[field] = issue.message;
    else unplaced.push(issue);
  }
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const built = policyFromForm(microCredential.policy, values);
    if ('issues' in built) {
      setLocal(built.issues);
      return;
    }
    setLocal({});
    save.mutate({ microCredentialId: microCredential.id, patch: built.patch });
  };
  return (
    <form className="policy-form" onSubmit={submit} noValidate aria-label={`Policy of ${microCredential.title}`}>
      {POLICY_GROUPS.map((group) => (
        <fieldset key={group.legend}>
          <legend>{group.legend}</legend>
          {group.fields.map((f) => {
            const id = `policy-${f.path.replace('.', '-')}`;
            const error = errors[f.path];
            const common = {
              id, value: values[f.path] ?? '', 'aria-invalid': error ? true : undefined, 'aria-describedby': error ? `${id}-error` : undefined,
              onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues((v) => ({ ...v, [f.path]: e.target.value })),
            };
            return (
              <div className="field" key={f.path}>
                <label htmlFor={id}>{f.label}</label>
                {f.kind === 'number'
                  ? <input type="number" inputMode="decimal" step={f.step} min={f.min} max={f.max} {...common} />
                  : <select {...common}>{f.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}</select>}
                {error && <p id={`${id}-error`} className="field-error">{error}</p>}
              </div>
            );
          })}
        </fieldset>
      ))}
      {(Object.keys(local).length > 0 || fromHub.length > 0) && <p role="alert" className="error">Some values are not valid; see the marked fields.</p>}
      {save.error && fromHub.length === 0 && <p role="alert" className="error">Could not save the policy: {save.error.message}</p>}
      {unplaced.map((i) => <p key={i.path} role="alert" className="error">{i.path}: {i.message}</p>)}
      {save.isSuccess && <p role="status">Saved. The policy applies to work that arrives from now on.</p>}
      <button type="submit" className="primary" disabled={save.isPending}>{save.isPending ? 'Saving…' : 'Save policy'}</button>
    </form>
  );
}

/** Staff: each micro-credential's calibration, validity, double-scoring and service-level policy. */
export function PolicyScreen() {
  const list = useApiQuery('policy.list', {});
  const mcs = list.data?.microCredentials ?? [];
  const [chosen, setChosen] = useState<string | null>(null);
  const microCredential = mcs.find((m) => m.id === chosen) ?? mcs[0];
  return (
    <div className="policy">
      <div className="screen-head"><h1>Policy</h1></div>
      {list.error && <p role="alert" className="error">Could not read the policies: {list.error.message}</p>}
      {mcs.length > 0 && (
        <div className="field">
          <label htmlFor="policy-mc">Micro-credential</label>
          <select id="policy-mc" value={microCredential?.id ?? ''} onChange={(e) => setChosen(e.target.value)}>
            {mcs.map((m) => <option key={m.id} value={m.id}>{m.title}</option>)}
          </select>
        </div>
      )}
      {microCredential && <PolicyForm key={microCredential.id} microCredential={microCredential} />}
    </div>
  );
}
