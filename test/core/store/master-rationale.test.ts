// Master reviews (issue #10) on the workstation store: rationales are kept like feedback,
// required at submit by the shared rule, sent in the review body; drafts from before the
// rationale column still open; a suspended qualification locks live work.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../electron/core/store/index.ts';
import { STORE_MIGRATIONS } from '../../../electron/core/store/migrations/index.ts';
import { migrate } from '../../../shared/sqlite/migrate.ts';
import type { ReviewBody } from '../../../shared/index.ts';
import { at, COMPLETE_PATCH, fullSync, makeAssignment, makeSubmission, makeSync, T0, tempDb, useSyncedStore } from './support/fixtures.ts';

const current = useSyncedStore();

const RATIONALE = { c1: 'Every question invited reasoning.', c2: 'Waited three seconds each time.', c3: 'Asked "why" twice.' };

/** A master assignment (m1) and a calibration one (k1) arrive like any other. */
function syncMasterAndCalibration(store = current()) {
  store.sync.apply(
    makeSync({
      cursor: 'cursor-2',
      submissions: [makeSubmission('sm'), makeSubmission('sk')],
      assignments: [makeAssignment('m1', 'sm', { role: 'master' }), makeAssignment('k1', 'sk', { role: 'calibration' })],
    }),
    T0.toISOString(),
  );
}

describe('master review drafts', () => {
  it('keeps rationales per criterion like feedback, merged patch by patch, through a reopen', () => {
    syncMasterAndCalibration();
    current().drafts.save('m1', { criterionRationale: { c1: RATIONALE.c1 } }, T0);
    current().drafts.save('m1', { criterionRationale: { c2: RATIONALE.c2 }, scores: { c1: 4 } }, T0);
    const path = current().path;
    current().close();
    const reopened = openStore(path);
    try {
      expect(reopened.drafts.get('m1')).toMatchObject({ revision: 2, criterionRationale: { c1: RATIONALE.c1, c2: RATIONALE.c2 }, scores: { c1: 4 } });
      expect(reopened.journal.list('m1').filter((e) => e.action === 'feedback_changed').map((e) => e.payload)).toEqual([
        { criterionId: 'c1', chars: RATIONALE.c1.length, rationale: true },
        { criterionId: 'c2', chars: RATIONALE.c2.length, rationale: true },
      ]);
    } finally {
      reopened.close();
    }
  });

  it('refuses a rationale for a criterion the rubric does not have, changing nothing', () => {
    syncMasterAndCalibration();
    expect(() => current().drafts.save('m1', { criterionRationale: { c9: 'x' } }, T0)).toThrow(expect.objectContaining({ code: 'invalid' }));
    expect(current().drafts.get('m1')).toMatchObject({ revision: 0, criterionRationale: {} });
  });

  it('refuses to submit a master review with a missing rationale, naming the criterion, offline', () => {
    syncMasterAndCalibration();
    current().drafts.save('m1', { scores: COMPLETE_PATCH.scores, criterionRationale: { c1: RATIONALE.c1, c3: '   ' } }, T0);
    expect(() => current().outbox.enqueueReview('m1', T0)).toThrow(
      expect.objectContaining({ code: 'incomplete', message: expect.stringMatching(/rationale for Wait time is required.*rationale for Follow-up is required/) }),
    );
    expect(current().outbox.head()).toBeNull();
    expect(current().drafts.get('m1').status).toBe('draft');
  });

  it('submits a master review without feedback, sending criterionRationale in the body', () => {
    syncMasterAndCalibration();
    // Level 1 on c1 would need feedback on a live review; a master review's feedback is optional.
    current().drafts.save('m1', { scores: { c1: 1, c2: 3, c3: 4 }, criterionRationale: RATIONALE }, T0);
    current().outbox.enqueueReview('m1', T0);
    const body = current().outbox.head()?.body as ReviewBody;
    expect(body).toMatchObject({ assignmentId: 'm1', scores: { c1: 1, c2: 3, c3: 4 }, criterionFeedback: {}, criterionRationale: RATIONALE });
  });

  it('never sends criterionRationale on a live review', () => {
    current().drafts.save('a1', COMPLETE_PATCH, T0);
    current().outbox.enqueueReview('a1', T0);
    expect(current().outbox.head()?.body).not.toHaveProperty('criterionRationale');
  });
});

describe('drafts from before the rationale column', () => {
  it('open with an empty rationale after migration 004, their content intact', () => {
    const path = tempDb();
    const old = new Database(path);
    migrate(old, STORE_MIGRATIONS.slice(0, 3));
    old.close();
    const v3 = openStoreAt3(path);
    v3.close();
    const store = openStore(path);
    try {
      expect(store.drafts.get('a1')).toMatchObject({ revision: 1, criterionFeedback: { c3: 'Written before the upgrade.' }, criterionRationale: {} });
      store.drafts.save('a1', COMPLETE_PATCH, T0);
      store.outbox.enqueueReview('a1', T0);
      expect(store.outbox.head()?.body).toMatchObject({ criterionFeedback: { c3: 'Good follow-up questions.' } });
    } finally {
      store.close();
    }
  });
});

/** Fills a schema-3 database the way a workstation of that version did, with raw SQL only. */
function openStoreAt3(path: string) {
  const db = new Database(path);
  const sync = fullSync();
  const rubric = sync.rubrics[0]!;
  const mc = sync.microCredentials[0]!;
  const s1 = sync.submissions[0]!;
  const a1 = sync.assignments[0]!;
  db.prepare('INSERT INTO rubrics (id, version, body) VALUES (?, ?, ?)').run(rubric.id, rubric.version, JSON.stringify(rubric));
  db.prepare('INSERT INTO micro_credentials (id, title, body) VALUES (?, ?, ?)').run(mc.id, mc.title, JSON.stringify(mc));
  db.prepare('INSERT INTO qualifications (micro_credential_id, calibrated_until) VALUES (?, ?)').run(mc.id, at(365));
  db.prepare('INSERT INTO submissions (id, micro_credential_id, candidate_ref, attempt, body) VALUES (?, ?, ?, ?, ?)').run(s1.id, mc.id, s1.candidateRef, 1, JSON.stringify(s1));
  for (const a of s1.artifacts) {
    db.prepare('INSERT INTO artifacts (id, filename, media_type, bytes, sha256) VALUES (?, ?, ?, ?, ?)').run(a.id, a.filename, a.mediaType, a.bytes, a.sha256);
    db.prepare('INSERT INTO submission_artifacts (submission_id, artifact_id) VALUES (?, ?)').run(s1.id, a.id);
  }
  db.prepare(
    `INSERT INTO assignments (id, submission_id, role, state, assigned_at, due_at, body, read_only_reason, updated_at)
     VALUES (?, ?, 'primary', 'assigned', ?, ?, ?, NULL, ?)`,
  ).run(a1.id, s1.id, a1.assignedAt, a1.dueAt, JSON.stringify(a1), T0.toISOString());
  db.prepare(
    `INSERT INTO drafts (assignment_id, review_id, revision, saved_at, scores, criterion_feedback, overall_feedback, notes, time_spent_sec, status)
     VALUES ('a1', '0b7c3f0e-8a4b-4c1d-9e2f-3a5b6c7d8e9f', 1, ?, '{"c1":2}', '{"c3":"Written before the upgrade."}', '', '[]', 12, 'draft')`,
  ).run(T0.toISOString());
  return db;
}

describe('suspended qualifications', () => {
  const suspend = (state: 'suspended' | 'current') =>
    current().sync.apply(makeSync({ cursor: `cursor-${state}`, qualifications: [{ microCredentialId: 'mc-qt', calibratedUntil: at(200), state }] }), T0.toISOString());

  it('lock live work whatever the date says, leave calibration and master work open, and lift with the hub', () => {
    syncMasterAndCalibration();
    suspend('suspended');
    const queue = current().assignments.queue(T0);
    const row = (id: string) => queue.find((i) => i.assignmentId === id);
    expect(row('a1')).toMatchObject({ qualificationExpired: true, qualificationState: 'suspended' });
    expect(row('k1')).toMatchObject({ qualificationExpired: false, role: 'calibration' });
    expect(row('k1')).not.toHaveProperty('qualificationState');
    expect(row('m1')).toMatchObject({ qualificationExpired: false, role: 'master' });
    expect(() => current().assignments.open('a1', T0)).toThrow(
      expect.objectContaining({ code: 'qualification_expired', message: expect.stringMatching(/suspended.*Questioning Techniques.*Recalibrate/), details: expect.objectContaining({ state: 'suspended' }) }),
    );
    expect(current().assignments.open('k1', T0).assignment.role).toBe('calibration');
    expect(current().assignments.qualifications()).toEqual([
      { microCredentialId: 'mc-qt', title: 'Questioning Techniques', calibratedUntil: at(200), state: 'suspended', policy: expect.objectContaining({ passMark: 0.8 }) },
    ]);

    suspend('current');
    expect(current().assignments.open('a1', T0).submission.id).toBe('s1');
  });

  it('marks an expired qualification as expired in the queue', () => {
    expect(current().assignments.queue(new Date(Date.parse(at(366)))).find((i) => i.assignmentId === 'a1')).toMatchObject({
      qualificationExpired: true, qualificationState: 'expired',
    });
  });
});
