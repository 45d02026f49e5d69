import type { QualificationState, Role } from '../../shared/index.ts';
import { rolesContain, type Engine } from '../db/dialect.ts';
import type { Executor } from '../db/open.ts';

/** A qualification as stored: the date, a drift suspension, and where the validity window starts. */
export type QualificationStanding = { calibratedUntil: string; suspendedAt: string | null; windowFrom: string | null };

export function qualificationState(q: { calibratedUntil: string; suspendedAt: string | null }, now: Date): QualificationState {
  if (q.suspendedAt !== null) return 'suspended';
  return Date.parse(q.calibratedUntil) > now.getTime() ? 'current' : 'expired';
}

export type UserRecord = {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  active: boolean;
  school: string | null;
  district: string | null;
  passwordHash: string;
  demo: boolean;
};

const COLUMNS = ['id', 'username', 'display_name as displayName', 'roles', 'active', 'school', 'district', 'password_hash as passwordHash', 'demo'] as const;

type UserRow = Omit<UserRecord, 'roles' | 'active' | 'demo'> & { roles: string; active: number; demo: number };

const toUser = (r: UserRow): UserRecord => ({ ...r, roles: JSON.parse(r.roles) as Role[], active: Number(r.active) === 1, demo: Number(r.demo) === 1 });

/** A user's qualifications in micro-credential order: a subquery of changes.ts. */
export const qualificationsQuery = (db: Executor, userId: string) =>
  db.selectFrom('qualifications').select(['micro_credential_id as microCredentialId', 'calibrated_until as calibratedUntil', 'suspended_at as suspendedAt'])
    .where('user_id', '=', userId).orderBy('micro_credential_id');

/** Accounts and their qualifications (assessor × micro-credential, calibrated until). */
export function createUsersRepo(db: Executor, engine: Engine) {
  const select = () => db.selectFrom('users').select(COLUMNS);
  return {
    async insert(u: UserRecord): Promise<void> {
      await db.insertInto('users').values({
        id: u.id, username: u.username, display_name: u.displayName, roles: JSON.stringify(u.roles), active: u.active ? 1 : 0,
        school: u.school, district: u.district, password_hash: u.passwordHash, demo: u.demo ? 1 : 0,
      }).execute();
    },
    async byUsername(username: string): Promise<UserRecord | undefined> {
      const r = await select().where('username', '=', username).executeTakeFirst();
      return r && toUser(r);
    },
    async byId(id: string): Promise<UserRecord | undefined> {
      const r = await select().where('id', '=', id).executeTakeFirst();
      return r && toUser(r);
    },
    async withRole(role: Role): Promise<UserRecord[]> {
      return (await select().where(rolesContain(engine, role)).orderBy('username').execute()).map(toUser);
    },
    async setActive(id: string, active: boolean): Promise<void> {
      await db.updateTable('users').set({ active: active ? 1 : 0 }).where('id', '=', id).execute();
    },
    async count(): Promise<number> {
      const r = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(r.n);
    },
    async setQualification(userId: string, microCredentialId: string, calibratedUntil: string): Promise<void> {
      await db.insertInto('qualifications').values({ user_id: userId, micro_credential_id: microCredentialId, calibrated_until: calibratedUntil })
        .onConflict((oc) => oc.columns(['user_id', 'micro_credential_id']).doUpdateSet((eb) => ({ calibrated_until: eb.ref('excluded.calibrated_until') })))
        .execute();
    },
    /** Every standing of these users for one micro-credential (routing reads them together). */
    async standings(userIds: readonly string[], microCredentialId: string): Promise<Map<string, QualificationStanding>> {
      if (userIds.length === 0) return new Map();
      const rows = await db.selectFrom('qualifications').select(['user_id', 'calibrated_until', 'suspended_at', 'window_from'])
        .where('micro_credential_id', '=', microCredentialId).where('user_id', 'in', [...userIds]).execute();
      return new Map(rows.map((r) => [r.user_id, { calibratedUntil: r.calibrated_until, suspendedAt: r.suspended_at, windowFrom: r.window_from }]));
    },
    async standing(userId: string, microCredentialId: string): Promise<QualificationStanding | undefined> {
      return (await this.standings([userId], microCredentialId)).get(userId);
    },
    /** Drift: no live work for this micro-credential until a passed attempt. */
    async suspend(userId: string, microCredentialId: string, at: string): Promise<void> {
      await db.updateTable('qualifications').set({ suspended_at: at }).where('user_id', '=', userId).where('micro_credential_id', '=', microCredentialId).execute();
    },
    /** A passed attempt: calibrated until the new date, any suspension lifted, the validity window starting afresh. */
    async requalify(userId: string, microCredentialId: string, calibratedUntil: string, at: string): Promise<void> {
      await db.insertInto('qualifications').values({ user_id: userId, micro_credential_id: microCredentialId, calibrated_until: calibratedUntil, suspended_at: null, window_from: at })
        .onConflict((oc) => oc.columns(['user_id', 'micro_credential_id']).doUpdateSet({ calibrated_until: calibratedUntil, suspended_at: null, window_from: at }))
        .execute();
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
