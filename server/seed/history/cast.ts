/** One assessor of the demo's past year: when they joined, what they score, and how they rate. */
export type HistoryAssessor = {
  id: string;
  username: string;
  displayName: string;
  microCredentialIds: readonly string[];
  /** Days after the history starts; they calibrate first, then take live work. */
  joinsDay: number;
  /** The share of levels one off the reference (master score or the submission's evidence), spread evenly over time. */
  slip: number;
  /** A planted drift: over the last `days` of the history, `slip` rises linearly to `to`. */
  drift?: { microCredentialId: string; days: number; to: number };
  /** A planted leniency: this share of the criterion's levels one above the reference. */
  lenient?: { microCredentialId: string; criterionId: string; share: number };
  /** Calibration attempts scored badly enough to fail, counted from joining (0 = the first); each is retaken. */
  fails?: readonly { microCredentialId: string; attempt: number }[];
};

/** A person who did the past work and has since left (deactivated at the end). */
export type HistoryPerson = { id: string; username: string; displayName: string };

/**
 * How much past work the demo gets, and who did it. The demo's history (DEMO_HISTORY)
 * carries the plants resources/demo/README.md "Past work" describes; tests may seed a
 * smaller one.
 */
export type HistoryOptions = {
  seed: number;
  /** First day of the history, and the last day live submissions arrive, in days before seeding. */
  fromDaysAgo: number;
  toDaysAgo: number;
  /** First attempts; some "not yet" ones are resubmitted, so there are more decisions than this. */
  submissions: number;
  assessors: readonly HistoryAssessor[];
  master: HistoryPerson;
  /** A calibration wave every `waveDays`: `itemsPerWave` new items per micro-credential, then an attempt by every assessor. */
  waveDays: number;
  itemsPerWave: number;
  /** The past policies once live work starts: validity items at this rate, this share double-scored (adjudicated). */
  validityRate: number;
  samplePercent: number;
  /** The backlogged calendar month (UTC), counted back from the month the history ends in. */
  backlogMonthsBeforeEnd: number;
};

const Q = 'mc-questioning';
const F = 'mc-formative-data';

export const DEMO_HISTORY: HistoryOptions = {
  seed: 12,
  fromDaysAgo: 390,
  toDaysAgo: 32,
  submissions: 1250,
  waveDays: 90,
  itemsPerWave: 10,
  validityRate: 0.15,
  samplePercent: 20,
  backlogMonthsBeforeEnd: 5,
  master: { id: 'u-hist-master', username: 'mbrandt', displayName: 'Margit Brandt' },
  assessors: [
    { id: 'u-hist-amara', username: 'aokafor', displayName: 'Amara Okafor', microCredentialIds: [Q, F], joinsDay: 0, slip: 0.08 },
    { id: 'u-hist-elena', username: 'epetrova', displayName: 'Elena Petrova', microCredentialIds: [Q, F], joinsDay: 0, slip: 0.06 },
    { id: 'u-hist-ingrid', username: 'iholm', displayName: 'Ingrid Holm', microCredentialIds: [Q, F], joinsDay: 0, slip: 0.09 },
    {
      id: 'u-hist-jonas', username: 'jweber', displayName: 'Jonas Weber', microCredentialIds: [Q], joinsDay: 0, slip: 0.02,
      drift: { microCredentialId: Q, days: 90, to: 0.3 },
    },
    { id: 'u-hist-lucas', username: 'lmoreau', displayName: 'Lucas Moreau', microCredentialIds: [Q, F], joinsDay: 0, slip: 0.11, fails: [{ microCredentialId: F, attempt: 2 }] },
    {
      id: 'u-hist-priya', username: 'pnatarajan', displayName: 'Priya Natarajan', microCredentialIds: [F], joinsDay: 0, slip: 0,
      lenient: { microCredentialId: F, criterionId: 'fa-analyzes', share: 0.8 },
    },
    { id: 'u-hist-samuel', username: 'sosei', displayName: 'Samuel Osei', microCredentialIds: [Q, F], joinsDay: 0, slip: 0.1 },
    { id: 'u-hist-tomas', username: 'truiz', displayName: 'Tomás Ruiz', microCredentialIds: [Q, F], joinsDay: 0, slip: 0.13, fails: [{ microCredentialId: F, attempt: 0 }] },
    { id: 'u-hist-hana', username: 'hsato', displayName: 'Hana Sato', microCredentialIds: [Q, F], joinsDay: 120, slip: 0.07 },
    { id: 'u-hist-diego', username: 'dalvarez', displayName: 'Diego Alvarez', microCredentialIds: [Q, F], joinsDay: 120, slip: 0.12, fails: [{ microCredentialId: Q, attempt: 0 }] },
  ],
};

/**
 * The same people and plants over half a year with six of the assessors, for tests and
 * quick starts (`--demo-history brief`): a seventh of the work, still more than a page of
 * decisions, and enough reads for every plant's flag. Validity items and second reads come
 * more often so that the lenient and drifting assessors reach the flags' minimum counts.
 */
export const BRIEF_DEMO_HISTORY: HistoryOptions = {
  ...DEMO_HISTORY,
  fromDaysAgo: 222,
  submissions: 150,
  waveDays: 45,
  itemsPerWave: 6,
  validityRate: 0.35,
  samplePercent: 70,
  backlogMonthsBeforeEnd: 3,
  assessors: DEMO_HISTORY.assessors.filter((a) => ['aokafor', 'epetrova', 'iholm', 'jweber', 'pnatarajan', 'sosei'].includes(a.username)),
};
