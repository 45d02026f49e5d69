// A small loopback hub speaking the calibration contract (shared/protocol/calibration.ts) for
// the workstation's calibration methods, on a branch where the reference hub does not serve
// those endpoints yet. It signs in, syncs and answers each endpoint with the documented shapes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CalibrationAttempt, SyncResponse, type Assignment, type Submission } from '../../../../shared/index.ts';
import { at, makeAssignment, makeMicroCredential, makeRubric, makeSubmission } from '../../store/support/fixtures.ts';

export type CalibrationHub = {
  url: string;
  /** Every request the hub answered, as "METHOD /path?query" with its JSON body. */
  requests: { line: string; body: unknown }[];
  /** The next answer to POST /v1/calibration/attempts, instead of a fresh attempt. */
  refuseStart: { status: number; code: string; message: string; details?: unknown } | null;
  /** Replaces the attempts listing (to answer something malformed). */
  attemptsBody: unknown;
  stop(): Promise<void>;
};

const json = (res: ServerResponse, status: number, body: unknown) => {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
};

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : JSON.parse(text);
}

export async function startCalibrationHub(): Promise<CalibrationHub> {
  const mc = makeMicroCredential();
  const live: Submission[] = [makeSubmission('s-live', { artifacts: [] })];
  const assignments: Assignment[] = [makeAssignment('a-live', 's-live')];
  let attempt: CalibrationAttempt | null = null;
  const hub: CalibrationHub = { url: '', requests: [], refuseStart: null, attemptsBody: null, stop: async () => undefined };

  const server = createServer((req, res) => {
    void (async () => {
      const body = await readJson(req);
      const url = new URL(req.url ?? '/', 'http://hub');
      const line = `${req.method} ${url.pathname}${url.search}`;
      hub.requests.push({ line, body });
      if (line === 'GET /v1/health') return json(res, 200, { ok: true });
      if (line === 'POST /v1/sessions') return json(res, 200, { token: 'tok', user: { id: 'u-assessor3', displayName: 'Assessor Three', roles: ['assessor'] } });
      if (url.pathname === '/v1/sync') {
        return json(res, 200, SyncResponse.parse({
          cursor: `c${hub.requests.length}`, assignments, revoked: [], submissions: live, rubrics: [makeRubric()], microCredentials: [mc],
          qualifications: [{ microCredentialId: mc.id, calibratedUntil: at(-10), state: 'expired' }],
        }));
      }
      if (line === 'POST /v1/calibration/attempts') {
        if (hub.refuseStart) return json(res, hub.refuseStart.status, { error: hub.refuseStart });
        for (const id of ['k1', 'k2']) {
          live.push(makeSubmission(`s-${id}`, { artifacts: [] }));
          assignments.push(makeAssignment(id, `s-${id}`, { role: 'calibration' }));
        }
        attempt = CalibrationAttempt.parse({ id: 'att-1', microCredentialId: mc.id, state: 'open', assignmentIds: ['k1', 'k2'], startedAt: at(0) });
        return json(res, 201, { attempt });
      }
      if (line === `GET /v1/calibration/attempts?microCredentialId=${mc.id}`) return json(res, 200, hub.attemptsBody ?? { attempts: attempt ? [attempt] : [] });
      if (line === `GET /v1/calibration-sets?microCredentialId=${mc.id}`) {
        return json(res, 200, { sets: [{ id: 'set-1', microCredentialId: mc.id, title: 'Set', state: 'draft', createdAt: at(-1), items: [{ submissionId: 's-x', masterScored: false }] }] });
      }
      if (line === 'POST /v1/calibration-sets/set-1/publish') return json(res, 409, { error: { code: 'not_ready', message: 'Not every item has a master score' } });
      if (line === 'GET /v1/micro-credentials') return json(res, 200, { microCredentials: [mc] });
      if (line === `PATCH /v1/micro-credentials/${mc.id}/policy`) {
        const patch = body as { slaDays?: unknown };
        if (typeof patch.slaDays !== 'number' || patch.slaDays > 365) {
          return json(res, 422, { error: { code: 'invalid', message: 'policy is invalid', details: [{ path: 'slaDays', message: 'must be at most 365' }] } });
        }
        mc.policy = { ...mc.policy, slaDays: patch.slaDays };
        return json(res, 200, { microCredential: mc });
      }
      return json(res, 404, { error: { code: 'not_found', message: `No route ${line}` } });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  hub.stop = () => new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
  return hub;
}
