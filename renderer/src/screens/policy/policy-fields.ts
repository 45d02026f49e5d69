import { RoutingPolicy, type PolicyPatch } from '../../../../shared/index.ts';

type Field = { path: string; label: string } & ({ kind: 'number'; step: number; min: number; max: number } | { kind: 'choice'; options: readonly { value: string; label: string }[] });

/** The editable policy fields, grouped as the policy is; each path is the field's place in the policy and in a 422's details. */
export const POLICY_GROUPS: readonly { legend: string; fields: readonly Field[] }[] = [
  {
    legend: 'Calibration',
    fields: [
      { path: 'calibration.passMark', label: 'Pass mark (0 to 1)', kind: 'number', step: 0.01, min: 0, max: 1 },
      { path: 'calibration.measure', label: 'Measure', kind: 'choice', options: [{ value: 'exact', label: 'Exact agreement' }, { value: 'adjacent', label: 'Adjacent agreement' }] },
      { path: 'calibration.maxDiscrepancy', label: 'Largest allowed difference (levels)', kind: 'number', step: 1, min: 0, max: 6 },
      { path: 'calibration.itemsPerAttempt', label: 'Items per attempt', kind: 'number', step: 1, min: 1, max: 50 },
      { path: 'calibration.validityDays', label: 'Qualification lasts (days)', kind: 'number', step: 1, min: 1, max: 3650 },
      { path: 'calibration.retakeAfterHours', label: 'Retake after (hours)', kind: 'number', step: 1, min: 0, max: 8760 },
    ],
  },
  {
    legend: 'Validity items',
    fields: [
      { path: 'validity.rate', label: 'Share of live work (0 to 1)', kind: 'number', step: 0.01, min: 0, max: 1 },
      { path: 'validity.window', label: 'Drift judged over the last (reads)', kind: 'number', step: 1, min: 1, max: 1000 },
    ],
  },
  {
    legend: 'Double scoring',
    fields: [
      {
        path: 'doubleScoring.mode', label: 'Second reads', kind: 'choice',
        options: [{ value: 'none', label: 'None' }, { value: 'first_n', label: 'First n per assessor' }, { value: 'all', label: 'All' }, { value: 'sample', label: 'A sample' }],
      },
      { path: 'doubleScoring.n', label: 'n (first n)', kind: 'number', step: 1, min: 1, max: 1_000_000 },
      { path: 'doubleScoring.percent', label: 'Sample (percent)', kind: 'number', step: 1, min: 0, max: 100 },
      { path: 'doubleScoring.tolerance', label: 'Tolerance (levels)', kind: 'number', step: 1, min: 0, max: 6 },
      { path: 'doubleScoring.resolution', label: 'Resolution', kind: 'choice', options: [{ value: 'adjudication', label: 'Adjudication' }, { value: 'consensus', label: 'Consensus' }] },
      { path: 'doubleScoring.consensusDays', label: 'Consensus within (days)', kind: 'number', step: 1, min: 1, max: 365 },
    ],
  },
  { legend: 'Service level', fields: [{ path: 'slaDays', label: 'Review due within (days)', kind: 'number', step: 1, min: 1, max: 365 }] },
];

const ALL_FIELDS = POLICY_GROUPS.flatMap((g) => g.fields);

const read = (policy: RoutingPolicy, path: string): unknown =>
  path.split('.').reduce<unknown>((v, key) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), policy);

/** The form's values: one string per field, as typed. */
export function formValues(policy: RoutingPolicy): Record<string, string> {
  return Object.fromEntries(ALL_FIELDS.map((f) => [f.path, String(read(policy, f.path) ?? '')]));
}

/**
 * The whole policy the form describes, checked with the shared schema: the patch to send, or
 * the issues per field path. Parts the form does not edit (probation) are kept as they were.
 */
export function policyFromForm(current: RoutingPolicy, values: Record<string, string>): { patch: PolicyPatch } | { issues: Record<string, string> } {
  const next = structuredClone(current) as Record<string, unknown>;
  for (const f of ALL_FIELDS) {
    const raw = values[f.path] ?? '';
    const value = f.kind === 'number' ? (raw.trim() === '' ? Number.NaN : Number(raw)) : raw;
    const keys = f.path.split('.');
    const parent = keys.length === 1 ? next : (next[keys[0] as string] as Record<string, unknown>);
    parent[keys.at(-1) as string] = value;
  }
  const parsed = RoutingPolicy.safeParse(next);
  if (!parsed.success) return { issues: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message])) };
  const { calibration, validity, doubleScoring, slaDays } = parsed.data;
  return { patch: { calibration, validity, doubleScoring, slaDays } };
}

/** The form field a hub's 422 issue names: its path, or a field path it ends with (the hub may prefix "policy."). */
export function fieldOf(issuePath: string): string | null {
  return ALL_FIELDS.find((f) => issuePath === f.path || issuePath.endsWith(`.${f.path}`))?.path ?? null;
}
