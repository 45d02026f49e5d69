import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeedManifest } from '../../server/seed/manifest.ts';
import { agreementOf, decide, MEDIA_TYPE_KINDS, validateReview } from '../../shared/index.ts';
import type { Rubric } from '../../shared/index.ts';
import { DEMO_VIDEOS } from '../../scripts/demo-media/catalog.ts';
import { ebmlDocType, mp4TopLevelBoxes, pdfPageCount, pdfProblems } from './file-checks.ts';
import { simulateRouting } from './simulate-routing.ts';

const DEMO_DIR = resolve(import.meta.dirname, '../../resources/demo');
const raw: unknown = JSON.parse(readFileSync(join(DEMO_DIR, 'demo.json'), 'utf8'));
let m: SeedManifest;

beforeAll(() => {
  m = SeedManifest.parse(raw);
});

const rubricOf = (mcId: string): Rubric => {
  const mc = m.microCredentials.find((x) => x.id === mcId);
  const rubric = m.rubrics.find((r) => r.id === mc?.rubricId && r.version === mc?.rubricVersion);
  if (!rubric) throw new Error(`no rubric for ${mcId}`);
  return rubric;
};
const user = (username: string) => {
  const u = m.users.find((x) => x.username === username);
  if (!u) throw new Error(`no user ${username}`);
  return u;
};
const artifacts = () => m.submissions.flatMap((s) => s.artifacts.map((a) => ({ ...a, submission: s.id })));

describe('demo dataset: structure', () => {
  it('parses with the seed manifest schema', () => {
    expect(SeedManifest.safeParse(raw).success).toBe(true);
  });

  it('has a 5-point rubric with 4 criteria and a 7-point rubric with 5, every level described', () => {
    const shapes = m.rubrics.map((r) => `${r.scale.points}x${r.criteria.length}`).sort();
    expect(shapes).toEqual(['5x4', '7x5']);
    for (const r of m.rubrics) {
      for (const c of r.criteria) {
        expect(c.levels).toHaveLength(r.scale.points);
        expect(new Set(c.levels).size).toBe(r.scale.points);
      }
    }
    const rules = new Set(m.rubrics.flatMap((r) => r.criteria.map((c) => c.feedback)));
    expect(rules).toEqual(new Set(['optional', 'required', 'required_below_met']));
  });

  it('resolves every micro-credential, candidate and qualification reference, with unique ids', () => {
    for (const mc of m.microCredentials) expect(() => rubricOf(mc.id)).not.toThrow();
    const mcIds = new Set(m.microCredentials.map((x) => x.id));
    const refs = new Set(m.candidates.map((c) => c.ref));
    for (const s of m.submissions) {
      expect(mcIds.has(s.microCredentialId)).toBe(true);
      expect(refs.has(s.candidateRef)).toBe(true);
    }
    for (const u of m.users) for (const q of u.qualifications) expect(mcIds.has(q.microCredentialId)).toBe(true);
    for (const ids of [m.users.map((u) => u.id), m.users.map((u) => u.username), [...refs], m.submissions.map((s) => s.id)]) {
      expect(new Set(ids).size).toBe(ids.length);
    }
    expect(refs.size).toBe(m.candidates.length);
  });

  it('has the demo users with their roles', () => {
    const roles = Object.fromEntries(m.users.map((u) => [u.username, u.roles]));
    expect(roles).toMatchObject({
      assessor1: ['assessor'], assessor2: ['assessor'], assessor3: ['assessor'], assessor4: ['assessor'],
      master1: ['master_rater'], staff1: ['staff'], intake1: ['integration'],
    });
  });

  it('qualifies assessor1, assessor2 and assessor4 for both micro-credentials and lets assessor3 lapse', () => {
    for (const name of ['assessor1', 'assessor2', 'assessor4']) {
      const current = user(name).qualifications.filter((q) => q.calibratedUntilDays > 0).map((q) => q.microCredentialId);
      expect(current.sort()).toEqual(m.microCredentials.map((x) => x.id).sort());
    }
    const lapsed = user('assessor3').qualifications;
    expect(lapsed.length).toBeGreaterThan(0);
    expect(lapsed.every((q) => q.calibratedUntilDays < 0)).toBe(true);
  });

  it('double-scores Questioning like Digital Promise (first 50, adjudication, probation) and Formative data like NEA (all, consensus)', () => {
    const policy = (id: string) => m.microCredentials.find((x) => x.id === id)!.policy.doubleScoring;
    expect(policy('mc-questioning')).toMatchObject({ mode: 'first_n', n: 50, resolution: 'adjudication', probation: { reads: 20, releaseAt: 0.8 } });
    expect(policy('mc-formative-data')).toMatchObject({ mode: 'all', resolution: 'consensus', consensusDays: 3 });
    expect(policy('mc-formative-data').probation).toBeUndefined();
  });

  it('puts only the new assessor4 on probation: the other assessors are released on Questioning', () => {
    const released = (name: string) => user(name).qualifications.find((q) => q.microCredentialId === 'mc-questioning')?.releasedFromProbation;
    for (const name of ['assessor1', 'assessor2', 'assessor3']) expect(released(name), name).toBe(true);
    expect(released('assessor4')).toBe(false);
    expect(user('assessor4').displayName).toMatch(/\(new\)$/);
  });

  it('gives assessor2 a conflict with exactly one candidate, who has a submission, and assessor1 none', () => {
    const a2 = user('assessor2');
    const a1 = user('assessor1');
    const conflicted = m.candidates.filter((c) => c.school === a2.school || (a2.district !== undefined && c.district === a2.district));
    expect(conflicted).toHaveLength(1);
    expect(m.candidates.filter((c) => c.school === a2.school)).toHaveLength(1);
    expect(m.submissions.some((s) => s.candidateRef === conflicted[0]?.ref)).toBe(true);
    expect(m.candidates.some((c) => (a1.school && c.school === a1.school) || (a1.district && c.district === a1.district))).toBe(false);
  });

  it('keeps candidates pseudonymous: a ref, school and district only', () => {
    const rawCandidates = (raw as { candidates: Record<string, unknown>[] }).candidates;
    for (const c of rawCandidates) {
      expect(Object.keys(c).every((k) => ['ref', 'school', 'district'].includes(k))).toBe(true);
      expect(Object.keys(c).some((k) => /name/i.test(k))).toBe(false);
      expect(c.ref).toMatch(/^cand-[0-9A-Z]{5}$/);
    }
    const rawSubmissions = (raw as { submissions: Record<string, unknown>[] }).submissions;
    for (const s of rawSubmissions) expect(Object.keys(s).some((k) => /name/i.test(k))).toBe(false);
  });
});

describe('demo dataset: submissions and decisions', () => {
  it('has about twelve submissions across both micro-credentials, each with a video, a PDF and a reflection', () => {
    expect(m.submissions.length).toBeGreaterThanOrEqual(10);
    expect(m.submissions.length).toBeLessThanOrEqual(14);
    expect(new Set(m.submissions.map((s) => s.microCredentialId)).size).toBe(m.microCredentials.length);
    for (const s of m.submissions) {
      const types = s.artifacts.map((a) => a.mediaType);
      expect(types.filter((t) => t.startsWith('video/'))).toHaveLength(1);
      expect(types.filter((t) => t === 'application/pdf')).toHaveLength(1);
      expect(s.reflection.split('\n\n').length).toBeGreaterThanOrEqual(2);
      for (const t of types) expect(MEDIA_TYPE_KINDS[t]).toBeDefined();
    }
  });

  it('carries seeded reads that are complete, with feedback on every criterion', () => {
    const reads = m.submissions.flatMap((s) => [s.decidedReview, s.secondReview].filter((r) => r !== undefined).map((r) => ({ s, r })));
    expect(reads.length).toBeGreaterThanOrEqual(4);
    for (const { s, r } of reads) {
      const rubric = rubricOf(s.microCredentialId);
      expect(validateReview(rubric, { ...r, notes: [] }), s.id).toEqual([]);
      for (const c of rubric.criteria) expect(r.criterionFeedback[c.id]?.trim().length ?? 0, `${s.id} ${c.id}`).toBeGreaterThan(40);
    }
  });

  it('decides the resubmitted attempts "not yet", with some criteria met, and their two reads agree, so each is final single- or double-scored', () => {
    const resubmitted = m.submissions.filter((s) => m.submissions.some((x) => x.previousSubmissionId === s.id));
    expect(resubmitted).toHaveLength(2);
    for (const s of resubmitted) {
      const rubric = rubricOf(s.microCredentialId);
      const tolerance = m.microCredentials.find((x) => x.id === s.microCredentialId)!.policy.doubleScoring.tolerance;
      const outcome = decide(rubric, s.decidedReview!.scores);
      expect(outcome.decision).toBe('not_yet');
      expect(outcome.criteria.some((c) => c.met)).toBe(true);
      expect(outcome.criteria.some((c) => !c.met)).toBe(true);
      expect(agreementOf(rubric, s.decidedReview!.scores, s.secondReview!.scores, tolerance).agreed, s.id).toBe(true);
    }
  });

  it('seeds two reads that disagree past the tolerance on one submission of each micro-credential, a recent one for consensus', () => {
    const disagreements = m.submissions.filter((s) => s.secondReview
      && !agreementOf(rubricOf(s.microCredentialId), s.decidedReview!.scores, s.secondReview.scores, 1).agreed);
    expect(disagreements.map((s) => s.microCredentialId).sort()).toEqual(['mc-formative-data', 'mc-questioning']);
    const consensus = disagreements.find((s) => s.microCredentialId === 'mc-formative-data')!;
    // Consensus escalates after consensusDays; the reads are in when the submission arrived.
    expect(consensus.submittedDaysAgo).toBeLessThan(m.microCredentials.find((x) => x.id === 'mc-formative-data')!.policy.doubleScoring.consensusDays - 1);
  });

  it('has two resubmissions of decided earlier attempts by the same candidate, reusing the PDF with a new video', () => {
    const resubs = m.submissions.filter((s) => s.previousSubmissionId !== null);
    expect(resubs).toHaveLength(2);
    for (const s of resubs) {
      const index = m.submissions.indexOf(s);
      const prevIndex = m.submissions.findIndex((p) => p.id === s.previousSubmissionId);
      const prev = m.submissions[prevIndex];
      expect(prevIndex).toBeGreaterThanOrEqual(0);
      expect(prevIndex).toBeLessThan(index);
      expect(prev?.candidateRef).toBe(s.candidateRef);
      expect(prev?.microCredentialId).toBe(s.microCredentialId);
      expect(prev?.decidedReview).toBeDefined();
      expect(s.submittedDaysAgo).toBeLessThan(prev?.submittedDaysAgo ?? 0);
      const pdf = (x: typeof s | undefined) => x?.artifacts.find((a) => a.mediaType === 'application/pdf')?.file;
      const video = (x: typeof s | undefined) => x?.artifacts.find((a) => a.mediaType.startsWith('video/'))?.file;
      expect(pdf(s)).toBe(pdf(prev));
      expect(video(s)).not.toBe(video(prev));
    }
  });

  it('lists submissions oldest first', () => {
    const days = m.submissions.map((s) => s.submittedDaysAgo);
    expect(days).toEqual([...days].sort((a, b) => b - a));
  });

  // With --demo the generated history comes first, and Questioning's first 50 are in the past;
  // a hub seeded from the manifest alone (--seed, the desktop demo) double-scores them all.
  for (const [variant, prior] of [['after the demo history', 'history'], ['from the manifest alone', 'none']] as const) {
    describe(`routing ${variant}`, () => {
      const outcome = () => simulateRouting(m, prior === 'none' ? {} : Object.fromEntries(m.microCredentials.map((x) => [x.id, x.policy.doubleScoring.n])));
      const openOf = (name: string) => outcome().open.get(name) ?? [];

      it('gives assessor1 the decided first attempts and both resubmissions, in a queue of reasonable size, and keeps the conflicted candidate from assessor2', () => {
        const { assignee, second } = outcome();
        const resubmitted = m.submissions.filter((s) => m.submissions.some((x) => x.previousSubmissionId === s.id));
        for (const s of resubmitted) expect(assignee.get(s.id)).toBe('assessor1');
        const a1 = openOf('assessor1');
        for (const s of m.submissions.filter((x) => x.previousSubmissionId !== null)) expect(a1).toContainEqual({ submissionId: s.id, role: 'primary' });
        expect(a1.length).toBeGreaterThanOrEqual(3);
        expect(a1.length).toBeLessThanOrEqual(8);
        const a2 = user('assessor2');
        const conflicted = m.submissions.filter((s) => m.candidates.find((c) => c.ref === s.candidateRef)?.school === a2.school);
        for (const s of conflicted) expect([assignee.get(s.id), second.get(s.id)]).not.toContain('assessor2');
      });

      it('leaves assessor3 one live read from before its lapse, locked now', () => {
        expect(openOf('assessor3').filter((t) => t.role === 'primary').map((t) => t.submissionId)).toEqual(['sub-13']);
        const lapsed = user('assessor3').qualifications.find((q) => q.microCredentialId === 'mc-questioning')!;
        expect(lapsed.calibratedUntilDays).toBeLessThan(0);
        expect(m.submissions.find((s) => s.id === 'sub-13')!.submittedDaysAgo).toBeGreaterThan(-lapsed.calibratedUntilDays);
      });

      it('gives master1 one disagreement to adjudicate, and assessor1 and assessor2 one consensus task they share', () => {
        const { assignee, second, resolution } = outcome();
        expect(openOf('master1')).toEqual([{ submissionId: expect.any(String), role: 'adjudication' }]);
        const inConsensus = [...resolution].filter(([, state]) => state === 'consensus').map(([id]) => id);
        expect(inConsensus).toHaveLength(1);
        const id = inConsensus[0]!;
        expect([assignee.get(id), second.get(id)].sort()).toEqual(['assessor1', 'assessor2']);
        for (const name of ['assessor1', 'assessor2']) expect(openOf(name)).toContainEqual({ submissionId: id, role: 'consensus' });
      });

      it('keeps assessor4 on probation with live Questioning reads that get a second read, and every assessor with work to do', () => {
        const { second, resolution } = outcome();
        const mine = openOf('assessor4').filter((t) => t.role === 'primary' && m.submissions.find((s) => s.id === t.submissionId)!.microCredentialId === 'mc-questioning');
        expect(mine.length).toBeGreaterThan(0);
        for (const t of mine) expect(second.get(t.submissionId), t.submissionId).toMatch(/^assessor[12]$/);
        const paired = [...resolution].filter(([id, state]) => state !== 'awaiting_reads'
          && (outcome().assignee.get(id) === 'assessor4' || second.get(id) === 'assessor4'));
        expect(paired.length).toBeLessThan(20);
        for (const name of ['assessor1', 'assessor2', 'assessor4']) expect(openOf(name).length, name).toBeGreaterThan(2);
      });
    });
  }
});

describe('demo dataset: media files', () => {
  it('has every artifact on disk, with bytes matching its media type', () => {
    for (const a of artifacts()) {
      const path = join(DEMO_DIR, a.file);
      expect(existsSync(path), a.file).toBe(true);
      const bytes = readFileSync(path);
      if (a.mediaType === 'video/webm') {
        expect(bytes.readUInt32BE(0)).toBe(0x1a45dfa3);
        expect(ebmlDocType(bytes)).toBe('webm');
      } else if (a.mediaType === 'video/mp4') {
        expect(bytes.toString('latin1', 4, 8)).toBe('ftyp');
        const boxes = mp4TopLevelBoxes(bytes);
        expect(boxes.indexOf('moov')).toBeGreaterThan(-1);
        expect(boxes.indexOf('moov'), `${a.file} is not faststart`).toBeLessThan(boxes.indexOf('mdat'));
      } else if (a.mediaType === 'application/pdf') {
        expect(bytes.toString('latin1', 0, 5)).toBe('%PDF-');
        expect(pdfProblems(bytes)).toEqual([]);
        expect(pdfPageCount(bytes)).toBeGreaterThanOrEqual(2);
        expect(pdfPageCount(bytes)).toBeLessThanOrEqual(3);
      } else if (a.mediaType === 'text/vtt') {
        expect(bytes.toString('utf8')).toMatch(/^WEBVTT[ \t\n]/);
      } else {
        throw new Error(`unexpected media type ${a.mediaType} for ${a.file}`);
      }
    }
  });

  it('keeps videos a few hundred KB each, with durations matching the generated clips, in both formats', () => {
    const videos = artifacts().filter((a) => a.mediaType.startsWith('video/'));
    expect(new Set(videos.map((v) => v.mediaType))).toEqual(new Set(['video/webm', 'video/mp4']));
    expect(new Set(videos.map((v) => v.file)).size).toBe(videos.length);
    for (const v of videos) {
      const bytes = statSync(join(DEMO_DIR, v.file)).size;
      expect(bytes, v.file).toBeGreaterThan(100 * 1024);
      expect(bytes, v.file).toBeLessThan(1.5 * 1024 * 1024);
      const spec = DEMO_VIDEOS.find((x) => x.file === v.file);
      expect(v.durationSec).toBe(spec?.durationSec);
      expect(v.durationSec).toBeGreaterThanOrEqual(15);
      expect(v.durationSec).toBeLessThanOrEqual(30);
    }
  });

  it('keeps the media folder under 8 MB', () => {
    const dir = join(DEMO_DIR, 'media');
    const total = readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0);
    expect(total).toBeLessThan(8 * 1024 * 1024);
  });
});
