// Grows a seeded hub to a large size in seconds: writes, through one transaction, the rows
// the hub's own services would have written — for each extra account what the seeder
// writes (user, qualification); for each extra submission what artifact, submission (with
// routing) and review intake write (artifact and its file, candidate, submission, its
// artifact link, the assignment with its change sequence, the decided review) — and the
// audit events of each, chained onto the hub's head with the hub's own hash, so the grown
// hub is indistinguishable from one that took that work over HTTP and its chain verifies.
// Assignments go to the assessors in turn, as least-open-work routing spreads equal work.
import { createHash } from 'node:crypto';
import { copyFileSync, linkSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { canonicalJson, decide, MEDIA_TYPE_KINDS, type Rubric, type StoredReview } from '../../../shared/index.ts';
import { auditHash } from '../../../server/audit/hash.ts';
import { meetEveryCriterion } from '../../support/review-content.ts';
import type { BulkWriter, Row } from './bulk-writer.ts';

export type HistoryOptions = {
  assessors: readonly string[];
  /** Accounts to create first: assessors (by name) like `like`, an existing one — same roles, password hash and qualifications. */
  accounts?: { usernames: readonly string[]; like: string };
  microCredentialId: string;
  /** Submissions already decided (assignment submitted, review stored). */
  decided: number;
  /** Submissions still open (assignment assigned), for the load phase to review. */
  open: number;
  /** The hub's data folder: artifact files are hard links to workFile. */
  dataDir: string;
  workFile: string;
};

const ACTOR = 'system';
const BATCH = 2_000;
/** ext4 allows 65,000 links to one file; each source file is linked at most this often. */
const LINKS_PER_SOURCE = 50_000;
const DAY = 86_400_000;

export async function loadHistory(w: BulkWriter, opts: HistoryOptions): Promise<{ assignments: number; auditEvents: number; seconds: number }> {
  const started = Date.now();
  const mc = JSON.parse((await w.all<{ body: string }>('SELECT body FROM micro_credentials WHERE id = ?', [opts.microCredentialId]))[0]!.body) as {
    rubricId: string; rubricVersion: number; policy: { slaDays: number };
  };
  const rubric = JSON.parse((await w.all<{ body: string }>('SELECT body FROM rubrics WHERE id = ? AND version = ?', [mc.rubricId, mc.rubricVersion]))[0]!.body) as Rubric;
  const bytes = readFileSync(opts.workFile);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const filename = basename(opts.workFile);
  mkdirSync(join(opts.dataDir, 'artifacts'), { recursive: true });
  const now = new Date();
  const iso = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY).toISOString();

  await w.begin();
  const meta = new Map((await w.all<{ key: string; value: string }>('SELECT key, value FROM meta')).map((r) => [r.key, r.value]));
  let changeSeq = Number(meta.get('change_seq'));
  let auditSeq = Number(meta.get('audit_head_seq'));
  let auditHead = meta.get('audit_head_hash') as string;
  const tables: Record<string, Row[]> = {};
  const add = (table: string, row: Row) => (tables[table] ??= []).push(row);
  const event = (at: string, actor: string, action: string, subject: string, payload: Record<string, unknown>) => {
    const clean = JSON.parse(canonicalJson(payload)) as Record<string, unknown>;
    const entry = { seq: ++auditSeq, at, actor, action, subject, payload: clean };
    const hash = auditHash(auditHead, entry);
    add('audit_events', { seq: entry.seq, at, actor, action, subject, payload: canonicalJson(clean), prev_hash: auditHead, hash });
    auditHead = hash;
  };
  if (opts.accounts) await addAccounts(w, opts.accounts, (row) => add('users', row), (row) => add('qualifications', row), (actor, action, subject, payload) => event(now.toISOString(), actor, action, subject, payload));
  const flush = async () => {
    // Parents before children, for the foreign keys.
    for (const table of ['users', 'qualifications', 'artifacts', 'candidates', 'submissions', 'submission_artifacts', 'assignments', 'reviews', 'audit_events']) {
      if (tables[table]?.length) await w.insert(table, tables[table]);
    }
    for (const key of Object.keys(tables)) delete tables[key];
  };

  const total = opts.decided + opts.open;
  const tag = Date.now().toString(36);
  for (let i = 0; i < total; i++) {
    const decided = i < opts.decided;
    const n = `${tag}-${i}`;
    const assessorId = opts.assessors[i % opts.assessors.length] as string;
    const at = iso(decided ? 30 : 1);
    const [artifactId, candidateRef, submissionId, assignmentId] = [`art_h${n}`, `hist-c${n}`, `hist-s${n}`, `asg_h${n}`];
    const source = `${opts.workFile}.${tag}.${Math.floor(i / LINKS_PER_SOURCE)}`;
    if (i % LINKS_PER_SOURCE === 0) copyFileSync(opts.workFile, source);
    linkSync(source, join(opts.dataDir, 'artifacts', artifactId));
    add('artifacts', { id: artifactId, kind: MEDIA_TYPE_KINDS['text/plain'] as string, filename, media_type: 'text/plain', bytes: bytes.length, sha256, duration_sec: null, created_at: at });
    event(at, ACTOR, 'artifact.stored', artifactId, { filename, mediaType: 'text/plain', bytes: bytes.length, sha256 });
    add('candidates', { ref: candidateRef, school: null, district: null });
    add('submissions', {
      id: submissionId, micro_credential_id: opts.microCredentialId, candidate_ref: candidateRef, attempt: 1, previous_submission_id: null,
      submitted_at: at, reflection: 'I used wait time after each question and recorded how answers changed.', rubric_id: rubric.id, rubric_version: rubric.version,
    });
    add('submission_artifacts', { submission_id: submissionId, artifact_id: artifactId, position: 0 });
    event(at, ACTOR, 'submission.received', submissionId, {
      candidateRef, microCredentialId: opts.microCredentialId, attempt: 1, previousSubmissionId: null, artifactIds: [artifactId], rubricId: rubric.id, rubricVersion: rubric.version,
    });
    const dueAt = new Date(Date.parse(at) + mc.policy.slaDays * DAY).toISOString();
    const assignment = {
      id: assignmentId, submission_id: submissionId, assessor_id: assessorId, role: 'primary', state: decided ? 'submitted' : 'assigned', assigned_at: at, due_at: dueAt,
      locked: '{}', previous_submission_id: null, previous_review_id: null, recusal_reason: null, change_seq: ++changeSeq,
    };
    event(at, ACTOR, 'assignment.created', assignmentId, { submissionId, assessorId, role: 'primary', dueAt, rule: 'least_open_work', lockedCriteria: [] });
    if (decided) {
      const content = meetEveryCriterion({ rubric, locked: {} });
      const outcome = decide(rubric, content.scores);
      const receivedAt = iso(25);
      const review: StoredReview = {
        assignmentId, rubricId: rubric.id, rubricVersion: rubric.version, ...content, notes: [], timeSpentSec: 1200,
        id: crypto.randomUUID(), decision: outcome.decision!, receivedAt, assessorId, submissionId,
      };
      add('reviews', { id: review.id, assignment_id: assignmentId, submission_id: submissionId, assessor_id: assessorId, body: JSON.stringify(review), decision: review.decision, weighted_mean: outcome.weightedMean!, received_at: receivedAt,
        scores: JSON.stringify(review.scores) });
      // Review intake moves the assignment to submitted under a new change sequence.
      assignment.change_seq = ++changeSeq;
      event(receivedAt, assessorId, 'review.submitted', review.id, {
        assignmentId, submissionId, decision: review.decision, rubricId: rubric.id, rubricVersion: rubric.version, scores: review.scores, weightedMean: outcome.weightedMean,
      });
    }
    add('assignments', assignment);
    if ((i + 1) % BATCH === 0) await flush();
  }
  await flush();
  const setMeta = (key: string, value: string) => w.run('UPDATE meta SET value = ? WHERE key = ?', [value, key]);
  await setMeta('change_seq', String(changeSeq));
  await setMeta('audit_head_seq', String(auditSeq));
  await setMeta('audit_head_hash', auditHead);
  await w.commit();
  const [{ n }] = (await w.all<{ n: number | string }>('SELECT COUNT(*) AS n FROM assignments')) as [{ n: number | string }];
  return { assignments: Number(n), auditEvents: auditSeq, seconds: (Date.now() - started) / 1000 };
}

type Emit = (actor: string, action: string, subject: string, payload: Record<string, unknown>) => void;

/** The seeder's rows for each account: the user, its qualifications, and their audit events. */
async function addAccounts(w: BulkWriter, accounts: NonNullable<HistoryOptions['accounts']>, user: (r: Row) => void, qualification: (r: Row) => void, emit: Emit) {
  const [model] = await w.all<Row>('SELECT roles, active, password_hash FROM users WHERE username = ?', [accounts.like]);
  if (!model) throw new Error(`no account ${accounts.like} to copy`);
  const quals = await w.all<{ micro_credential_id: string; calibrated_until: string }>(
    'SELECT q.micro_credential_id, q.calibrated_until FROM qualifications q JOIN users u ON u.id = q.user_id WHERE u.username = ?', [accounts.like]);
  const roles = JSON.parse(String(model.roles)) as string[];
  for (const username of accounts.usernames) {
    user({ id: username, username, display_name: `Assessor ${username}`, roles: String(model.roles), active: model.active!, school: null, district: null, password_hash: model.password_hash!, demo: 0 });
    emit(ACTOR, 'user.created', username, { username, roles, active: Number(model.active) === 1 });
    for (const q of quals) {
      qualification({ user_id: username, micro_credential_id: q.micro_credential_id, calibrated_until: q.calibrated_until });
      emit(ACTOR, 'qualification.set', username, { microCredentialId: q.micro_credential_id, calibratedUntil: q.calibrated_until });
    }
  }
}
