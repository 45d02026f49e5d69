import type { AssignmentRole, AssignmentState, QualificationState, QueueItem, ReviewStatus } from '../../../shared/index.ts';
import { OPEN_STATES } from '../../../shared/index.ts';
import type { Catalog } from './catalog.ts';
import { StoreError, STORE_ERRORS, type AssignmentRepo } from './types.ts';
import { notFound, type Db } from './write.ts';

type QueueRow = {
  id: string; submission_id: string; role: AssignmentRole; state: AssignmentState; assigned_at: string; due_at: string;
  read_only_reason: string | null; micro_credential_id: string; candidate_ref: string; attempt: number; title: string;
  calibrated_until: string | null; qualification_state: QualificationState | null; draft_status: ReviewStatus | null;
  n: number | null; n_done: number | null; n_err: number | null; total: number | null; done: number | null;
};

/**
 * Why live work for a micro-credential is held back, or null when it may be opened: the hub
 * suspended the qualification (validity reads drifted), or its date passed by the local
 * clock (offline too). Calibration practice is how an assessor (re)qualifies, a master
 * rater's scoring and adjudication need no assessor qualification, and a consensus task
 * continues a read already made (the hub asks no qualification of either), so all are exempt.
 */
export function qualificationLock(
  role: AssignmentRole, qualification: { calibratedUntil: string | null; state: QualificationState | null } | null, now: Date,
): 'expired' | 'suspended' | null {
  if (role === 'calibration' || role === 'master' || role === 'adjudication' || role === 'consensus') return null;
  if (qualification?.state === 'suspended') return 'suspended';
  const until = qualification?.calibratedUntil ?? null;
  return until === null || qualification?.state === 'expired' || Date.parse(until) <= now.getTime() ? 'expired' : null;
}

/** Where the review stands as the queue shows it: a frozen assignment shows read-only unless its review already left. */
export function effectiveReviewStatus(draftStatus: ReviewStatus | null, readOnlyReason: string | null, state: AssignmentState): ReviewStatus {
  if (draftStatus === 'queued' || draftStatus === 'synced') return draftStatus;
  // Decided before this device saw it (another device, or before a hand-over): the hub has the review.
  if (state === 'submitted' && (draftStatus === null || draftStatus === 'new')) return 'synced';
  if (readOnlyReason !== null) return 'read_only';
  return draftStatus ?? 'new';
}

/** Only open work is downloaded, so a closed assignment's missing files are pending, never "downloading". */
function downloadSummary(r: QueueRow, open: boolean): QueueItem['download'] {
  const n = r.n ?? 0;
  const done = r.n_done ?? 0;
  const state = n === done ? 'complete' : !open ? 'pending' : (r.n_err ?? 0) > 0 ? 'error' : done > 0 ? 'downloading' : 'pending';
  return { state, bytesDone: r.done ?? 0, bytesTotal: r.total ?? 0 };
}

/** The queue and opening one assignment (with the calibration-currency check, made with the local clock). */
export function createAssignmentRepo(db: Db, catalog: Catalog): AssignmentRepo {
  const queueStmt = db.prepare<[], QueueRow>(`
    SELECT a.id, a.submission_id, a.role, a.state, a.assigned_at, a.due_at, a.read_only_reason,
      s.micro_credential_id, s.candidate_ref, s.attempt, m.title, q.calibrated_until, q.state AS qualification_state, d.status AS draft_status,
      dl.n, dl.n_done, dl.n_err, dl.total, dl.done
    FROM assignments a
    JOIN submissions s ON s.id = a.submission_id
    JOIN micro_credentials m ON m.id = s.micro_credential_id
    LEFT JOIN qualifications q ON q.micro_credential_id = s.micro_credential_id
    LEFT JOIN drafts d ON d.assignment_id = a.id
    LEFT JOIN (
      SELECT sa.submission_id, count(*) AS n, sum(la.state = 'complete') AS n_done, sum(la.state = 'error') AS n_err,
        sum(ar.bytes) AS total, sum(CASE WHEN la.state = 'complete' THEN ar.bytes ELSE 0 END) AS done
      FROM submission_artifacts sa
      JOIN artifacts ar ON ar.id = sa.artifact_id
      LEFT JOIN local_artifacts la ON la.artifact_id = sa.artifact_id
      GROUP BY sa.submission_id
    ) dl ON dl.submission_id = a.submission_id
    ORDER BY a.due_at, a.id`);

  const qualificationsStmt = db.prepare<[], { micro_credential_id: string; title: string | null; calibrated_until: string; state: QualificationState | null }>(`
    SELECT q.micro_credential_id, m.title, q.calibrated_until, q.state
    FROM qualifications q LEFT JOIN micro_credentials m ON m.id = q.micro_credential_id
    ORDER BY m.title, q.micro_credential_id`);

  return {
    rubricFor(microCredentialId) {
      const mc = catalog.microCredential(microCredentialId);
      return mc ? (catalog.rubric(mc.rubricId, mc.rubricVersion) ?? null) : null;
    },
    qualifications() {
      return qualificationsStmt.all().map((q) => ({
        microCredentialId: q.micro_credential_id, title: q.title ?? q.micro_credential_id, calibratedUntil: q.calibrated_until, state: q.state,
        policy: catalog.microCredential(q.micro_credential_id)?.policy.calibration ?? null,
      }));
    },
    queue(now) {
      const nowMs = now.getTime();
      return queueStmt.all().map((r): QueueItem => {
        const reviewStatus = effectiveReviewStatus(r.draft_status, r.read_only_reason, r.state);
        const open = OPEN_STATES.includes(r.state) && (reviewStatus === 'new' || reviewStatus === 'draft');
        const lock = qualificationLock(r.role, { calibratedUntil: r.calibrated_until, state: r.qualification_state }, now);
        return {
          assignmentId: r.id, submissionId: r.submission_id, microCredentialId: r.micro_credential_id, microCredentialTitle: r.title,
          candidateRef: r.candidate_ref, attempt: r.attempt, role: r.role, assignmentState: r.state, assignedAt: r.assigned_at, dueAt: r.due_at,
          overdue: open && Date.parse(r.due_at) < nowMs,
          download: downloadSummary(r, open),
          reviewStatus,
          qualificationExpired: lock !== null,
          ...(lock === null ? {} : { qualificationState: lock }),
        };
      });
    },
    open(assignmentId, now) {
      const ctx = catalog.context(assignmentId);
      const microCredential = catalog.microCredential(ctx.submission.microCredentialId);
      if (!microCredential) throw notFound('Micro-credential', ctx.submission.microCredentialId);
      const qualification = catalog.qualification(microCredential.id);
      const lock = qualificationLock(ctx.assignment.role, qualification, now);
      if (lock !== null) {
        const until = qualification?.calibratedUntil ?? null;
        const when = lock === 'suspended' ? 'Your qualification is suspended until you calibrate again'
          : until === null ? 'There is no calibration on record' : `Your calibration expired on ${until.slice(0, 10)}`;
        throw new StoreError(
          STORE_ERRORS.qualificationExpired,
          `${when} for "${microCredential.title}", so this assignment cannot be opened. Recalibrate, then sync.`,
          { microCredentialId: microCredential.id, calibratedUntil: until, state: lock },
        );
      }
      const prev = ctx.assignment.previous;
      const prevSubmission = prev ? catalog.submission(prev.submissionId) : undefined;
      return {
        assignment: ctx.assignment,
        submission: ctx.submission,
        rubric: ctx.rubric,
        microCredential,
        previous: prev && prevSubmission ? { submission: prevSubmission, review: prev.review } : null,
        locked: ctx.assignment.locked,
        readOnlyReason: ctx.readOnlyReason,
        qualificationExpired: false,
      };
    },
  };
}
