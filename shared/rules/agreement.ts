import type { Decision, Rubric } from '../domain/index.ts';
import { decide } from './decision.ts';

export type LevelDifference = { criterionId: string; first: number; second: number; difference: number; beyondTolerance: boolean };

export type AgreementOutcome = {
  /** Same decision and no criterion more than `tolerance` levels apart. */
  agreed: boolean;
  decisions: { first: Decision; second: Decision };
  /** Every criterion whose levels differ at all, in rubric order. */
  differing: LevelDifference[];
};

/**
 * The double-scoring agreement rule (issue #11). Both reads must be complete; the decision
 * of each is derived with the shared earning rule, so two reads with close levels can still
 * disagree through the weighted mean.
 */
export function agreementOf(
  rubric: Rubric,
  first: Readonly<Record<string, number>>,
  second: Readonly<Record<string, number>>,
  tolerance: number,
): AgreementOutcome {
  const a = decide(rubric, first).decision;
  const b = decide(rubric, second).decision;
  if (a === null || b === null) throw new Error('agreementOf needs two complete reads');
  const differing = rubric.criteria.flatMap((c) => {
    const x = first[c.id] as number;
    const y = second[c.id] as number;
    const difference = Math.abs(x - y);
    return difference === 0 ? [] : [{ criterionId: c.id, first: x, second: y, difference, beyondTolerance: difference > tolerance }];
  });
  return { agreed: a === b && differing.every((d) => !d.beyondTolerance), decisions: { first: a, second: b }, differing };
}

/** FNV-1a over the UTF-16 code units: a fixed, documented hash (not for secrecy). */
function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * The sample mode's draw for the `ordinal`-th live submission (0-based) of a micro-credential:
 * splitmix32's finaliser over FNV-1a of "seed|microCredentialId|ordinal", as a fraction in
 * [0, 1). The submission is selected when draw < percent / 100. Anyone holding the seed can
 * recompute every draw from the audit log (docs/PROTOCOL.md, "Double scoring").
 */
export function sampleDraw(seed: string, microCredentialId: string, ordinal: number): number {
  let z = (fnv1a32(`${seed}|${microCredentialId}|${ordinal}`) + 0x9e3779b9) >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  z = (z ^ (z >>> 16)) >>> 0;
  return z / 2 ** 32;
}
