import { randomBytes } from 'node:crypto';
import { canonicalJson, ErrorCode, type IntakeSubmissionRequest, type IntakeSubmissionResponse } from '../../../shared/index.ts';
import { normaliseEmail } from '../../credentials/open-badge.ts';
import { conflict, invalid } from '../../http/errors.ts';
import type { Repos } from '../../repos/index.ts';
import type { SubmissionRecord } from '../../repos/submissions.ts';
import { newId, type HubContext, type Tx } from '../context.ts';
import type { Routing } from '../review/routing.ts';
import type { DoubleScoringService } from '../scoring/index.ts';
import { finalResultOf } from '../scoring/views.ts';
import { toWireAssignments, toWireSubmission } from '../sync/wire.ts';

export type IntakeOptions = { actor: string; id?: string; submittedAt?: string };
export type IntakeOutcome = { status: 200 | 201; body: IntakeSubmissionResponse };

/** Submission intake: checks references, stores the attempt and routes it, in one transaction. */
export function createIntake(ctx: HubContext, routing: Routing, scoring: DoubleScoringService) {
  async function checkPrevious(repos: Repos, req: IntakeSubmissionRequest): Promise<SubmissionRecord | undefined> {
    if (!req.previousSubmissionId) return undefined;
    const bad = (message: string) => invalid('previousSubmissionId is not a resubmittable attempt', [{ path: 'previousSubmissionId', message }]);
    const prev = await repos.submissions.byId(req.previousSubmissionId);
    if (!prev || (await repos.submissions.useOf(prev.id))?.purpose !== 'live') throw bad('no such submission');
    if (prev.candidateRef !== req.candidateRef) throw bad('belongs to another candidate');
    if (prev.microCredentialId !== req.microCredentialId) throw bad('is for another micro-credential');
    const decision = await finalResultOf(repos, prev.id);
    if (!decision) throw bad('has no final decision yet');
    if (decision.decision !== 'not_yet') throw bad('was earned; there is nothing to resubmit');
    if (await repos.submissions.resubmissionOf(prev.id)) throw bad('has already been resubmitted');
    return prev;
  }

  /** The same request again under the same id: answers what the first one stored. */
  async function replay(repos: Repos, req: IntakeSubmissionRequest): Promise<IntakeSubmissionResponse | null> {
    const stored = req.id ? await repos.submissions.byId(req.id) : undefined;
    if (!stored) return null;
    const same =
      stored.candidateRef === req.candidateRef &&
      stored.microCredentialId === req.microCredentialId &&
      stored.previousSubmissionId === (req.previousSubmissionId ?? null) &&
      stored.reflection === req.reflection &&
      (await repos.submissions.useOf(stored.id))?.purpose === (req.purpose ?? 'live') &&
      (await repos.recipients.of(stored.id))?.email === (req.recipient && normaliseEmail(req.recipient.email)) &&
      canonicalJson((await repos.artifacts.ofSubmission(stored.id)).map((a) => a.id)) === canonicalJson(req.artifactIds);
    if (!same) throw conflict(ErrorCode.submissionIdConflict, 'this submission id was already used for a different submission');
    return { submission: await toWireSubmission(repos, stored), assignments: await toWireAssignments(repos, await repos.assignments.ofSubmission(stored.id)) };
  }

  async function checkArtifacts(repos: Repos, req: IntakeSubmissionRequest): Promise<void> {
    const seen = new Set<string>();
    for (const [i, id] of req.artifactIds.entries()) {
      if (seen.has(id)) throw invalid('artifact listed twice', [{ path: `artifactIds.${i}`, message: 'duplicate artifact id' }]);
      if (!(await repos.artifacts.byId(id))) throw invalid('unknown artifact', [{ path: `artifactIds.${i}`, message: 'no such artifact' }]);
      // Evidence is one candidate's: reusing a file is only for that candidate's own resubmission.
      if ((await repos.artifacts.candidatesOf(id)).some((ref) => ref !== req.candidateRef)) {
        throw invalid('artifact belongs to another candidate', [{ path: `artifactIds.${i}`, message: "already part of another candidate's submission" }]);
      }
      seen.add(id);
    }
  }

  async function receive(tx: Tx, req: IntakeSubmissionRequest, opts: IntakeOptions): Promise<IntakeOutcome> {
    const { repos } = tx;
    const again = await replay(repos, req);
    if (again) return { status: 200, body: again };
    const mc = await repos.catalog.microCredential(req.microCredentialId);
    if (!mc) throw invalid('unknown micro-credential', [{ path: 'microCredentialId', message: 'no such micro-credential' }]);
    await checkArtifacts(repos, req);
    const id = req.id ?? opts.id;
    if (id && (await repos.submissions.byId(id))) throw invalid('submission id taken', [{ path: 'id', message: 'already exists' }]);
    const prev = await checkPrevious(repos, req);
    await repos.submissions.upsertCandidate({ ref: req.candidateRef, school: req.school ?? null, district: req.district ?? null });
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
    const purpose = req.purpose ?? 'live';
    if (purpose === 'calibration' && prev) throw invalid('a calibration item is not a resubmission', [{ path: 'previousSubmissionId', message: 'must be absent with purpose "calibration"' }]);
    await repos.submissions.insert(record, req.artifactIds, { purpose, sourceSubmissionId: null });
    // A salt of its own per recipient, so equal emails on two credentials do not hash alike.
    if (req.recipient) await repos.recipients.insert(record.id, { email: normaliseEmail(req.recipient.email), salt: randomBytes(16).toString('base64url') });
    await tx.audit(opts.actor, 'submission.received', record.id, {
      candidateRef: record.candidateRef,
      microCredentialId: record.microCredentialId,
      attempt: record.attempt,
      previousSubmissionId: record.previousSubmissionId,
      artifactIds: req.artifactIds,
      rubricId: record.rubricId,
      rubricVersion: record.rubricVersion,
      purpose,
    });
    // A calibration item waits for a calibration set, which hands it to a master rater.
    const assignment = purpose === 'live' ? await routing.route(tx, record, { actor: opts.actor, assignedAt: opts.submittedAt }) : null;
    // Double scoring decides once the primary reader is known (probation depends on who it is).
    const second = purpose === 'live' ? await scoring.afterRouting(tx, record, assignment, { actor: opts.actor, assignedAt: opts.submittedAt }) : null;
    const routed = [assignment, second].filter((a) => a !== null);
    return { status: 201, body: { submission: await toWireSubmission(repos, record), assignments: await toWireAssignments(repos, routed) } };
  }

  return { intake: (req: IntakeSubmissionRequest, opts: IntakeOptions) => ctx.write((tx) => receive(tx, req, opts)) };
}

export type Intake = ReturnType<typeof createIntake>;
