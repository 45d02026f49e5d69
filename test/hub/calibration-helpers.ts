// Shared steps for the calibration tests: calibration items through intake, master scoring
// with rationales, published sets, and the review bodies an assessor sends for copies.
import { expect } from 'vitest';
import type { Loose } from '../support/hub.ts';
import { newReviewId, pdfBytes, reviewBody, type FixtureHub } from './fixture-helpers.ts';

export const CRITERIA = ['c-plan', 'c-engage', 'c-assess'] as const;

export const rationaleOf = (submissionId: string, criterionId: string) => `MASTER-RATIONALE ${submissionId} ${criterionId}: the clip shows it plainly.`;

/** An intake submission with purpose "calibration" (never routed to assessors). */
export async function calibrationItem(hub: FixtureHub, candidateRef: string, microCredentialId = 'mc-questioning'): Promise<Loose> {
  const artifact = await hub.uploadArtifact(pdfBytes(1536));
  const res = await hub.as('intake-bot').post('/v1/intake/submissions', {
    candidateRef, microCredentialId, reflection: `Calibration reflection ${candidateRef.slice('cand-'.length)}`, artifactIds: [artifact.id], purpose: 'calibration',
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.assignments).toEqual([]);
  return res.body.submission;
}

/** A master review for a fixture-rubric item: the given levels and a rationale per criterion. */
export function masterBody(assignmentId: string, submissionId: string, scores: Record<string, number>): Loose {
  const feedback = Object.fromEntries(CRITERIA.map((c) => [c, `Master feedback on ${c}.`]));
  return reviewBody(assignmentId, { scores, criterionFeedback: feedback, criterionRationale: Object.fromEntries(CRITERIA.map((c) => [c, rationaleOf(submissionId, c)])) });
}

/** The username holding an assignment, read from its `assignment.created` audit event (fixture ids are `u-<username>`). */
async function holderOf(hub: FixtureHub, assignmentId: string, staff: string): Promise<string> {
  const events = (await hub.as(staff).get('/v1/audit?limit=1000')).body.events as Loose[];
  const created = events.find((e) => e.action === 'assignment.created' && e.subject === assignmentId);
  expect(created, `the audit log names who holds ${assignmentId}`).toBeDefined();
  return String(created!.payload.assessorId).replace(/^u-/, '');
}

/** Creates a set of `levels.length` new items, master-scores each with those levels as the master rater it was routed to, and publishes it. */
export async function publishedSet(hub: FixtureHub, prefix: string, levels: readonly Record<string, number>[], staff = 'sam'): Promise<Loose> {
  const items = [];
  for (let i = 0; i < levels.length; i++) items.push(await calibrationItem(hub, `cand-${prefix}-${i}`));
  const created = await hub.as(staff).post('/v1/calibration-sets', { microCredentialId: 'mc-questioning', title: `Set ${prefix}`, submissionIds: items.map((s) => s.id) });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  for (const [i, item] of created.body.set.items.entries()) {
    const master = await holderOf(hub, item.masterAssignmentId, staff);
    hub.tokens[master] ??= await hub.signIn(master);
    const res = await hub.as(master).put(`/v1/reviews/${newReviewId()}`, masterBody(item.masterAssignmentId, item.submissionId, levels[i]!));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  const published = await hub.as(staff).post(`/v1/calibration-sets/${created.body.set.id}/publish`);
  expect(published.status, JSON.stringify(published.body)).toBe(200);
  return published.body.set;
}

/** A review of a copy: the fixture rubric with these levels (feedback everywhere, so any level is complete). */
export function copyReview(assignmentId: string, scores: Record<string, number>): Loose {
  return reviewBody(assignmentId, { scores, criterionFeedback: Object.fromEntries(CRITERIA.map((c) => [c, `Feedback on ${c}.`])) });
}

export async function patchPolicy(hub: FixtureHub, patch: Loose, microCredentialId = 'mc-questioning'): Promise<Loose> {
  const res = await hub.as('sam').patch(`/v1/micro-credentials/${microCredentialId}/policy`, patch);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.microCredential;
}
