import type { Qualification, Role } from '../../shared/index.ts';
import type { Db } from '../db/open.ts';

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

type UserRow = Omit<UserRecord, 'roles' | 'active' | 'demo'> & { roles: string; active: number; demo: number };

const COLUMNS = 'id, username, display_name AS displayName, roles, active, school, district, password_hash AS passwordHash, demo';

const toUser = (r: UserRow): UserRecord => ({ ...r, roles: JSON.parse(r.roles) as Role[], active: r.active === 1, demo: r.demo === 1 });

/** Accounts and their qualifications (assessor × micro-credential, calibrated until). */
export function createUsersRepo(db: Db) {
  const insertUser = db.prepare(
    'INSERT INTO users (id, username, display_name, roles, active, school, district, password_hash, demo) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const byUsername = db.prepare<[string], UserRow>(`SELECT ${COLUMNS} FROM users WHERE username = ?`);
  const byId = db.prepare<[string], UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = ?`);
  const withRole = db.prepare<[string], UserRow>(`SELECT ${COLUMNS} FROM users WHERE EXISTS (SELECT 1 FROM json_each(users.roles) WHERE value = ?) ORDER BY username`);
  const setActive = db.prepare('UPDATE users SET active = ? WHERE id = ?');
  const count = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM users');
  const upsertQual = db.prepare(
    `INSERT INTO qualifications (user_id, micro_credential_id, calibrated_until) VALUES (?, ?, ?)
     ON CONFLICT (user_id, micro_credential_id) DO UPDATE SET calibrated_until = excluded.calibrated_until`,
  );
  const qualsOf = db.prepare<[string], Qualification>(
    'SELECT micro_credential_id AS microCredentialId, calibrated_until AS calibratedUntil FROM qualifications WHERE user_id = ? ORDER BY micro_credential_id',
  );
  const qual = db.prepare<[string, string], { calibratedUntil: string }>(
    'SELECT calibrated_until AS calibratedUntil FROM qualifications WHERE user_id = ? AND micro_credential_id = ?',
  );
  return {
    insert(u: UserRecord): void {
      insertUser.run(u.id, u.username, u.displayName, JSON.stringify(u.roles), u.active ? 1 : 0, u.school, u.district, u.passwordHash, u.demo ? 1 : 0);
    },
    byUsername(username: string): UserRecord | undefined {
      const r = byUsername.get(username);
      return r && toUser(r);
    },
    byId(id: string): UserRecord | undefined {
      const r = byId.get(id);
      return r && toUser(r);
    },
    withRole(role: Role): UserRecord[] {
      return withRole.all(role).map(toUser);
    },
    setActive(id: string, active: boolean): void {
      setActive.run(active ? 1 : 0, id);
    },
    count(): number {
      return (count.get() as { n: number }).n;
    },
    setQualification(userId: string, microCredentialId: string, calibratedUntil: string): void {
      upsertQual.run(userId, microCredentialId, calibratedUntil);
    },
    qualificationsOf(userId: string): Qualification[] {
      return qualsOf.all(userId);
    },
    qualification(userId: string, microCredentialId: string): string | undefined {
      return qual.get(userId, microCredentialId)?.calibratedUntil;
    },
  };
}

export type UsersRepo = ReturnType<typeof createUsersRepo>;
