import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeedManifest } from '../../server/seed/manifest.ts';
import { decide, MEDIA_TYPE_KINDS, validateReview } from '../../shared/index.ts';
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
      assessor1: ['assessor'], assessor2: ['assessor'], assessor3: ['assessor'],
      master1: ['master_rater'], staff1: ['staff'], intake1: ['integration'],
    });
  });

  it('qualifies assessor1 and assessor2 for both micro-credentials and lets assessor3 lapse', () => {
    for (const name of ['assessor1', 'assessor2']) {
      const current = user(name).qualifications.filter((q) => q.calibratedUntilDays > 0).map((q) => q.microCredentialId);
      expect(current.sort()).toEqual(m.microCredentials.map((x) => x.id).sort());
    }
    const lapsed = user('assessor3').qualifications;
    expect(lapsed.length).toBeGreaterThan(0);
    expect(lapsed.every((q) => q.calibratedUntilDays < 0)).toBe(true);
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

  it('carries decided reviews that are complete and yield "not yet", with some criteria met', () => {
    const decided = m.submissions.filter((s) => s.decidedReview);
    expect(decided.length).toBeGreaterThanOrEqual(2);
    for (const s of decided) {
      const rubric = rubricOf(s.microCredentialId);
      const review = s.decidedReview as NonNullable<typeof s.decidedReview>;
      expect(validateReview(rubric, { ...review, notes: [] })).toEqual([]);
      const outcome = decide(rubric, review.scores);
      expect(outcome.decision).toBe('not_yet');
      expect(outcome.criteria.some((c) => c.met)).toBe(true);
      expect(outcome.criteria.some((c) => !c.met)).toBe(true);
      for (const c of rubric.criteria) expect(review.criterionFeedback[c.id]?.trim().length ?? 0).toBeGreaterThan(40);
    }
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

  it('routes so assessor1 holds at least three open assignments, both resubmissions and the conflicted candidate, and assessor3 one from before its lapse', () => {
    const { assignee, open } = simulateRouting(m);
    for (const s of m.submissions.filter((x) => x.decidedReview)) expect(assignee.get(s.id)).toBe('assessor1');
    const a1 = open.get('assessor1') ?? [];
    expect(a1.length).toBeGreaterThanOrEqual(3);
    for (const s of m.submissions.filter((x) => x.previousSubmissionId !== null)) expect(a1).toContain(s.id);
    const a2 = user('assessor2');
    const conflicted = m.submissions.filter((s) => m.candidates.find((c) => c.ref === s.candidateRef)?.school === a2.school);
    for (const s of conflicted) expect(assignee.get(s.id)).not.toBe('assessor2');
    // assessor3 holds one, from before the qualification lapsed: its live work the calibration screen unlocks.
    expect([...assignee].filter(([, who]) => who === 'assessor3').map(([id]) => id)).toEqual(['sub-13']);
    const lapsed = user('assessor3').qualifications.find((q) => q.microCredentialId === 'mc-questioning')!;
    expect(lapsed.calibratedUntilDays).toBeLessThan(0);
    expect(m.submissions.find((s) => s.id === 'sub-13')!.submittedDaysAgo).toBeGreaterThan(-lapsed.calibratedUntilDays);
  });
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
