import type { Migration } from '../../../../shared/sqlite/migrate.ts';

/**
 * Whose work this database holds. It outlives sign-out, so a different account signing in
 * on the same device never sees the previous assessor's assignments or media.
 */
export const owner: Migration = {
  version: 2,
  name: '002-owner',
  up(db) {
    db.exec(`
      CREATE TABLE owner (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        hub_url TEXT NOT NULL,
        user_id TEXT NOT NULL,
        display_name TEXT NOT NULL
      );
      INSERT INTO owner (id, hub_url, user_id, display_name)
        SELECT 1, hub_url, json_extract(user_json, '$.id'), json_extract(user_json, '$.displayName') FROM session;
    `);
  },
};
