import { Readable } from 'node:stream';
import type { Rubric } from '../../../shared/index.ts';
import { uuidV5 } from '../../credentials/stable-uuid.ts';
import type { PastClock } from '../past-clock.ts';
import type { HistoryOptions } from './cast.ts';
import type { Levels, Rater } from './raters.ts';
import type { Schedule } from './schedule.ts';

export const ACTOR = 'system';
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
const NAMESPACE = '5c6d1f3e-2b7a-4e8f-9d10-3a4b5c6d7e8f';

/** Everything the history's steps share while it runs. */
export type HistoryRun = {
  opts: HistoryOptions;
  clock: PastClock;
  schedule: Schedule;
  random: () => number;
  start: number;
  /** Live submissions stop arriving here; the year-end attempts come after all other work. */
  intakeEnd: number;
  endBy: number;
  /** The backlogged month: reads of work assigned from a week before it start late. */
  backlog: { start: number; end: number };
  rubrics: Map<string, Rubric>;
  raters: Map<string, Rater>;
  /** The levels the evidence of each live submission and calibration item supports (the master's on an item). */
  truth: Map<string, Levels>;
};

/** A stable id from a name, so the same history gets the same review and adjudication ids. */
export const stableId = (name: string): string => uuidV5(NAMESPACE, name);

export const iso = (ms: number): string => new Date(ms).toISOString();

export const between = (random: () => number, lo: number, hi: number): number => lo + random() * (hi - lo);

/** Levels a piece of evidence supports: `lean` −1 (not yet), 0 (met) or +1 (strong), kept off the ends of the scale. */
export function evidenceLevels(random: () => number, rubric: Rubric, lean: number): Levels {
  const top = rubric.scale.points - 1;
  return Object.fromEntries(rubric.criteria.map((c) => {
    const jitter = random() < 0.25 ? 1 : random() < 0.15 ? -1 : 0;
    return [c.id, Math.min(top, Math.max(2, c.metLevel + lean + jitter))];
  }));
}

const FEEDBACK = {
  below: 'The evidence does not yet show this consistently; the clip and the notes show it once, briefly.',
  met: 'The evidence shows this clearly and more than once, as the rubric describes.',
  above: 'Strong, sustained evidence: this is a model of the practice the rubric describes.',
} as const;

export function feedbackFor(rubric: Rubric, scores: Levels): Record<string, string> {
  return Object.fromEntries(rubric.criteria.map((c) => [c.id, FEEDBACK[scores[c.id]! < c.metLevel ? 'below' : scores[c.id]! > c.metLevel ? 'above' : 'met']]));
}

/** The master's rationale per criterion: the level's descriptor, as the demo's own anchors give it. */
export function rationaleFor(rubric: Rubric, scores: Levels): Record<string, string> {
  return Object.fromEntries(rubric.criteria.map((c) => {
    const level = scores[c.id]!;
    return [c.id, `Level ${level} (${rubric.scale.labels[level - 1]}): ${c.levels[level - 1]} The evidence shows this directly; the next level's descriptor is not met.`];
  }));
}

/** One tiny text artifact, stored like an upload. */
export async function textArtifact(run: HistoryRun, text: string): Promise<string> {
  const file = await run.clock.services.artifacts.store({ body: Readable.from([Buffer.from(text)]), contentType: 'text/plain', filename: 'lesson-notes.txt' }, ACTOR);
  return file.id;
}
