import type { Migration } from '../../../../shared/sqlite/migrate.ts';

/**
 * Master reviews (issue #10) give a rationale per criterion, kept with the draft like
 * feedback; drafts from before have none ('{}'). A qualification may be suspended by the hub
 * whatever its date says; rows from before carry no state and the date alone decides.
 */
export const calibration: Migration = {
  version: 4,
  name: '004-calibration',
  up(db) {
    db.exec(`
      ALTER TABLE drafts ADD COLUMN criterion_rationale TEXT NOT NULL DEFAULT '{}';
      ALTER TABLE qualifications ADD COLUMN state TEXT CHECK (state IN ('current', 'expired', 'suspended'));
    `);
  },
};
