import { MicroCredential, RoutingPolicy, type PolicyPatch } from '../../../shared/index.ts';
import { notFound, parseOr422 } from '../../http/errors.ts';
import type { HubContext } from '../context.ts';

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Objects merge key by key, at any depth; anything else (numbers, strings, arrays, null) replaces. */
function deepMerge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = isObject(v) && isObject(base[k]) ? deepMerge(base[k], v) : v;
  return out;
}

/**
 * Micro-credential policies: read by staff and master raters, changed by staff. A change
 * is merged into the current policy, validated whole, audited with the old and new values,
 * and read by everything that runs afterwards (routing, calibration, validity seeding).
 */
export function createPolicies(ctx: HubContext) {
  const change = (actor: string, id: string, patch: PolicyPatch, next: (current: Json) => Json): Promise<MicroCredential> => ctx.write(async (tx) => {
    const mc = await tx.repos.catalog.microCredential(id);
    if (!mc) throw notFound('micro-credential');
    const policy = parseOr422(RoutingPolicy, next(mc.policy as unknown as Json), 'the policy');
    const updated = MicroCredential.parse({ ...mc, policy });
    await tx.repos.catalog.updateMicroCredential(updated);
    await tx.audit(actor, 'micro_credential.policy_changed', id, { old: mc.policy, new: updated.policy, patch });
    return updated;
  });
  return {
    list: () => ctx.query((repos) => repos.catalog.allMicroCredentials()),
    patch: (actor: string, id: string, patch: PolicyPatch): Promise<MicroCredential> => change(actor, id, patch, (current) => deepMerge(current, patch as Json)),
    /**
     * Sets a whole policy back to one read earlier (the demo history restoring the manifest's):
     * a patch cannot remove an optional key such as `doubleScoring.seed`. Audited like a patch.
     */
    restore: (actor: string, id: string, policy: MicroCredential['policy']): Promise<MicroCredential> => change(actor, id, policy as PolicyPatch, () => policy as unknown as Json),
  };
}

export type Policies = ReturnType<typeof createPolicies>;
