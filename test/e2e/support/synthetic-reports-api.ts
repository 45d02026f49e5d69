// An in-page Workstation API for issuer staff holding a generated reliability report of N
// assessors × B monthly buckets, injected as window.assay before the app loads. The UI
// benchmark times the Reliability screen's charts with it, apart from the hub's own cost.

import type { ReliabilityReport } from '../../../shared/index.ts';

export type SyntheticReports = { assessors: number; buckets: number };

/** Runs in the browser (serialised by Playwright): keep it self-contained. */
export function installSyntheticReportsApi(opts: SyntheticReports): void {
  const criteria = ['c-analyzes', 'c-adjusts', 'c-feedback', 'c-reflection'];
  const v = (value: number) => ({ value });
  const wobble = (i: number, j: number) => Math.sin(i * 12.9898 + j * 78.233) * 0.5 + 0.5;
  const month = (k: number) => new Date(Date.UTC(2025, k, 1)).toISOString();
  const figures = (i: number, n: number) => ({ n, exact: v(0.6 + 0.35 * wobble(i, 1)), adjacent: v(0.95), qwk: v(0.5 + 0.4 * wobble(i, 2)), meanDifference: v(wobble(i, 3) - 0.5) });
  const comparison = (i: number, n: number) => {
    const counts = Array.from({ length: 5 }, (_, a) => Array.from({ length: 5 }, (_, b) => Math.round(n * (a === b ? 0.12 : Math.abs(a - b) === 1 ? 0.03 : 0.004) * (0.5 + wobble(i, a * 5 + b)))));
    return {
      ...figures(i, n), decision: { n: Math.floor(n / 4), agreement: v(0.9) },
      criteria: criteria.map((criterionId, c) => ({ criterionId, ...figures(i * 7 + c, n), meanDifference: v(i === 3 && c === 0 ? 0.8 : (wobble(i, c + 9) - 0.5) * 0.9) })),
      confusion: { points: 5 as const, n, counts },
    };
  };
  const assessors = Array.from({ length: opts.assessors }, (_, i) => ({
    assessorId: `u-a${i}`, displayName: `Assessor ${String(i + 1).padStart(2, '0')}`, master: comparison(i, 200), peer: comparison(i + 100, 150),
    drift: Array.from({ length: opts.buckets }, (_, k) => {
      const m = 0.7 + 0.25 * wobble(i, k) - (i === 5 && k >= opts.buckets - 3 ? 0.2 : 0);
      return { bucket: month(k).slice(0, 7), start: month(k), n: 12, exact: v(m), adjacent: v(0.95), measure: v(m) };
    }),
    flags: i === 3 ? [{ kind: 'lenient' as const, against: 'master' as const, criterionId: criteria[0]!, value: 0.8, threshold: 0.5, n: 200 }]
      : i === 5 ? [{ kind: 'drifting' as const, against: 'master' as const, value: 0.2, threshold: 0.1, n: 12 }] : [],
  }));
  const report = {
    microCredentialId: 'mc-bench', from: month(0), to: null, bucket: 'month', points: 5, criteria,
    criterionTitles: Object.fromEntries(criteria.map((c) => [c, `Criterion ${c.slice(2)}`])),
    policy: { measure: 'exact', passMark: 0.8 }, thresholds: { drift: 0.1, driftMinN: 10, bias: 0.5, biasMinN: 20 }, assessors,
  } satisfies ReliabilityReport;
  const policy = { calibration: { passMark: 0.8, measure: 'exact' } };
  const settings = { hubUrl: 'http://127.0.0.1:1', playbackRate: 1, pauseWhileTypingNote: true, shortcutsEnabled: true, shortcutMap: {}, cacheLimitMb: 20480, retentionDays: 30, downloadConcurrency: 3 };
  const answers: Record<string, () => unknown> = {
    'session.status': () => ({ signedIn: true, user: { id: 'u-staff', displayName: 'Bench Staff', roles: ['staff'] }, hubUrl: settings.hubUrl, demo: null }),
    'settings.get': () => settings,
    'sync.status': () => ({ state: 'idle', online: true, lastSyncAt: month(0) }),
    'outbox.status': () => ({ pending: 0, failed: 0 }),
    'downloads.status': () => ({ files: [], batch: { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, rateBps: 0, etaSec: null } }),
    'policy.list': () => ({ microCredentials: [{ id: 'mc-bench', title: 'Bench micro-credential', competency: '', issuer: 'Bench', rubricId: 'r', rubricVersion: 1, policy }] }),
    'reports.reliability': () => report,
  };
  (window as unknown as { assay: unknown }).assay = {
    call: async (method: string) => {
      const answer = answers[method];
      return answer ? { ok: true, value: answer() } : { ok: false, error: { code: 'not_found', message: `synthetic API has no ${method}` } };
    },
    subscribe: () => () => undefined,
  };
}
