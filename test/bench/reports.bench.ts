// Reports benchmark (node test/bench/reports.bench.ts [--engines sqlite,postgres]): the
// reliability report over 1,000,000 level pairs and the turnaround report over 100,000
// decisions, on SQLite and on PostgreSQL (a cluster of its own), through the hub's HTTP API.
// Generated, seeded history bulk-loaded into the hub's schema: 100,000 decided live
// submissions on a 10-criterion rubric, half of them double-scored (50,000 × 10 criteria ×
// both readers = 1,000,000 pairs), plus 10,000 validity reads. The baseline, measured in the
// same run, is shared/stats tallying the same 1,000,000 pairs in memory. Targets: reliability
// ≤ 1 s, turnaround ≤ 500 ms (median of the timed rounds). Writes bench-results/reports.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { agreementStats, seededRandom } from '../../shared/index.ts';
import type { PgCluster } from '../support/postgres.ts';
import type { BulkWriter, Row } from './support/bulk-writer.ts';
import { within } from './support/deadline.ts';
import { startDeployment, type Engine } from './support/deployment.ts';
import { onEachEngine } from './support/engines.ts';

const SIZES = { decided: 100_000, doubleScored: 50_000, validity: 10_000, criteria: 10, assessors: 10 };
const ROUNDS = { warmup: 1, timed: 5 };
const TARGETS = { reliabilityMs: 1000, turnaroundMs: 500 };
const MC = 'rbench-mc';
const RUBRIC = 'rbench-rubric';
const PASSWORD = 'bench-password';
const DAY = 86_400_000;
const BATCH = 5_000;
const CRITERIA = Array.from({ length: SIZES.criteria }, (_, i) => `k${i + 1}`);
const ASSESSORS = Array.from({ length: SIZES.assessors }, (_, i) => `rb-a${i + 1}`);

const step = (what: string) => console.log(`[bench:reports] ${what}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function writeSeed(dir: string): string {
  const levels = ['Beginning', 'Developing', 'Proficient', 'Accomplished', 'Exemplary'];
  const manifest = {
    rubrics: [{ id: RUBRIC, version: 1, title: 'Ten criteria', scale: { points: 5, labels: levels }, threshold: 3,
      criteria: CRITERIA.map((id) => ({ id, title: id, description: `Evidence of ${id}.`, weight: 1, metLevel: 3, feedback: 'required_below_met', levels: levels.map((l) => `${l} ${id}`) })) }],
    microCredentials: [{ id: MC, title: 'Reports bench', competency: 'Benchmarks.', issuer: 'Bench issuer', rubricId: RUBRIC, rubricVersion: 1, policy: { validity: { rate: 0 }, slaDays: 7 } }],
    users: [
      ...ASSESSORS.map((id) => ({ id, username: id, displayName: `Assessor ${id}`, roles: ['assessor'], active: true, password: PASSWORD, qualifications: [{ microCredentialId: MC, calibratedUntilDays: 365 }] })),
      { id: 'rb-staff', username: 'rb-staff', displayName: 'Bench staff', roles: ['staff'], active: true, password: PASSWORD, qualifications: [] },
    ],
    candidates: [],
    submissions: [],
  };
  const file = join(dir, 'reports-bench.json');
  writeFileSync(file, JSON.stringify(manifest));
  return file;
}

/** Seeded history: each assessor leans by a fixed amount, so the figures are not uniform. */
async function loadHistory(w: BulkWriter): Promise<{ pairs: { rater: Uint8Array; reference: Uint8Array } }> {
  const rand = seededRandom(20261201);
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const levelOf = (lean: number) => Math.min(5, Math.max(1, 1 + Math.floor(rand() * 5) + (rand() < 0.3 ? lean : 0)));
  const pairs = { rater: new Uint8Array(SIZES.doubleScored * SIZES.criteria * 2), reference: new Uint8Array(SIZES.doubleScored * SIZES.criteria * 2) };
  let p = 0;
  let seq = 1;
  const tables: Record<string, Row[]> = { candidates: [], submissions: [], assignments: [], reviews: [], decisions: [], read_pairs: [], validity_reads: [] };
  // Parents before children: the tables are listed in that order.
  const flush = async () => {
    for (const [table, rows] of Object.entries(tables)) {
      if (rows.length === 0) continue;
      await w.insert(table, rows);
      tables[table] = [];
    }
  };
  const read = (sub: string, assessor: string, role: string, at: number, scores: Record<string, number>) => {
    const assignment = `rb-asg-${seq}`;
    const review = `rb-rev-${seq}`;
    const decision = CRITERIA.every((c) => scores[c]! >= 3) ? 'earned' : 'not_yet';
    tables.assignments!.push({ id: assignment, submission_id: sub, assessor_id: assessor, role, state: 'submitted', assigned_at: iso(at - DAY), due_at: iso(at + 6 * DAY),
      locked: '{}', previous_submission_id: null, previous_review_id: null, recusal_reason: null, change_seq: seq++ });
    const body = { id: review, assignmentId: assignment, submissionId: sub, assessorId: assessor, rubricId: RUBRIC, rubricVersion: 1, scores,
      criterionFeedback: Object.fromEntries(CRITERIA.map((c) => [c, `Feedback on ${c}.`])), overallFeedback: 'Thank you.', notes: [], timeSpentSec: 900, decision, receivedAt: iso(at) };
    tables.reviews!.push({ id: review, assignment_id: assignment, submission_id: sub, assessor_id: assessor, body: JSON.stringify(body), decision, weighted_mean: 3, received_at: iso(at),
      scores: JSON.stringify(scores) });
    return { assignment, review, decision };
  };
  await w.begin();
  for (let i = 0; i < SIZES.decided; i++) {
    const sub = `rb-sub-${i}`;
    const submittedAt = now - 365 * DAY + Math.floor((i / SIZES.decided) * 360 * DAY);
    const decidedAt = submittedAt + Math.floor(rand() * 12 * DAY);
    const a = i % SIZES.assessors;
    tables.candidates!.push({ ref: `rb-c-${i}`, school: null, district: null });
    tables.submissions!.push({ id: sub, micro_credential_id: MC, candidate_ref: `rb-c-${i}`, attempt: 1, previous_submission_id: null, submitted_at: iso(submittedAt),
      reflection: 'A reflection.', rubric_id: RUBRIC, rubric_version: 1, purpose: 'live', source_submission_id: null });
    const first = Object.fromEntries(CRITERIA.map((c) => [c, levelOf(a % 3 === 0 ? 1 : 0)]));
    const primary = read(sub, ASSESSORS[a]!, 'primary', decidedAt, first);
    const assessorIds = [ASSESSORS[a]!];
    if (i < SIZES.doubleScored) {
      const b = (a + 1 + (i % (SIZES.assessors - 1))) % SIZES.assessors;
      const second = Object.fromEntries(CRITERIA.map((c) => [c, levelOf(b % 4 === 0 ? -1 : 0)]));
      const secondRead = read(sub, ASSESSORS[b]!, 'second', decidedAt - 3_600_000, second);
      assessorIds.push(ASSESSORS[b]!);
      tables.read_pairs!.push({ submission_id: sub, micro_credential_id: MC, first_assessor_id: ASSESSORS[a]!, first_scores: JSON.stringify(first), first_decision: primary.decision,
        second_assessor_id: ASSESSORS[b]!, second_scores: JSON.stringify(second), second_decision: secondRead.decision, completed_at: iso(decidedAt) });
      for (const c of CRITERIA) {
        pairs.rater[p] = first[c]!; pairs.reference[p++] = second[c]!;
        pairs.rater[p] = second[c]!; pairs.reference[p++] = first[c]!;
      }
    }
    tables.decisions!.push({ submission_id: sub, candidate_ref: `rb-c-${i}`, micro_credential_id: MC, attempt: 1, decision: primary.decision, basis: i < SIZES.doubleScored ? 'agreement' : 'single',
      decided_at: iso(decidedAt), submitted_at: iso(submittedAt), decided_day: Math.floor(decidedAt / DAY), duration_ms: decidedAt - submittedAt, assessor_ids: JSON.stringify(assessorIds), rubric_id: RUBRIC, rubric_version: 1, review_id: primary.review, levels: JSON.stringify(first) });
    if (i < SIZES.validity) {
      const copy = `rb-copy-${i}`;
      tables.submissions!.push({ id: copy, micro_credential_id: MC, candidate_ref: `rb-c-${i}`, attempt: 1, previous_submission_id: null, submitted_at: iso(submittedAt),
        reflection: 'A reflection.', rubric_id: RUBRIC, rubric_version: 1, purpose: 'copy', source_submission_id: `rb-item-${i % 50}` });
      const mine = Object.fromEntries(CRITERIA.map((c) => [c, levelOf(a === 1 ? 1 : 0)]));
      const master = CRITERIA.map(() => levelOf(0));
      const r = read(copy, ASSESSORS[a]!, 'primary', decidedAt, mine);
      tables.validity_reads!.push({ assignment_id: r.assignment, assessor_id: ASSESSORS[a]!, micro_credential_id: MC, source_submission_id: `rb-item-${i % 50}`,
        submitted_at: iso(decidedAt), points: 5, levels: JSON.stringify(CRITERIA.map((c) => mine[c])), master_levels: JSON.stringify(master) });
    }
    if (tables.reviews!.length >= BATCH) await flush();
  }
  await flush();
  await w.commit();
  return { pairs };
}

async function timed(url: string, token: string, path: string): Promise<{ ms: number[]; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  for (let i = 0; i < ROUNDS.warmup + ROUNDS.timed; i++) {
    const started = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(120_000) });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`);
    if (i >= ROUNDS.warmup) ms.push(round(performance.now() - started, 1));
    bytes = text.length;
  }
  return { ms, bytes };
}

function baseline(pairs: { rater: Uint8Array; reference: Uint8Array }): number[] {
  const ms: number[] = [];
  for (let i = 0; i < ROUNDS.timed; i++) {
    const started = performance.now();
    const s = agreementStats({ points: 5, rater: pairs.rater, reference: pairs.reference });
    if (!s.ok) throw new Error(s.error.message);
    ms.push(round(performance.now() - started, 1));
  }
  return ms;
}

async function runEngine(engine: Engine, cluster: PgCluster | undefined, work: string) {
  const dataDir = join(work, `hub-${engine}`);
  step(`${engine}: starting a hub`);
  const d = await startDeployment({ engine, seed: writeSeed(work), dataDir, hubs: 1, cluster });
  try {
    step(`${engine}: loading ${SIZES.decided} decisions, ${SIZES.doubleScored} double-scored, ${SIZES.validity} validity reads`);
    const writer = await d.writer();
    const loadStarted = Date.now();
    let pairs;
    try {
      pairs = (await within(`${engine} history to load`, 15 * 60_000, loadHistory(writer))).pairs;
    } finally {
      await writer.close();
    }
    const loadSeconds = round((Date.now() - loadStarted) / 1000);
    const res = await fetch(`${d.hubs[0]!.url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'rb-staff', password: PASSWORD, deviceName: 'bench' }), signal: AbortSignal.timeout(60_000) });
    const token = ((await res.json()) as { token: string }).token;
    step(`${engine}: timing the reliability report`);
    const reliability = await within(`${engine} reliability rounds`, 10 * 60_000, timed(d.hubs[0]!.url, token, `/v1/reports/reliability?microCredentialId=${MC}&bucket=month`));
    step(`${engine}: timing the turnaround report`);
    const turnaround = await within(`${engine} turnaround rounds`, 10 * 60_000, timed(d.hubs[0]!.url, token, `/v1/reports/turnaround?microCredentialId=${MC}&bucket=week`));
    const stats = baseline(pairs);
    return {
      loadSeconds,
      reliability: { ...reliability, medianMs: median(reliability.ms), target: TARGETS.reliabilityMs, pass: median(reliability.ms) <= TARGETS.reliabilityMs },
      turnaround: { ...turnaround, medianMs: median(turnaround.ms), target: TARGETS.turnaroundMs, pass: median(turnaround.ms) <= TARGETS.turnaroundMs },
      baseline: { what: 'shared/stats agreementStats over the same 1,000,000 pairs in memory', ms: stats, medianMs: median(stats) },
      reliabilityVsBaseline: round(median(reliability.ms) / Math.max(median(stats), 0.1), 2),
    };
  } finally {
    await within(`${engine} hub to stop`, 60_000, d.stop());
  }
}

async function main() {
  const results = await onEachEngine('reports', runEngine, { sizes: SIZES, rounds: ROUNDS, targets: TARGETS });
  console.log(JSON.stringify(results, null, 2));
}

await main();
