// An in-page Workstation API for issuer staff, injected as window.assay before the app loads:
// N generated decisions behind staff.decisions (keyset pages), one decision's story, and an
// audit chain that verifies or fails at a given seq, or a hub that cannot be reached at all.
// It lets the staff screens be checked in Chromium (layout, axe in both schemes) in states
// the demo hub does not have.

export type SyntheticStaff = { decisions: number; badSeq: number | null; offline: boolean };

/** Runs in the browser (serialised by Playwright): keep it self-contained. */
export function installSyntheticStaffApi(opts: SyntheticStaff): void {
  const base = Date.UTC(2026, 10, 20, 9);
  const iso = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
  const hex = (n: number) => n.toString(16).padStart(64, '0');
  const row = (i: number) => ({
    submissionId: `sub-${i}`, candidateRef: `cand-${String(i).padStart(5, '0')}`, microCredentialId: i % 2 ? 'mc-questioning' : 'mc-formative-data',
    attempt: 1, decision: i % 4 === 0 ? 'not_yet' : 'earned', basis: 'single', decidedAt: iso(-i), assessorIds: ['u-assessor1'], rubricId: 'rub-q', rubricVersion: 1,
  });
  const event = (seq: number) => ({ seq, at: iso(seq), actor: seq % 3 ? 'u-assessor1' : 'system', action: ['submission.received', 'assignment.created', 'review.submitted'][seq % 3], subject: `sub-${seq % 7}`, payload: {}, prevHash: hex(seq - 1), hash: hex(seq) });
  const checkpoint = { seq: 200, hash: hex(200), at: iso(201), signature: 'c2lnbmF0dXJl' };
  const verify = opts.badSeq === null
    ? { ok: true, checked: 240, checkpoints: 2, latestCheckpoint: checkpoint }
    : { ok: false, checked: 240, firstBadSeq: opts.badSeq, reason: 'entry_mismatch', checkpoints: 2, latestCheckpoint: checkpoint };
  const standing = { state: 'current', calibratedUntil: iso(60 * 24 * 90), lastAttempt: null };
  const labels = ['Beginning', 'Developing', 'Proficient', 'Accomplished', 'Exemplary'];
  const criterion = (id: string, title: string) => ({ id, title, description: '', weight: 1, metLevel: 3, feedback: 'optional', levels: labels.map((l) => `${title}: ${l}.`) });
  const rubric = { id: 'rub-q', version: 1, title: 'Questioning', scale: { points: 5, labels }, threshold: 3, criteria: [criterion('c-plan', 'Planning'), criterion('c-engage', 'Engagement')] };
  const story = (id: string) => {
    const d = row(Number(id.slice(4)));
    return {
      history: {
        submissionId: id, candidateRef: d.candidateRef, microCredentialId: d.microCredentialId, attempt: 1, submittedAt: iso(-3000), decision: d,
        events: [event(1), event(2), event(3)].map((e) => ({ ...e, subject: id })),
        reads: [{ reviewId: 'rev-1', assignmentId: 'as-1', assessorId: 'u-assessor1', role: 'primary', receivedAt: d.decidedAt, decision: d.decision, rubricId: 'rub-q', rubricVersion: 1, scores: { 'c-plan': 4, 'c-engage': 3 }, criterionFeedback: { 'c-engage': 'Most students took part.' }, overallFeedback: '', standing }],
        selection: null,
        attempts: [{ submissionId: id, attempt: 1, submittedAt: iso(-3000), decision: d.decision, decidedAt: d.decidedAt }],
        rubrics: [rubric],
      },
      result: {
        submissionId: id, status: 'final', decision: d.decision, decidedAt: d.decidedAt, reviewId: 'rev-1', rubricId: 'rub-q', rubricVersion: 1, weightedMean: 3.5, overallFeedback: '',
        criteria: [
          { criterionId: 'c-plan', title: 'Planning', level: 4, label: 'Accomplished', met: true, feedback: '' },
          { criterionId: 'c-engage', title: 'Engagement', level: 3, label: 'Proficient', met: true, feedback: 'Most students took part.' },
        ],
      },
    };
  };
  type Input = Record<string, unknown>;
  const hub: Record<string, (input: Input) => unknown> = {
    'staff.decisions': (input) => {
      const start = typeof input.cursor === 'string' ? Number(input.cursor.slice(1)) : 0;
      const limit = typeof input.limit === 'number' ? input.limit : 100;
      const end = Math.min(opts.decisions, start + limit);
      const decisions = Array.from({ length: end - start }, (_, k) => row(start + k));
      return end < opts.decisions ? { decisions, next: `c${end}` } : { decisions };
    },
    'staff.decisionsCsv': () => ({ csv: 'submissionId\r\nsub-0\r\n', filename: 'decisions.csv' }),
    'staff.history': (input) => story(String(input.submissionId)),
    'staff.credential': () => ({ credential: { type: ['VerifiableCredential', 'OpenBadgeCredential'] }, jwt: 'e30.e30.sig' }),
    'audit.verify': () => verify,
    'audit.events': (input) => {
      const after = typeof input.after === 'number' ? input.after : 0;
      const events = Array.from({ length: Math.max(0, Math.min(100, 240 - after)) }, (_, k) => event(after + k + 1));
      return after + events.length < 240 ? { events, next: after + events.length } : { events };
    },
    'audit.checkpoints': () => ({ checkpoints: [{ ...checkpoint, seq: 100, hash: hex(100) }, checkpoint] }),
  };
  const settings = { hubUrl: 'http://127.0.0.1:1', playbackRate: 1, pauseWhileTypingNote: true, shortcutsEnabled: true, shortcutMap: {}, cacheLimitMb: 20480, retentionDays: 30, downloadConcurrency: 3 };
  const local: Record<string, () => unknown> = {
    'session.status': () => ({ signedIn: true, user: { id: 'u-staff1', displayName: 'Demo Issuer Staff', roles: ['staff'] }, hubUrl: settings.hubUrl, demo: null }),
    'settings.get': () => settings,
    'sync.status': () => ({ state: 'idle', online: !opts.offline, lastSyncAt: iso(0) }),
    'outbox.status': () => ({ pending: 0, failed: 0 }),
    'downloads.status': () => ({ files: [], batch: { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, rateBps: 0, etaSec: null } }),
  };
  (window as unknown as { assay: unknown }).assay = {
    call: async (method: string, input: Input) => {
      if (local[method]) return { ok: true, value: local[method]() };
      if (!hub[method]) return { ok: false, error: { code: 'not_found', message: `synthetic API has no ${method}` } };
      if (opts.offline) return { ok: false, error: { code: 'offline', message: 'The hub at http://127.0.0.1:1 cannot be reached, and staff screens work only online.' } };
      return { ok: true, value: hub[method](input ?? {}) };
    },
    subscribe: () => () => undefined,
  };
}
