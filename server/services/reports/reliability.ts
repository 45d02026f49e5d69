import type { AttemptItem, DriftPoint, Points, ReliabilityQuery, ReliabilityReport, Rubric } from '../../../shared/index.ts';
import { invalid } from '../../http/errors.ts';
import type { Repos } from '../../repos/index.ts';
import type { HubContext } from '../context.ts';
import { bucketer } from './buckets.ts';
import { flagsOf, THRESHOLDS } from './flags.ts';
import { comparisonOf, figuresOf, pooled, Side } from './tally.ts';

type Assessor = { master: Side; peer: Side };

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

/**
 * The reliability report: each assessor's agreement with master scores (calibration
 * attempt items and validity reads) and with the other reader of double-scored
 * submissions, per criterion and per bucket, with flags (a pair the caller read is left out
 * while it is being resolved). Three statements fetch compact rows; one pass tallies them
 * into confusion matrices, and every figure is derived from those matrices by shared/stats.
 */
export function createReliability(ctx: HubContext) {
  return (q: ReliabilityQuery, callerId: string): Promise<ReliabilityReport> => ctx.read(async (repos) => {
    const mc = await repos.catalog.microCredential(q.microCredentialId);
    if (!mc) throw invalid('unknown micro-credential', [{ path: 'microCredentialId', message: 'no such micro-credential' }]);
    const rubric = (await repos.catalog.rubric(mc.rubricId, mc.rubricVersion))!;
    const points = rubric.scale.points as Points;
    const period = { from: q.from, to: q.to };
    const [validity, attempts, pairs] = [
      await repos.reports.validityPairs(mc.id, period), await repos.reports.attempts(mc.id, period), await repos.reports.peerPairs(mc.id, period),
    ];
    // A master rater who read a submission still being resolved would read the other read's
    // levels off a one-pair tally: that pair stays out of their report until the result is final.
    const peers = pairs.filter((r) => r.resolutionState === 'final' || (r.firstId !== callerId && r.secondId !== callerId));

    const assessors = new Map<string, Assessor>();
    const of = (id: string): Assessor => {
      let a = assessors.get(id);
      if (!a) assessors.set(id, (a = { master: new Side(points), peer: new Side(points) }));
      return a;
    };
    const rubrics = await rubricsOf(repos, validity);
    const bucketAt = bucketer(q.bucket);
    for (const r of validity) {
      const side = of(r.assessorId).master;
      const bucket = bucketAt(r.at);
      const criteria = rubrics.get(`${r.rubricId}@${r.rubricVersion}`)?.criteria ?? [];
      const levels = JSON.parse(r.levels) as number[];
      const master = JSON.parse(r.masterLevels) as number[];
      criteria.forEach((c, i) => side.add(c.id, levels[i], master[i], bucket));
      side.decision(r.decision, r.masterDecision);
    }
    for (const r of attempts) {
      const side = of(r.assessorId).master;
      const bucket = bucketAt(r.at);
      for (const item of parse<{ items?: AttemptItem[] }>(r.outcome)?.items ?? []) {
        for (const c of item.criteria) side.add(c.criterionId, c.level, c.masterLevel, bucket);
        side.decision(item.decision, item.masterDecision);
      }
    }
    for (const r of peers) {
      const first = parse<Record<string, number>>(r.firstScores) ?? {};
      const second = parse<Record<string, number>>(r.secondScores) ?? {};
      const a = of(r.firstId).peer;
      const b = of(r.secondId).peer;
      for (const [criterionId, level] of Object.entries(first)) {
        a.add(criterionId, level, second[criterionId]);
        b.add(criterionId, second[criterionId], level);
      }
      a.decision(r.firstDecision, r.secondDecision);
      b.decision(r.secondDecision, r.firstDecision);
    }

    const order = rubric.criteria.map((c) => c.id);
    const policy = { measure: mc.policy.calibration.measure, passMark: mc.policy.calibration.passMark };
    const ids = [...assessors.keys()].sort();
    const names = await repos.reports.displayNames(ids);
    return {
      microCredentialId: mc.id, from: q.from ?? null, to: q.to ?? null, bucket: q.bucket, points, criteria: order,
      criterionTitles: Object.fromEntries(rubric.criteria.map((c) => [c.id, c.title])), policy, thresholds: { ...THRESHOLDS },
      assessors: ids.map((assessorId) => {
        const a = assessors.get(assessorId)!;
        const series = [...a.master.buckets.entries()].sort((x, y) => (x[1].start < y[1].start ? -1 : 1));
        const drift: DriftPoint[] = series.map(([bucket, { start, tally }]) => {
          const f = figuresOf(tally, points);
          return { bucket, start, n: f.n, exact: f.exact, adjacent: f.adjacent, measure: policy.measure === 'exact' ? f.exact : f.adjacent };
        });
        const earlierFigures = figuresOf(pooled(series.slice(0, -1).map(([, b]) => b.tally), points), points);
        const master = comparisonOf(a.master, order);
        const peer = comparisonOf(a.peer, order);
        const earlier = { n: earlierFigures.n, measure: policy.measure === 'exact' ? earlierFigures.exact : earlierFigures.adjacent };
        return { assessorId, displayName: names.get(assessorId) ?? assessorId, master, peer, drift, flags: flagsOf({ master, peer, policy, drift, earlier }) };
      }),
    };
  });
}

/** The rubrics the validity reads were scored on (their levels are in rubric order). */
async function rubricsOf(repos: Repos, rows: readonly { rubricId: string; rubricVersion: number }[]): Promise<Map<string, Rubric>> {
  const out = new Map<string, Rubric>();
  for (const r of rows) {
    const key = `${r.rubricId}@${r.rubricVersion}`;
    if (out.has(key)) continue;
    const rubric = await repos.catalog.rubric(r.rubricId, r.rubricVersion);
    if (rubric) out.set(key, rubric);
  }
  return out;
}
