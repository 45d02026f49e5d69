import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import { DoubleScoring, type MicroCredential } from '../../shared/index.ts';
import { seedHistory, type HistoryOptions } from '../seed/history/index.ts';
import { contextAt, pastClock } from '../seed/past-clock.ts';
import { SeedManifest, type SeedArtifact, type SeedReview, type SeedSubmission } from '../seed/manifest.ts';
import { seedCalibration } from './calibration/seed.ts';
import type { Calibration } from './calibration/index.ts';
import { HubError, zodIssues } from '../http/errors.ts';
import type { ArtifactIntake } from './intake/artifact-intake.ts';
import { addDays, type HubContext } from './context.ts';
import type { Intake } from './intake/intake.ts';
import { hashPassword } from './accounts/passwords.ts';
import type { Reviews } from './review/reviews.ts';

export const DEMO_PASSWORD = 'demo';
const ACTOR = 'system';
const DAY_MS = 86_400_000;

export type SeedServices = { artifacts: ArtifactIntake; intake: Intake; reviews: Reviews; calibration: Calibration };

export async function loadManifest(file: string): Promise<SeedManifest> {
  const parsed = SeedManifest.safeParse(JSON.parse(await readFile(file, 'utf8')));
  if (!parsed.success) {
    const lines = zodIssues(parsed.error).map((i) => `  ${i.path}: ${i.message}`);
    throw new Error(`seed manifest ${file} is invalid:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/**
 * Seeds a fresh hub from a manifest through the live services: artifacts are stored like
 * uploads, submissions go through intake (so routing happens for real, in list order) and
 * decided reviews are submitted as the assessor each submission was routed to. With
 * `routedWhenSubmitted`, each submission is routed on a clock set back to when it was
 * submitted, so qualifications count as they stood then.
 */
export async function seedHub(ctx: HubContext, services: SeedServices, manifestFile: string, opts: { history?: HistoryOptions } = {}): Promise<void> {
  const manifest = await loadManifest(manifestFile);
  const folder = dirname(resolve(manifestFile));
  const now = ctx.now().toISOString();
  const hashes = await Promise.all(manifest.users.map((u) => hashPassword(u.password ?? DEMO_PASSWORD)));
  // The audit log reads in time order: the catalogue first, then any past work (history.ts
  // says why it precedes the live accounts), then the accounts, a day before the first
  // submission routed in the past.
  const daysAgo = (days: number) => Date.parse(now) - days * DAY_MS;
  const firstRouted = manifest.routedWhenSubmitted ? Math.max(0, ...manifest.submissions.map((x) => x.submittedDaysAgo)) : 0;
  const accountsAt = firstRouted > 0 ? daysAgo(firstRouted + 1) : Date.parse(now);
  const history = opts.history;
  // The past ran single-scored: with a history, the catalogue starts without double scoring
  // and takes the manifest's policy as the live accounts open. (A policy patch merges, so the
  // history could not take a probation away; every former assessor's read would be on it.)
  const pastPolicy = (m: MicroCredential): MicroCredential => ({ ...m, policy: { ...m.policy, doubleScoring: DoubleScoring.parse({}) } });
  await contextAt(ctx, history ? daysAgo(history.fromDaysAgo + 1) : accountsAt).write(async ({ repos, audit }) => {
    for (const r of manifest.rubrics) {
      await repos.catalog.insertRubric(r);
      await audit(ACTOR, 'rubric.created', `${r.id}@${r.version}`, { title: r.title });
    }
    for (const m of manifest.microCredentials) {
      await repos.catalog.insertMicroCredential(history ? pastPolicy(m) : m);
      await audit(ACTOR, 'micro_credential.created', m.id, { rubricId: m.rubricId, rubricVersion: m.rubricVersion });
    }
    for (const c of manifest.candidates) await repos.submissions.upsertCandidate({ ref: c.ref, school: c.school ?? null, district: c.district ?? null });
  });
  if (history) await seedHistory(ctx, manifest.microCredentials.map((m) => m.id), history, accountsAt - 3_600_000);
  await contextAt(ctx, accountsAt).write(async ({ repos, audit }) => {
    for (const m of history ? manifest.microCredentials : []) {
      const old = (await repos.catalog.microCredential(m.id))!.policy;
      await repos.catalog.updateMicroCredential(m);
      await audit(ACTOR, 'micro_credential.policy_changed', m.id, { old, new: m.policy, patch: { doubleScoring: m.policy.doubleScoring } });
    }
    for (const [i, u] of manifest.users.entries()) {
      await repos.users.insert({
        id: u.id, username: u.username, displayName: u.displayName, roles: u.roles, active: u.active,
        school: u.school ?? null, district: u.district ?? null, passwordHash: hashes[i]!, demo: u.password === undefined,
      });
      await audit(ACTOR, 'user.created', u.id, { username: u.username, roles: u.roles, active: u.active });
      for (const q of u.qualifications) {
        const until = addDays(now, q.calibratedUntilDays);
        await repos.users.setQualification(u.id, q.microCredentialId, until);
        await audit(ACTOR, 'qualification.set', u.id, { microCredentialId: q.microCredentialId, calibratedUntil: until });
        if (!q.releasedFromProbation) continue;
        // Standing brought from before this hub: audited as seeded, with no agreement figures to recompute.
        await repos.scoring.release(u.id, q.microCredentialId, new Date(accountsAt).toISOString());
        await audit(ACTOR, 'double_scoring.probation_released', u.id, { microCredentialId: q.microCredentialId, seeded: true });
      }
    }
  });
  const clock = manifest.routedWhenSubmitted ? pastClock(ctx, accountsAt) : undefined;
  const stored = new Map<string, string>();
  for (const s of manifest.submissions) {
    clock?.advanceTo(daysAgo(s.submittedDaysAgo));
    await seedSubmission(clock?.ctx ?? ctx, clock?.services ?? services, manifest, s, addDays(now, -s.submittedDaysAgo), folder, stored);
  }
  await seedCalibration(ctx, services, manifest.calibration, (ref, artifacts) => storeSeedArtifacts(services, folder, ref, artifacts, stored));
}

/** Stores a candidate's artifacts like uploads; one stored artifact per candidate and file (evidence is never shared between candidates). */
export async function storeSeedArtifacts(
  services: Pick<SeedServices, 'artifacts'>, folder: string, candidateRef: string, artifacts: readonly SeedArtifact[], stored: Map<string, string>,
): Promise<string[]> {
  const artifactIds: string[] = [];
  for (const a of artifacts) {
    const path = resolve(folder, a.file);
    if (relative(folder, path).startsWith('..')) throw new Error(`seed: artifact ${a.file} lies outside the manifest's folder`);
    const key = `${candidateRef}\u0000${path}`;
    let id = stored.get(key);
    if (!id) {
      const artifact = await services.artifacts.store(
        { body: createReadStream(path), contentType: a.mediaType, filename: basename(path), durationSec: a.durationSec }, ACTOR);
      id = artifact.id;
      stored.set(key, id);
    }
    artifactIds.push(id);
  }
  return artifactIds;
}

async function seedSubmission(
  ctx: HubContext, services: SeedServices, manifest: SeedManifest, s: SeedSubmission, submittedAt: string, folder: string, stored: Map<string, string>,
): Promise<void> {
  const artifactIds = await storeSeedArtifacts(services, folder, s.candidateRef, s.artifacts, stored);
  const candidate = manifest.candidates.find((c) => c.ref === s.candidateRef);
  const { assignments } = (await services.intake.intake(
    {
      candidateRef: s.candidateRef, microCredentialId: s.microCredentialId, previousSubmissionId: s.previousSubmissionId,
      reflection: s.reflection, artifactIds, school: candidate?.school, district: candidate?.district, recipient: s.recipient,
    },
    { actor: ACTOR, id: s.id, submittedAt },
  )).body;
  if (!s.decidedReview) return;
  const primary = assignments.find((a) => a.role === 'primary');
  if (!primary) throw new Error(`seed: submission ${s.id} has a decidedReview but no eligible assessor`);
  const mc = (await ctx.query((repos) => repos.catalog.microCredential(s.microCredentialId)))!;
  await submitSeedReview(services, mc, primary, s.decidedReview, `the decidedReview of ${s.id}`);
  // A single-scored submission has no second assignment, and its secondReview stays unused.
  const second = assignments.find((a) => a.role === 'second');
  if (s.secondReview && second) await submitSeedReview(services, mc, second, s.secondReview, `the secondReview of ${s.id}`);
}

async function submitSeedReview(
  services: SeedServices, mc: { rubricId: string; rubricVersion: number }, assignment: { id: string; assessorId: string }, r: SeedReview, what: string,
): Promise<void> {
  try {
    await services.reviews.put(assignment.assessorId, randomUUID(), {
      assignmentId: assignment.id, rubricId: mc.rubricId, rubricVersion: mc.rubricVersion, scores: r.scores,
      criterionFeedback: r.criterionFeedback, overallFeedback: r.overallFeedback, notes: [], timeSpentSec: r.timeSpentSec,
    });
  } catch (err) {
    if (err instanceof HubError) throw new Error(`seed: ${what} was refused (${err.code}): ${err.message} ${JSON.stringify(err.details ?? '')}`, { cause: err });
    throw err;
  }
}
