import { canonicalJson, ErrorCode, type CalibrationSet, type CalibrationSetCreateRequest, type StoredReview } from '../../../shared/index.ts';
import { conflict, invalid, notFound, type FieldIssue } from '../../http/errors.ts';
import type { AssignmentRecord } from '../../repos/assignments.ts';
import type { SetRecord } from '../../repos/calibration.ts';
import type { Repos } from '../../repos/index.ts';
import type { SubmissionRecord } from '../../repos/submissions.ts';
import { addDays, newId, type HubContext, type Tx } from '../context.ts';

const ended = (a: AssignmentRecord) => a.state === 'recused' || a.state === 'revoked';

/** An item's current master assignment (the newest one not recused or revoked). */
export async function masterAssignmentOf(repos: Repos, itemId: string): Promise<AssignmentRecord | undefined> {
  return (await repos.assignments.ofSubmission(itemId)).filter((a) => a.role === 'master' && !ended(a)).at(-1);
}

/** The master's review of a calibration item, once it is in. */
export async function masterReviewOf(repos: Repos, itemId: string): Promise<StoredReview | undefined> {
  const a = await masterAssignmentOf(repos, itemId);
  return a && a.state === 'submitted' ? (await repos.reviews.byAssignment(a.id))?.review : undefined;
}

async function toWireSet(repos: Repos, s: SetRecord): Promise<CalibrationSet> {
  const items = [];
  for (const submissionId of await repos.calibration.itemsOf(s.id)) {
    const a = await masterAssignmentOf(repos, submissionId);
    items.push(a ? { submissionId, masterAssignmentId: a.id, masterScored: a.state === 'submitted' } : { submissionId, masterScored: false });
  }
  const wire: CalibrationSet = { id: s.id, microCredentialId: s.microCredentialId, title: s.title, state: s.state, createdAt: s.createdAt, items };
  if (s.publishedAt) wire.publishedAt = s.publishedAt;
  return wire;
}

/**
 * Calibration sets: items (intake submissions with purpose "calibration") each scored by
 * a master rater, published once every master review is in.
 */
export function createCalibrationSets(ctx: HubContext) {
  /** An active master rater with no conflict of interest and the least open work (username breaks ties). */
  async function routeMaster(tx: Tx, item: SubmissionRecord, actor: string, exclude: ReadonlySet<string> = new Set()): Promise<AssignmentRecord | null> {
    const { repos } = tx;
    const candidate = await repos.submissions.candidate(item.candidateRef);
    const open = await repos.assignments.openWork();
    const recusers = await repos.assignments.recusersOf(item.candidateRef);
    const same = (a: string | null | undefined, b: string | null | undefined) => a != null && b != null && a === b;
    const chosen = (await repos.users.withRole('master_rater'))
      .filter((u) => u.active && !exclude.has(u.id) && !recusers.has(u.id) && !(candidate && (same(u.school, candidate.school) || same(u.district, candidate.district))))
      .sort((a, b) => (open.get(a.id) ?? 0) - (open.get(b.id) ?? 0) || (a.username < b.username ? -1 : a.username > b.username ? 1 : 0))[0];
    if (!chosen) {
      await tx.audit(actor, 'calibration.item_unassigned', item.id, { reason: 'no_eligible_master_rater' });
      return null;
    }
    const mc = await repos.catalog.microCredential(item.microCredentialId);
    const assignedAt = ctx.now().toISOString();
    const record: AssignmentRecord = {
      id: newId('asg'), submissionId: item.id, assessorId: chosen.id, role: 'master', state: 'assigned', assignedAt,
      dueAt: addDays(assignedAt, mc!.policy.slaDays), locked: {}, previousSubmissionId: null, previousReviewId: null, recusalReason: null,
      changeSeq: await repos.meta.nextChangeSeq(),
    };
    await repos.assignments.insert(record);
    await tx.audit(actor, 'assignment.created', record.id, {
      submissionId: item.id, assessorId: chosen.id, role: 'master', dueAt: record.dueAt, rule: 'least_open_work', lockedCriteria: [],
    });
    return record;
  }

  async function checkItems(repos: Repos, req: CalibrationSetCreateRequest): Promise<SubmissionRecord[]> {
    const issues: FieldIssue[] = [];
    const items: SubmissionRecord[] = [];
    for (const [i, id] of req.submissionIds.entries()) {
      const path = `submissionIds.${i}`;
      const s = await repos.submissions.byId(id);
      const use = s && (await repos.submissions.useOf(id));
      if (!s || !use) issues.push({ path, message: 'no such submission' });
      else if (use.purpose !== 'calibration') issues.push({ path, message: 'not a calibration submission (intake purpose "calibration")' });
      else if (s.microCredentialId !== req.microCredentialId) issues.push({ path, message: 'is for another micro-credential' });
      else if (req.submissionIds.indexOf(id) !== i) issues.push({ path, message: 'listed twice' });
      else if (await repos.calibration.setOfItem(id)) issues.push({ path, message: 'already an item of another calibration set' });
      else items.push(s);
    }
    if (issues.length > 0) throw invalid('the calibration set is invalid', issues);
    return items;
  }

  const create = (actor: string, req: CalibrationSetCreateRequest): Promise<{ status: 200 | 201; set: CalibrationSet }> => ctx.write(async (tx) => {
    const { repos } = tx;
    const existing = req.id ? await repos.calibration.set(req.id) : undefined;
    if (existing) {
      const same = existing.microCredentialId === req.microCredentialId && existing.title === req.title
        && canonicalJson(await repos.calibration.itemsOf(existing.id)) === canonicalJson(req.submissionIds);
      if (!same) throw invalid('calibration set id taken', [{ path: 'id', message: 'already used for a different calibration set' }]);
      return { status: 200, set: await toWireSet(repos, existing) };
    }
    if (!(await repos.catalog.microCredential(req.microCredentialId))) throw invalid('unknown micro-credential', [{ path: 'microCredentialId', message: 'no such micro-credential' }]);
    const items = await checkItems(repos, req);
    const record: SetRecord = { id: req.id ?? newId('cset'), microCredentialId: req.microCredentialId, title: req.title, state: 'draft', createdAt: ctx.now().toISOString(), publishedAt: null };
    await repos.calibration.insertSet(record, req.submissionIds);
    await tx.audit(actor, 'calibration_set.created', record.id, { microCredentialId: record.microCredentialId, title: record.title, submissionIds: req.submissionIds });
    for (const item of items) await routeMaster(tx, item, actor);
    return { status: 201, set: await toWireSet(repos, record) };
  });

  const publish = (actor: string, id: string): Promise<CalibrationSet> => ctx.write(async (tx) => {
    const { repos } = tx;
    const set = await repos.calibration.set(id);
    if (!set) throw notFound('calibration set');
    const wire = await toWireSet(repos, set);
    if (set.state === 'published') return wire;
    const pending = wire.items.filter((i) => !i.masterScored).map((i) => i.submissionId);
    if (pending.length > 0) throw conflict(ErrorCode.notReady, `${pending.length} item(s) still need a master score`, { pending });
    const at = ctx.now().toISOString();
    await repos.calibration.publish(id, at);
    await tx.audit(actor, 'calibration_set.published', id, { microCredentialId: set.microCredentialId, submissionIds: wire.items.map((i) => i.submissionId) });
    return { ...wire, state: 'published', publishedAt: at };
  });

  return {
    routeMaster,
    create,
    publish,
    list: (microCredentialId?: string) => ctx.read(async (repos) => {
      const out: CalibrationSet[] = [];
      for (const s of await repos.calibration.sets(microCredentialId)) out.push(await toWireSet(repos, s));
      return out;
    }),
    get: (id: string) => ctx.read(async (repos) => {
      const s = await repos.calibration.set(id);
      if (!s) throw notFound('calibration set');
      return toWireSet(repos, s);
    }),
  };
}

export type CalibrationSets = ReturnType<typeof createCalibrationSets>;
