import type { Handlers } from '../http/router.ts';
import type { HubContext } from '../services/context.ts';
import type { Services } from '../services/index.ts';
import { createArtifactDownload } from './artifacts.ts';
import { createDecisionsExport } from './exports.ts';
import { intakeHandlers } from './intake.ts';
import { sessionHandlers } from './sessions.ts';
import { staffHandlers } from './staff.ts';
import { staffRecordHandlers } from './staff-records.ts';
import { workHandlers } from './work.ts';

/** One handler per HUB_ROUTES entry; the type makes a missing one a compile error. */
export function createHandlers(ctx: HubContext, services: Services): Handlers {
  return {
    ...sessionHandlers(services),
    ...workHandlers(services),
    ...intakeHandlers(services),
    ...staffHandlers(services),
    ...staffRecordHandlers(services),
    'GET /v1/artifacts/{artifactId}': createArtifactDownload(ctx),
    'GET /v1/exports/decisions.csv': createDecisionsExport(ctx),
  };
}
