// Decisions list benchmark (node test/bench/decisions.bench.ts [--engines sqlite,postgres]):
// GET /v1/decisions over 100,000 final decisions, on SQLite and on PostgreSQL (a cluster of
// its own), through the hub's HTTP API: a page of 200 (the Decisions screen's page) with no
// filter, with each filter, with every filter at once, and a keyset page 90,000 rows deep.
// Decisions are bulk-loaded into the hub's schema: three micro-credentials, ten assessors,
// every third decision read by two. The baseline, measured against the same hub in the same
// run, is GET /v1/health (the cost of an authenticated-free request and its answer).
// Targets: every page's median ≤ 100 ms, and the deep page no slower than 2× the first
// (keyset paging: the depth must not matter). PostgreSQL gets VACUUM ANALYZE after the load,
// as in hub.bench.ts. Writes bench-results/decisions.json.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DecisionsResponse } from '../../shared/index.ts';
import type { PgCluster } from '../support/postgres.ts';
import type { BulkWriter, Row } from './support/bulk-writer.ts';
import { within } from './support/deadline.ts';
import { startDeployment, type Engine } from './support/deployment.ts';
import { onEachEngine } from './support/engines.ts';

const SIZES = { decisions: 100_000, assessors: 10, candidates: 40_000, page: 200, deepRows: 90_000 };
const ROUNDS = { warmup: 2, timed: 9 };
const TARGETS = { pageMs: 100, deepVsFirst: 2 };
const MCS = ['dbench-a', 'dbench-b', 'dbench-c'];
const RUBRIC = 'dbench-rubric';
const PASSWORD = 'bench-password';
const BATCH = 5_000;
const DAY = 86_400_000;
const ASSESSORS = Array.from({ length: SIZES.assessors }, (_, i) => `db-a${i + 1}`);

const step = (what: string) => console.log(`[bench:decisions] ${what}`);
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function writeSeed(dir: string): string {
  const levels = ['Beginning', 'Developing', 'Proficient', 'Accomplished', 'Exemplary'];
  const manifest = {
    rubrics: [{ id: RUBRIC, version: 1, title: 'One criterion', scale: { points: 5, labels: levels }, threshold: 3,
      criteria: [{ id: 'k1', title: 'k1', description: 'Evidence.', weight: 1, metLevel: 3, feedback: 'optional', levels }] }],
    microCredentials: MCS.map((id) => ({ id, title: id, competency: 'Benchmarks.', issuer: 'Bench issuer', rubricId: RUBRIC, rubricVersion: 1, policy: { validity: { rate: 0 }, slaDays: 7 } })),
    users: [{ id: 'db-staff', username: 'db-staff', displayName: 'Bench staff', roles: ['staff'], active: true, password: PASSWORD, qualifications: [] }],
    candidates: [],
    submissions: [],
  };
  const file = join(dir, 'decisions-bench.json');
  writeFileSync(file, JSON.stringify(manifest));
  return file;
}

/** 100,000 decisions over a year, newest last; every third double-scored (two assessors). */
async function load(w: BulkWriter): Promise<void> {
  const start = Date.now() - 365 * DAY;
  const iso = (ms: number) => new Date(ms).toISOString();
  let decisions: Row[] = [];
  let assessors: Row[] = [];
  const flush = async () => {
    if (decisions.length === 0) return;
    await w.insert('decisions', decisions);
    await w.insert('decision_assessors', assessors);
    decisions = [];
    assessors = [];
  };
  await w.begin();
  for (let i = 0; i < SIZES.decisions; i++) {
    const decidedAt = iso(start + Math.floor((i / SIZES.decisions) * 360 * DAY));
    const submissionId = `db-sub-${i}`;
    const ids = i % 3 === 0 ? [ASSESSORS[i % 10]!, ASSESSORS[(i + 1) % 10]!] : [ASSESSORS[i % 10]!];
    decisions.push({ submission_id: submissionId, candidate_ref: `db-c-${i % SIZES.candidates}`, micro_credential_id: MCS[i % 3]!, attempt: 1 + (i % 2),
      decision: i % 4 === 0 ? 'not_yet' : 'earned', basis: i % 3 === 0 ? 'agreed' : 'single', decided_at: decidedAt, assessor_ids: JSON.stringify(ids),
      rubric_id: RUBRIC, rubric_version: 1, review_id: `db-rev-${i}`, levels: JSON.stringify({ k1: 1 + (i % 5) }) });
    for (const a of ids) assessors.push({ assessor_id: a, decided_at: decidedAt, submission_id: submissionId });
    if (decisions.length >= BATCH) await flush();
  }
  await flush();
  await w.commit();
}

async function timed(url: string, token: string | null, path: string, check: (body: string) => void): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < ROUNDS.warmup + ROUNDS.timed; i++) {
    const started = performance.now();
    const res = await fetch(`${url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(60_000) });
    const text = await res.text();
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`);
    if (i >= ROUNDS.warmup) ms.push(round(performance.now() - started, 2));
    if (i === 0) check(text);
  }
  return ms;
}

/** A full page, and nothing but rows the filter keeps: the timing must be of the real answer. */
const pageOf = (keep: (d: DecisionsResponse['decisions'][number]) => boolean) => (text: string) => {
  const page = DecisionsResponse.parse(JSON.parse(text));
  if (page.decisions.length !== SIZES.page || !page.next) throw new Error(`expected a full page of ${SIZES.page} with a next cursor, got ${page.decisions.length}`);
  const bad = page.decisions.find((d) => !keep(d));
  if (bad) throw new Error(`a row the filter should not keep: ${JSON.stringify(bad)}`);
};

/** The cursor after `rows` rows, by walking pages of 1,000 (not timed). */
async function cursorAfter(url: string, token: string, rows: number): Promise<string> {
  let cursor: string | undefined;
  for (let seen = 0; seen < rows; seen += 1000) {
    const res = await fetch(`${url}/v1/decisions?limit=1000${cursor ? `&cursor=${cursor}` : ''}`, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(60_000) });
    const page = DecisionsResponse.parse(await res.json());
    if (!page.next) throw new Error(`the list ended before ${rows} rows`);
    cursor = page.next;
  }
  return cursor!;
}

async function runEngine(engine: Engine, cluster: PgCluster | undefined, work: string) {
  step(`${engine}: starting a hub`);
  const d = await startDeployment({ engine, seed: writeSeed(work), dataDir: join(work, `hub-${engine}`), hubs: 1, cluster });
  try {
    step(`${engine}: loading ${SIZES.decisions.toLocaleString('en')} decisions`);
    const writer = await d.writer();
    const loadStarted = Date.now();
    try {
      await within(`${engine} decisions to load`, 10 * 60_000, load(writer));
      // As hub.bench.ts: autovacuum would have analysed a hub that grew over months; SQLite is left as the hub keeps it.
      if (engine === 'postgres') await within('VACUUM ANALYZE', 5 * 60_000, writer.run('VACUUM ANALYZE'));
    } finally {
      await writer.close();
    }
    const loadSeconds = round((Date.now() - loadStarted) / 1000);
    const url = d.hubs[0]!.url;
    const res = await fetch(`${url}/v1/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'db-staff', password: PASSWORD, deviceName: 'bench' }), signal: AbortSignal.timeout(60_000) });
    const token = ((await res.json()) as { token: string }).token;
    const recent = new Date(Date.now() - 40 * DAY).toISOString();
    const week = { from: new Date(Date.now() - 200 * DAY).toISOString(), to: new Date(Date.now() - 193 * DAY).toISOString() };
    const deep = await within(`${engine} deep cursor`, 5 * 60_000, cursorAfter(url, token, SIZES.deepRows));
    const p = `limit=${SIZES.page}`;
    const queries: [string, string, (d: DecisionsResponse['decisions'][number]) => boolean][] = [
      ['first page', `/v1/decisions?${p}`, () => true],
      ['micro-credential', `/v1/decisions?${p}&microCredentialId=dbench-b`, (x) => x.microCredentialId === 'dbench-b'],
      ['assessor and decision', `/v1/decisions?${p}&assessorId=db-a4&decision=earned`, (x) => x.assessorIds.includes('db-a4') && x.decision === 'earned'],
      ['basis', `/v1/decisions?${p}&basis=agreed`, (x) => x.basis === 'agreed'],
      ['one week', `/v1/decisions?${p}&from=${week.from}&to=${week.to}`, (x) => x.decidedAt >= week.from && x.decidedAt < week.to],
      ['everything at once', `/v1/decisions?${p}&microCredentialId=dbench-b&assessorId=db-a1&decision=earned&basis=single&from=2000-01-01T00:00:00.000Z&to=${recent}`,
        (x) => x.microCredentialId === 'dbench-b' && x.assessorIds.includes('db-a1') && x.decision === 'earned' && x.basis === 'single' && x.decidedAt < recent],
      [`page ${SIZES.deepRows.toLocaleString('en')} rows deep`, `/v1/decisions?${p}&cursor=${deep}`, () => true],
    ];
    const pages: Record<string, { medianMs: number; ms: number[]; pass: boolean }> = {};
    for (const [name, path, keep] of queries) {
      step(`${engine}: timing ${name}`);
      const ms = await within(`${engine} ${name} rounds`, 5 * 60_000, timed(url, token, path, pageOf(keep)));
      pages[name] = { medianMs: median(ms), ms, pass: median(ms) <= TARGETS.pageMs };
    }
    // A candidate's few decisions: a short answer, timed the same way.
    const candidate = await within(`${engine} candidate rounds`, 5 * 60_000, timed(url, token, `/v1/decisions?${p}&candidateRef=db-c-123`, (text) => {
      const rows = DecisionsResponse.parse(JSON.parse(text)).decisions;
      if (rows.length === 0 || rows.some((x) => x.candidateRef !== 'db-c-123')) throw new Error('the candidate filter answered other rows');
    }));
    pages['a candidate'] = { medianMs: median(candidate), ms: candidate, pass: median(candidate) <= TARGETS.pageMs };
    const health = await within(`${engine} baseline rounds`, 5 * 60_000, timed(url, null, '/v1/health', () => undefined));
    const first = pages['first page']!.medianMs;
    const deepMs = pages[`page ${SIZES.deepRows.toLocaleString('en')} rows deep`]!.medianMs;
    return {
      loadSeconds,
      pages,
      baseline: { what: 'GET /v1/health on the same hub', ms: health, medianMs: median(health) },
      deepVsFirst: { ratio: round(deepMs / Math.max(first, 0.1), 2), target: TARGETS.deepVsFirst, pass: deepMs <= TARGETS.deepVsFirst * first },
      pass: Object.values(pages).every((x) => x.pass) && deepMs <= TARGETS.deepVsFirst * first,
    };
  } finally {
    await within(`${engine} hub to stop`, 60_000, d.stop());
  }
}

async function main() {
  const results = await onEachEngine('decisions', runEngine, { sizes: SIZES, rounds: ROUNDS, targets: TARGETS });
  for (const [engine, r] of Object.entries(results)) {
    const figures = Object.entries(r.pages).map(([name, x]) => `${name} ${x.medianMs} ms${x.pass ? '' : ' (MISS)'}`).join('; ');
    console.log(`${engine}: ${figures}; deep/first ${r.deepVsFirst.ratio}× (${r.deepVsFirst.pass ? 'PASS' : 'MISS'}); baseline /v1/health ${r.baseline.medianMs} ms`);
  }
}

await main();
