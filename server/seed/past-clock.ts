import type { HubDb, Trx } from '../db/open.ts';
import { createContext, type HubContext } from '../services/context.ts';
import { createServices, type Services } from '../services/index.ts';

/** The hub's whole service graph on a clock the seeder moves forward, for work that happened in the past. */
export type PastClock = {
  ctx: HubContext;
  services: Services;
  now(): number;
  advanceTo(ms: number): void;
  /**
   * Runs `fn` in one write transaction: every service call inside it (each its own `write`,
   * `read` or `query` as usual) joins that transaction, so a thousand seeding steps commit
   * once instead of a thousand times. Nothing else may use the database meanwhile.
   */
  batch<T>(fn: () => Promise<T>): Promise<T>;
};

/**
 * Seeded past work runs through the live services, so routing, validity draws, double
 * scoring and the audit log are what a hub that ran then would hold. The clock only moves
 * forward, keeping the audit log in time order. It never issues credentials: no signer.
 */
export function pastClock(ctx: HubContext, start: number): PastClock {
  let clock = start;
  let open: Trx | null = null;
  const real = ctx.db;
  // Single statements (ctx.query) go to the open batch too: on SQLite the batch holds the one connection.
  const kysely = new Proxy(real.kysely, {
    get(target, key) {
      const on = open ?? target;
      const value: unknown = Reflect.get(on, key, on);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(on) : value;
    },
  });
  const db: HubDb = {
    ...real,
    kysely,
    write: (fn) => (open ? fn(open) : real.write(fn)),
    read: (fn) => (open ? fn(open) : real.read(fn)),
  };
  const past = createContext({ ...ctx, db, now: () => new Date(clock) });
  const services = createServices(past, { issuer: { id: 'urn:assay:seed', name: 'seed', url: 'https://issuer.assay.example/' }, signer: new Promise(() => undefined) });
  return {
    ctx: past,
    services,
    now: () => clock,
    advanceTo: (ms) => {
      clock = Math.max(clock, ms);
    },
    batch: (fn) => real.write(async (trx) => {
      open = trx;
      try {
        return await fn();
      } finally {
        open = null;
      }
    }),
  };
}

/** The context with its clock fixed at `ms`, for one seeding step. */
export const contextAt = (ctx: HubContext, ms: number): HubContext => createContext({ ...ctx, now: () => new Date(ms) });
