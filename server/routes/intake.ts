import { IntakeSubmissionRequest } from '../../shared/index.ts';
import { readJson } from '../http/body.ts';
import { invalid, parseOr422 } from '../http/errors.ts';
import type { Handler } from '../http/router.ts';
import type { Services } from '../services/index.ts';

function durationHeader(raw: string | string[] | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(n) || n < 0) {
    throw invalid('X-Duration-Sec is not a duration', [{ path: 'X-Duration-Sec', message: 'must be a number of seconds, 0 or more' }]);
  }
  return n;
}

/** The issuer's systems hand in artifacts (raw bytes) and then submissions that list them. */
export function intakeHandlers(services: Services) {
  const artifact: Handler = async ({ req, caller }) => {
    const header = req.headers['x-filename'];
    const stored = await services.artifacts.store(
      {
        body: req,
        contentType: req.headers['content-type'],
        filename: Array.isArray(header) ? header[0] : header,
        declaredBytes: Number(req.headers['content-length'] ?? 0),
        durationSec: durationHeader(req.headers['x-duration-sec']),
      },
      caller!.userId,
    );
    return { status: 201, body: { artifact: stored } };
  };

  const submission: Handler = async ({ req, caller }) => {
    const body = parseOr422(IntakeSubmissionRequest, await readJson(req), 'submission');
    return services.intake.intake(body, { actor: caller!.userId });
  };

  return {
    'POST /v1/intake/artifacts': artifact,
    'POST /v1/intake/submissions': submission,
  } as const;
}
