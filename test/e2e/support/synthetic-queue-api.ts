// An in-page Workstation API holding N generated assignments, injected as window.assay before
// the app loads. The UI benchmark uses it to time the renderer's queue alone (the core's own
// queue.list cost is measured by the core benchmarks).

type Item = Record<string, unknown>;

/** Runs in the browser (serialised by Playwright): keep it self-contained. */
export function installSyntheticQueueApi(count: number): void {
  const states = ['new', 'draft', 'queued', 'synced'];
  const mcs = [{ id: 'mc-q', title: 'Questioning to Deepen Student Thinking' }, { id: 'mc-f', title: 'Using Formative Assessment Data' }];
  const day = 86_400_000;
  const base = Date.UTC(2026, 10, 1);
  const items: Item[] = [];
  for (let i = 0; i < count; i += 1) {
    const mc = mcs[i % 2] as { id: string; title: string };
    items.push({
      assignmentId: `asg-${i}`, submissionId: `sub-${i}`, microCredentialId: mc.id, microCredentialTitle: mc.title,
      candidateRef: `cand-${String(i).padStart(5, '0')}`, attempt: 1 + (i % 3 === 0 ? 1 : 0), role: 'primary', assignmentState: 'assigned',
      assignedAt: new Date(base + (i % 30) * day).toISOString(), dueAt: new Date(base + ((i * 7) % 40) * day).toISOString(), overdue: i % 9 === 0,
      download: { state: 'complete', bytesDone: 1000, bytesTotal: 1000 }, reviewStatus: states[i % 4], qualificationExpired: false,
    });
  }
  const settings = { hubUrl: 'http://127.0.0.1:1', playbackRate: 1, pauseWhileTypingNote: true, shortcutsEnabled: true, shortcutMap: {}, cacheLimitMb: 20480, retentionDays: 30, downloadConcurrency: 3 };
  type Input = { filter?: { reviewStatus?: string[]; microCredentialId?: string; overdue?: boolean; text?: string }; sort?: { by: string; dir: string } };
  const list = (input: Input) => {
    const f = input.filter ?? {};
    const text = f.text?.toLowerCase();
    const rows = items.filter((it) =>
      (!f.reviewStatus || f.reviewStatus.includes(it.reviewStatus as string))
      && (!f.microCredentialId || it.microCredentialId === f.microCredentialId)
      && (f.overdue === undefined || it.overdue === f.overdue)
      && (!text || (it.candidateRef as string).includes(text)));
    const by = input.sort?.by === 'candidateRef' ? 'candidateRef' : 'dueAt';
    const dir = input.sort?.dir === 'desc' ? -1 : 1;
    rows.sort((a, b) => (String(a[by]) < String(b[by]) ? -dir : String(a[by]) > String(b[by]) ? dir : 0));
    return { items: rows, total: items.length, microCredentials: mcs };
  };
  const answers: Record<string, (input: Input) => unknown> = {
    'session.status': () => ({ signedIn: true, user: { id: 'u-bench', displayName: 'Bench Assessor', roles: ['assessor'] }, hubUrl: settings.hubUrl, demo: null }),
    'settings.get': () => settings,
    'sync.status': () => ({ state: 'idle', online: true, lastSyncAt: new Date(base).toISOString() }),
    'outbox.status': () => ({ pending: 0, failed: 0 }),
    'downloads.status': () => ({ files: [], batch: { filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, rateBps: 0, etaSec: null } }),
    'queue.list': list,
  };
  (window as unknown as { assay: unknown }).assay = {
    call: async (method: string, input: Input) => {
      const answer = answers[method];
      return answer ? { ok: true, value: answer(input) } : { ok: false, error: { code: 'not_found', message: `synthetic API has no ${method}` } };
    },
    subscribe: () => () => undefined,
  };
}
