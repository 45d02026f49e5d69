import { canonicalJson, ErrorCode, type IntakeSubmissionRequest, type IntakeSubmissionResponse } from '../../shared/index.ts';
import { conflict, invalid } from '../http/errors.ts';
import type { SubmissionRecord } from '../repos/submissions.ts';
import type { AuditAppend } from './audit.ts';
import { newId, type HubContext } from './context.ts';
import type { Routing } from './routing.ts';
import { toWireAssignment, toWireSubmission } from './wire.ts';

export type IntakeOptions = { actor: string; id?: string; submittedAt?: string };

/** Submission intake: checks references, stores the attempt and routes it, in one transaction. */
export function createIntake(ctx: HubContext, audit: AuditAppend, routing: Routing) {
  const { repos } = ctx;

  function checkPrevious(req: IntakeSubmissionRequest): SubmissionRecord | undefined {
    if (!req.previousSubmissionId) return undefined;
    const bad = (message: string) => invalid('previousSubmissionId is not a resubmittable attempt', [{ path: 'previousSubmissionId', message }]);
    const prev = repos.submissions.byId(req.previousSubmissionId);
    if (!prev) throw bad('no such submission');
    if (prev.candidateRef !== req.candidateRef) throw bad('belongs to another candidate');
    if (prev.microCredentialId !== req.microCredentialId) throw bad('is for another micro-credential');
    const decision = repos.reviews.decisionOf(prev.id);
    if (!decision) throw bad('has no final decision yet');
    if (decision.review.decision !== 'not_yet') throw bad('was earned; there is nothing to resubmit');
    if (repos.submissions.resubmissionOf(prev.id)) throw bad('has already been resubmitted');
    return prev;
  }

  /** The same request again under the same id: answers what the first one stored. */
  function replay(req: IntakeSubmissionRequest): IntakeSubmissionResponse | null {
    const stored = req.id ? repos.submissions.byId(req.id) : undefined;
    if (!stored) return null;
    const same =
      stored.candidateRef === req.candidateRef &&
      stored.microCredentialId === req.microCredentialId &&
      stored.previousSubmissionId === (req.previousSubmissionId ?? null) &&
      stored.reflection === req.reflection &&
      canonicalJson(repos.artifacts.ofSubmission(stored.id).map((a) => a.id)) === canonicalJson(req.artifactIds);
    if (!same) throw conflict(ErrorCode.submissionIdConflict, 'this submission id was already used for a different submission');
    const assignments = repos.assignments.ofSubmission(stored.id).map((a) => toWireAssignment(repos, a));
    return { submission: toWireSubmission(repos, stored), assignments };
  }

  const intake = ctx.db.transaction((req: IntakeSubmissionRequest, opts: IntakeOptions): { status: 200 | 201; body: IntakeSubmissionResponse } => {
    const again = replay(req);
    if (again) return { status: 200, body: again };
    const mc = repos.catalog.microCredential(req.microCredentialId);
    if (!mc) throw invalid('unknown micro-credential', [{ path: 'microCredentialId', message: 'no such micro-credential' }]);
    const seen = new Set<string>();
    req.artifactIds.forEach((id, i) => {
      if (seen.has(id)) throw invalid('artifact listed twice', [{ path: `artifactIds.${i}`, message: 'duplicate artifact id' }]);
      if (!repos.artifacts.byId(id)) throw invalid('unknown artifact', [{ path: `artifactIds.${i}`, message: 'no such artifact' }]);
      // Evidence is one candidate's: reusing a file is only for that candidate's own resubmission.
      if (repos.artifacts.candidatesOf(id).some((ref) => ref !== req.candidateRef)) {
        throw invalid('artifact belongs to another candidate', [{ path: `artifactIds.${i}`, message: "already part of another candidate's submission" }]);
      }
      seen.add(id);
    });
    const id = req.id ?? opts.id;
    if (id && repos.submissions.byId(id)) throw invalid('submission id taken', [{ path: 'id', message: 'already exists' }]);
    const prev = checkPrevious(req);
    repos.submissions.upsertCandidate({ ref: req.candidateRef, school: req.school ?? null, district: req.district ?? null });
    const record: SubmissionRecord = {
      id: id ?? newId('sub'),
      microCredentialId: mc.id,
      candidateRef: req.candidateRef,
      attempt: prev ? prev.attempt + 1 : 1,
      previousSubmissionId: prev?.id ?? null,
      submittedAt: opts.submittedAt ?? ctx.now().toISOString(),
      reflection: req.reflection,
      rubricId: mc.rubricId,
      rubricVersion: mc.rubricVersion,
    };
    repos.submissions.insert(record, req.artifactIds);
    audit(opts.actor, 'submission.received', record.id, {
      candidateRef: record.candidateRef,
      microCredentialId: record.microCredentialId,
      attempt: record.attempt,
      previousSubmissionId: record.previousSubmissionId,
      artifactIds: req.artifactIds,
      rubricId: record.rubricId,
      rubricVersion: record.rubricVersion,
    });
    const assignment = routing.route(record, { actor: opts.actor, assignedAt: opts.submittedAt });
    return {
      status: 201,
      body: { submission: toWireSubmission(repos, record), assignments: assignment ? [toWireAssignment(repos, assignment)] : [] },
    };
  });

  return { intake };
}

export type Intake = ReturnType<typeof createIntake>;
