import type { UserSummary } from '../../../shared/index.ts';
import type { LocalSession, SessionRepo } from './types.ts';
import { write, type Db } from './write.ts';

type Row = { hub_url: string; user_json: string; device_name: string; signed_in_at: string };

/** Who is signed in on this device; the token lives in the SecretStore, never in the database. */
export function createSessionRepo(db: Db): SessionRepo {
  const getStmt = db.prepare<[], Row>('SELECT hub_url, user_json, device_name, signed_in_at FROM session WHERE id = 1');
  const setStmt = db.prepare(
    `INSERT INTO session (id, hub_url, user_json, device_name, signed_in_at) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET hub_url = excluded.hub_url, user_json = excluded.user_json,
       device_name = excluded.device_name, signed_in_at = excluded.signed_in_at`,
  );
  const clearStmt = db.prepare('DELETE FROM session');
  const forgetCursorStmt = db.prepare('UPDATE sync_state SET cursor = NULL');
  // The owner moves too: otherwise the next sign-in on the new address would count as another account.
  const moveSessionStmt = db.prepare('UPDATE session SET hub_url = ? WHERE hub_url = ?');
  const moveOwnerStmt = db.prepare('UPDATE owner SET hub_url = ? WHERE hub_url = ?');
  return {
    get() {
      const row = getStmt.get();
      if (!row) return null;
      return { hubUrl: row.hub_url, user: JSON.parse(row.user_json) as UserSummary, deviceName: row.device_name, signedInAt: row.signed_in_at };
    },
    set(session: LocalSession) {
      write(db, () => setStmt.run(session.hubUrl, JSON.stringify(session.user), session.deviceName, session.signedInAt));
    },
    clear() {
      write(db, () => {
        clearStmt.run();
        forgetCursorStmt.run();
      });
    },
    moveHub(from, to) {
      write(db, () => {
        moveOwnerStmt.run(to, from);
        moveSessionStmt.run(to, from);
      });
    },
  };
}
