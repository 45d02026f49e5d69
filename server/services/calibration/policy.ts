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
  return {
    list: () => ctx.query((repos) => repos.catalog.allMicroCredentials()),
    patch: (actor: string, id: string, patch: PolicyPatch): Promise<MicroCredential> => ctx.write(async (tx) => {
      const mc = await tx.repos.catalog.microCredential(id);
      if (!mc) throw notFound('micro-credential');
      const merged = deepMerge(mc.policy as unknown as Json, patch as Json);
      const policy = parseOr422(RoutingPolicy, merged, 'the policy');
      const next = MicroCredential.parse({ ...mc, policy });
      await tx.repos.catalog.updateMicroCredential(next);
      await tx.audit(actor, 'micro_credential.policy_changed', id, { old: mc.policy, new: next.policy, patch });
      return next;
    }),
  };
}

export type Policies = ReturnType<typeof createPolicies>;
