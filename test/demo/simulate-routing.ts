// The demo's routing expectation, computed from the manifest: primary assignments go to the
// eligible assessor with the least open work (tie-break by username); a resubmission goes
// back to the assessor who decided the previous attempt; a decided attempt's review is
// submitted at once, so it stops counting as open work. Eligible means qualified for the
// micro-credential (unexpired when routed: at submission with `routedWhenSubmitted`, else
// at seeding) and not sharing a school or district with the candidate.
import type { SeedManifest } from '../../server/seed/manifest.ts';

export type RoutingOutcome = { assignee: Map<string, string>; open: Map<string, string[]> };

export function simulateRouting(m: SeedManifest): RoutingOutcome {
  const assignee = new Map<string, string>();
  const open = new Map<string, string[]>();
  const assessors = m.users.filter((u) => u.roles.includes('assessor') && u.active);
  const candidates = new Map(m.candidates.map((c) => [c.ref, c]));
  for (const s of m.submissions) {
    const cand = candidates.get(s.candidateRef);
    let chosen = s.previousSubmissionId === null ? undefined : assignee.get(s.previousSubmissionId);
    if (chosen === undefined) {
      const eligible = assessors.filter((u) => {
        const routedDaysAgo = m.routedWhenSubmitted ? s.submittedDaysAgo : 0;
        const qualified = u.qualifications.some((q) => q.microCredentialId === s.microCredentialId && q.calibratedUntilDays > -routedDaysAgo);
        const conflict =
          (u.school !== undefined && u.school === cand?.school) || (u.district !== undefined && u.district === cand?.district);
        return qualified && !conflict;
      });
      eligible.sort((a, b) => (open.get(a.username)?.length ?? 0) - (open.get(b.username)?.length ?? 0) || a.username.localeCompare(b.username));
      chosen = eligible[0]?.username;
    }
    if (chosen === undefined) throw new Error(`no eligible assessor for ${s.id}`);
    assignee.set(s.id, chosen);
    if (s.decidedReview === undefined) open.set(chosen, [...(open.get(chosen) ?? []), s.id]);
  }
  return { assignee, open };
}
