import type { Handler, Handlers } from '../http/router.ts';
import type { HubContext } from '../services/context.ts';
import type { Services } from '../services/index.ts';
import { createArtifactDownload } from './artifacts.ts';
import { calibrationHandlers } from './calibration.ts';
import { createDecisionsExport } from './exports.ts';
import { intakeHandlers } from './intake.ts';
import { reportHandlers } from './reports.ts';
import { scoringHandlers } from './scoring.ts';
import { sessionHandlers } from './sessions.ts';
import { staffHandlers } from './staff.ts';
import { staffRecordHandlers } from './staff-records.ts';
import { workHandlers } from './work.ts';

/** One handler per HUB_ROUTES entry; the type makes a missing one a compile error. */
export function createHandlers(ctx: HubContext, services: Services): Handlers {
  const work = workHandlers(services);
  const staff = staffHandlers(services);
  // A consensus past its days escalates before anything that could show it (docs/PROTOCOL.md,
  // "Double scoring"); sync asks in its own statement (services/sync/sync.ts).
  const escalating = (h: Handler): Handler => async (rc) => {
    await services.scoring.escalateDue();
    return h(rc);
  };
  return {
    ...sessionHandlers(services),
    ...work,
    ...intakeHandlers(services),
    ...staff,
    ...scoringHandlers(services),
    ...calibrationHandlers(services),
    ...staffRecordHandlers(services),
    ...reportHandlers(services),
    'GET /v1/submissions/{submissionId}/result': escalating(staff['GET /v1/submissions/{submissionId}/result']),
    'GET /v1/artifacts/{artifactId}': createArtifactDownload(ctx),
    'GET /v1/exports/decisions.csv': createDecisionsExport(ctx),
  };
}
