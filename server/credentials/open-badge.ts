import { createHash } from 'node:crypto';
import { fail, ok, type Criterion, type Result } from '../../shared/index.ts';
import { evidenceNarrative } from './evidence.ts';
import { ASSAY_UUID_NAMESPACE, urnUuid, uuidV5 } from './stable-uuid.ts';

/** The two contexts OB 3.0 requires, in this order (OB 3.0 §AchievementCredential `@context`). */
export const OB3_CONTEXT = ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'] as const;

export type IssuerProfileConfig = { id: string; name: string; url: string };

export type OpenBadgeInput = {
  /** The final decision the credential records; its id is derived from this. */
  decisionId: string;
  /** A stable, non-public key for the candidate (never the email): the subject id is derived from it. */
  candidateSeed: string;
  recipient: { email: string; salt: string };
  microCredential: { id: string; title: string; competency: string; validForDays?: number };
  rubric: { id: string; version: number; scale: { labels: readonly string[] }; criteria: readonly Pick<Criterion, 'id' | 'title' | 'description' | 'metLevel' | 'levels'>[] };
  /** The final level per criterion id, 1..points. */
  levels: Readonly<Record<string, number>>;
  /** The final feedback per criterion id. */
  feedback: Readonly<Record<string, string>>;
  issuer: IssuerProfileConfig;
  decidedAt: string;
};

type Typed<T extends string> = { type: [T] };
export type RubricCriterionLevel = Typed<'RubricCriterionLevel'> & { id: string; name: string; description: string; level: string; points: string };
export type ResultDescription = Typed<'ResultDescription'> & {
  id: string;
  name: string;
  resultType: 'RubricCriterionLevel';
  rubricCriterionLevel: RubricCriterionLevel[];
  requiredLevel: string;
};
export type AchievementResult = Typed<'Result'> & { resultDescription: string; achievedLevel: string };
export type IdentityObject = { type: 'IdentityObject'; identityHash: string; identityType: 'emailAddress'; hashed: true; salt: string };
export type OpenBadgeCredential = {
  '@context': typeof OB3_CONTEXT;
  id: string;
  type: ['VerifiableCredential', 'OpenBadgeCredential'];
  issuer: Typed<'Profile'> & IssuerProfileConfig;
  validFrom: string;
  validUntil?: string;
  name: string;
  description: string;
  credentialSubject: Typed<'AchievementSubject'> & {
    id: string;
    identifier: [IdentityObject];
    achievement: Typed<'Achievement'> & {
      id: string;
      achievementType: 'MicroCredential';
      name: string;
      description: string;
      criteria: { narrative: string };
      version: string;
      resultDescription: ResultDescription[];
    };
    result: AchievementResult[];
  };
  evidence: [Typed<'Evidence'> & { name: string; narrative: string }];
};

/** OB 3.0 IdentityHash: `sha256$` + hex SHA-256 of the identifier followed by the salt, both UTF-8. */
export function identityHash(identifier: string, salt: string): string {
  return `sha256$${createHash('sha256').update(identifier + salt, 'utf8').digest('hex')}`;
}

/** Email addresses are compared case-insensitively in practice, so the hash covers the trimmed, lowercased form. */
export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

const DAY_MS = 86_400_000;
/** Whole seconds, so `validFrom`/`validUntil` and the JWT's `nbf`/`exp` name the same instants. */
const isoSeconds = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

function checkInput(input: OpenBadgeInput): Result<number> {
  const { rubric, levels, recipient, issuer, decidedAt, microCredential } = input;
  const points = rubric.scale.labels.length;
  const issues: { path: string; message: string }[] = [];
  for (const c of rubric.criteria) {
    const level = levels[c.id];
    if (!Number.isInteger(level) || level! < 1 || level! > points) issues.push({ path: `levels.${c.id}`, message: `must be a whole level 1..${points}` });
    if (c.levels.length !== points) issues.push({ path: `rubric.criteria.${c.id}.levels`, message: `needs ${points} descriptors` });
  }
  const known = new Set(rubric.criteria.map((c) => c.id));
  for (const id of Object.keys(levels)) if (!known.has(id)) issues.push({ path: `levels.${id}`, message: 'is not a criterion of this rubric' });
  if (!/^[^\s@]+@[^\s@]+$/.test(recipient.email.trim())) issues.push({ path: 'recipient.email', message: 'must be an email address' });
  if (recipient.salt.length < 8) issues.push({ path: 'recipient.salt', message: 'must be at least 8 characters' });
  for (const key of ['id', 'url'] as const) if (!URL.canParse(issuer[key])) issues.push({ path: `issuer.${key}`, message: 'must be a URI' });
  const at = Date.parse(decidedAt);
  if (Number.isNaN(at)) issues.push({ path: 'decidedAt', message: 'must be an ISO date-time' });
  const days = microCredential.validForDays;
  if (days !== undefined && !(Number.isInteger(days) && days > 0)) issues.push({ path: 'microCredential.validForDays', message: 'must be a whole number of days above 0' });
  return issues.length > 0 ? fail('invalid_credential_input', 'the decision cannot be expressed as an Open Badge', issues) : ok(at);
}

/**
 * The OpenBadgeCredential (OB 3.0) for one earned final decision. Pure: the same input gives the
 * same credential, ids included (name-based UUIDs under a namespace of the issuer's own).
 * Evidence is the per-criterion feedback as a narrative; no artifact, file or link is included.
 */
export function buildOpenBadgeCredential(input: OpenBadgeInput): Result<OpenBadgeCredential> {
  const checked = checkInput(input);
  if (!checked.ok) return checked;
  const { decisionId, candidateSeed, recipient, microCredential: mc, rubric, levels, feedback, issuer } = input;
  const ns = uuidV5(ASSAY_UUID_NAMESPACE, `issuer:${issuer.id}`);
  const achievementId = urnUuid(ns, `achievement:${mc.id}:${rubric.id}:${rubric.version}`);
  const points = rubric.scale.labels.length;
  const levelId = (criterionId: string, level: number) => urnUuid(ns, `level:${achievementId}:${criterionId}:${level}`);
  const levelName = (level: number) => rubric.scale.labels[level - 1]!;

  const resultDescription: ResultDescription[] = rubric.criteria.map((c) => ({
    id: urnUuid(ns, `criterion:${achievementId}:${c.id}`),
    type: ['ResultDescription'],
    name: c.title,
    resultType: 'RubricCriterionLevel',
    rubricCriterionLevel: c.levels.map((descriptor, i) => ({
      id: levelId(c.id, i + 1),
      type: ['RubricCriterionLevel'],
      name: levelName(i + 1),
      description: descriptor,
      level: String(i + 1),
      points: String(i + 1),
    })),
    requiredLevel: levelId(c.id, c.metLevel),
  }));
  const result: AchievementResult[] = rubric.criteria.map((c, i) => ({
    type: ['Result'],
    resultDescription: resultDescription[i]!.id,
    achievedLevel: levelId(c.id, levels[c.id]!),
  }));
  const required = rubric.criteria.map((c) => `- ${c.title}: ${levelName(c.metLevel)} (level ${c.metLevel} of ${points}) or above`).join('\n');
  const description = mc.competency.trim() || mc.title;
  const validFrom = isoSeconds(checked.value);

  const credential: OpenBadgeCredential = {
    '@context': OB3_CONTEXT,
    id: urnUuid(ns, `credential:${decisionId}`),
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { id: issuer.id, type: ['Profile'], name: issuer.name, url: issuer.url },
    validFrom,
    ...(mc.validForDays === undefined ? {} : { validUntil: isoSeconds(Date.parse(validFrom) + mc.validForDays * DAY_MS) }),
    name: mc.title,
    description,
    credentialSubject: {
      id: urnUuid(ns, `candidate:${candidateSeed}`),
      type: ['AchievementSubject'],
      identifier: [{ type: 'IdentityObject', identityHash: identityHash(normaliseEmail(recipient.email), recipient.salt), identityType: 'emailAddress', hashed: true, salt: recipient.salt }],
      achievement: {
        id: achievementId,
        type: ['Achievement'],
        achievementType: 'MicroCredential',
        name: mc.title,
        description,
        criteria: {
          narrative: `Evidence of practice is scored by calibrated assessors against the published rubric (${rubric.id}, version ${rubric.version}). Earning it takes every criterion at its required level:\n${required}`,
        },
        version: String(rubric.version),
        resultDescription,
      },
      result,
    },
    evidence: [
      {
        type: ['Evidence'],
        name: 'Assessor feedback by criterion',
        narrative: evidenceNarrative(rubric.criteria.map((c) => ({ title: c.title, levelName: levelName(levels[c.id]!), feedback: feedback[c.id] ?? '' }))),
      },
    ],
  };
  return ok(credential);
}
