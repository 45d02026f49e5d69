import type { AssignmentRole } from '../../../shared/index.ts';
import type { AssignmentRecord } from '../../repos/assignments.ts';
import type { SubmissionRecord } from '../../repos/submissions.ts';
import { addDays, newId, randomBelow, type Tx } from '../context.ts';

const HUB_ID = /^([a-z]+)_[0-9a-f]{32}$/;
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const DIGITS = '0123456789';
/** A look-alike ref keeps at least this many random characters, so it is unlikely to meet a real candidate's ref later. */
const MIN_RANDOM = 6;

const pick = (alphabet: string) => alphabet[randomBelow(alphabet.length)]!;
const classOf = (ch: string) => (DIGITS.includes(ch) ? DIGITS : UPPER.includes(ch) ? UPPER : LOWER.includes(ch) ? LOWER : null);

/**
 * A fresh id of the same form as `like`: a hub-made id gets a new one with its prefix; an
 * integration's ref ("cand-7F3K2") keeps its leading word and separator and gets new
 * characters of the same kinds (digit, upper, lower) in the same places.
 */
export function lookalike(like: string): string {
  const hub = HUB_ID.exec(like);
  if (hub) return newId(hub[1]!);
  const prefix = /^[A-Za-z]+[-_.]/.exec(like)?.[0] ?? '';
  const rest = [...like.slice(prefix.length)];
  const classes = rest.map(classOf);
  const last = classes.filter((c) => c !== null).at(-1) ?? UPPER;
  while (classes.filter((c) => c !== null).length < MIN_RANDOM) {
    rest.push('');
    classes.push(last);
  }
  return prefix + rest.map((ch, i) => (classes[i] ? pick(classes[i]) : ch)).join('');
}

export type CopyOptions = {
  /** The live submission (or the item itself) whose id forms the copy imitates. */
  like: SubmissionRecord;
  assessorId: string;
  role: AssignmentRole;
  assignedAt: string;
  /** When the copy says it was submitted: the live submission's moment for a validity item. */
  submittedAt: string;
  slaDays: number;
  actor: string;
  rule: string;
};

/**
 * Hands a calibration item to an assessor as a new submission: fresh submission id,
 * candidate ref and artifact ids (new artifact rows sharing the item's stored files), the
 * item's reflection and rubric, submitted at the moment of handing out, attempt 1. The
 * copy is marked `copy` with its item in columns no wire shape reads, so nothing the
 * assessor fetches tells it from live work.
 */
export async function copyItemFor(tx: Tx, item: SubmissionRecord, opts: CopyOptions): Promise<{ submission: SubmissionRecord; assignment: AssignmentRecord }> {
  const { repos } = tx;
  let candidateRef = lookalike(opts.like.candidateRef);
  while (await repos.submissions.candidate(candidateRef)) candidateRef = lookalike(opts.like.candidateRef);
  await repos.submissions.upsertCandidate({ ref: candidateRef, school: null, district: null });
  const artifactIds: string[] = [];
  for (const a of await repos.artifacts.ofSubmission(item.id)) {
    const id = newId('art');
    await repos.artifacts.insert({ ...a, id }, opts.assignedAt, await repos.artifacts.storageId(a.id));
    artifactIds.push(id);
  }
  const submission: SubmissionRecord = {
    id: newId('sub'), microCredentialId: item.microCredentialId, candidateRef, attempt: 1, previousSubmissionId: null,
    submittedAt: opts.submittedAt, reflection: item.reflection, rubricId: item.rubricId, rubricVersion: item.rubricVersion,
  };
  await repos.submissions.insert(submission, artifactIds, { purpose: 'copy', sourceSubmissionId: item.id });
  const assignment: AssignmentRecord = {
    id: newId('asg'), submissionId: submission.id, assessorId: opts.assessorId, role: opts.role, state: 'assigned', assignedAt: opts.assignedAt,
    dueAt: addDays(opts.assignedAt, opts.slaDays), locked: {}, previousSubmissionId: null, previousReviewId: null, recusalReason: null,
    changeSeq: await repos.meta.nextChangeSeq(),
  };
  await repos.assignments.insert(assignment);
  await tx.audit(opts.actor, 'assignment.created', assignment.id, {
    submissionId: submission.id, assessorId: assignment.assessorId, role: assignment.role, dueAt: assignment.dueAt, rule: opts.rule, lockedCriteria: [],
    sourceSubmissionId: item.id,
  });
  return { submission, assignment };
}
