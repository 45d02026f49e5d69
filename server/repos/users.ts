import type { Role } from '../../shared/index.ts';
import { rolesContain, type Engine } from '../db/dialect.ts';
import type { Executor } from '../db/open.ts';

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
  db.selectFrom('qualifications').select(['micro_credential_id as microCredentialId', 'calibrated_until as calibratedUntil'])
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
    /** Every qualification of these users for one micro-credential (routing reads them together). */
    async qualifiedUntil(userIds: readonly string[], microCredentialId: string): Promise<Map<string, string>> {
      if (userIds.length === 0) return new Map();
      const rows = await db.selectFrom('qualifications').select(['user_id', 'calibrated_until'])
        .where('micro_credential_id', '=', microCredentialId).where('user_id', 'in', [...userIds]).execute();
      return new Map(rows.map((r) => [r.user_id, r.calibrated_until]));
    },
    async qualification(userId: string, microCredentialId: string): Promise<string | undefined> {
      const r = await db.selectFrom('qualifications').select('calibrated_until').where('user_id', '=', userId).where('micro_credential_id', '=', microCredentialId).executeTakeFirst();
      return r?.calibrated_until;
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
