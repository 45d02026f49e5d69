import { createContext, type HubContext } from '../services/context.ts';
import { createServices, type Services } from '../services/index.ts';

/** The hub's whole service graph on a clock the seeder moves forward, for work that happened in the past. */
export type PastClock = { ctx: HubContext; services: Services; now(): number; advanceTo(ms: number): void };

/**
 * Seeded past work runs through the live services, so routing, validity draws, double
 * scoring and the audit log are what a hub that ran then would hold. The clock only moves
 * forward, keeping the audit log in time order. It never issues credentials: no signer.
 */
export function pastClock(ctx: HubContext, start: number): PastClock {
  let clock = start;
  const past = createContext({ ...ctx, now: () => new Date(clock) });
  const services = createServices(past, { issuer: { id: 'urn:assay:seed', name: 'seed', url: 'https://issuer.assay.example/' }, signer: new Promise(() => undefined) });
  return { ctx: past, services, now: () => clock, advanceTo: (ms) => { clock = Math.max(clock, ms); } };
}

/** The context with its clock fixed at `ms`, for one seeding step. */
export const contextAt = (ctx: HubContext, ms: number): HubContext => createContext({ ...ctx, now: () => new Date(ms) });
