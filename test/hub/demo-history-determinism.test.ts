import { beforeAll, describe, expect, it } from 'vitest';
import { createHub } from '../../server/app.ts';
import { BRIEF_DEMO_HISTORY, type HistoryOptions } from '../../server/seed/history/index.ts';
import { databaseUrlOf, hubSql, makeDataDir, removeHubData } from '../support/hub.ts';

// The demo history is generated, not written by hand: the same options give the same ids,
// levels, decisions and times on every run (its ids and the services' draws come from the seed).
const SMALL: HistoryOptions = {
  ...BRIEF_DEMO_HISTORY,
  fromDaysAgo: 110,
  submissions: 36,
  waveDays: 40,
  itemsPerWave: 4,
  assessors: BRIEF_DEMO_HISTORY.assessors.filter((a) => ['aokafor', 'jweber', 'pnatarajan'].includes(a.username)),
};
const AT = Date.parse('2026-03-10T09:00:00Z');

const HISTORY_ROWS = [
  "SELECT id, submission_id, assessor_id, role, state, assigned_at, due_at FROM assignments WHERE assessor_id LIKE 'u-hist-%' ORDER BY id",
  "SELECT id, assignment_id, submission_id, scores, decision, received_at FROM reviews WHERE assessor_id LIKE 'u-hist-%' ORDER BY id",
  "SELECT submission_id, decision, basis, decided_at, levels FROM decisions WHERE submission_id LIKE 'sub-h%' ORDER BY submission_id",
  "SELECT assignment_id, assessor_id, levels, master_levels, submitted_at FROM validity_reads ORDER BY assignment_id",
  "SELECT id, assessor_id, state, started_at, completed_at FROM calibration_attempts WHERE assessor_id LIKE 'u-hist-%' ORDER BY id",
  "SELECT submission_id, selected, rule FROM selections WHERE submission_id LIKE 'sub-h%' ORDER BY submission_id",
];

async function seeded(opts: HistoryOptions): Promise<Record<string, unknown>[][]> {
  const dataDir = makeDataDir();
  try {
    const hub = await createHub({ dataDir, databaseUrl: await databaseUrlOf(dataDir), demo: true, demoHistory: opts, now: () => new Date(AT) });
    await hub.close();
    const out = [];
    for (const statement of HISTORY_ROWS) out.push(await hubSql(dataDir, [statement]));
    return out;
  } finally {
    await removeHubData(dataDir);
  }
}

// Each seeding is a small history plus the live demo; on a busy machine one takes several seconds.
const SEEDING_MS = 300_000;

describe('demo history', () => {
  let first: Record<string, unknown>[][];
  beforeAll(async () => {
    first = await seeded(SMALL);
  }, SEEDING_MS);

  it('is the same for the same seed: ids, levels, decisions, double-scoring and validity draws', async () => {
    const [assignments, reviews, decisions, validity, attempts, selections] = first;
    expect(assignments!.length).toBeGreaterThan(40);
    expect(reviews!.length).toBeGreaterThan(40);
    expect(decisions!.length).toBeGreaterThanOrEqual(SMALL.submissions);
    expect(validity!.length, 'validity reads').toBeGreaterThan(0);
    expect(attempts!.length, 'calibration attempts').toBeGreaterThan(6);
    expect(selections!.some((s) => Number(s.selected) === 1 || s.selected === true), 'double-scored submissions').toBe(true);
    expect(await seeded(SMALL)).toEqual(first);
  }, SEEDING_MS);

  it('differs for another seed', async () => {
    const [other] = await seeded({ ...SMALL, seed: SMALL.seed + 1 });
    expect(other!.map((a) => a.id)).not.toEqual(first[0]!.map((a) => a.id));
  }, SEEDING_MS);
});
