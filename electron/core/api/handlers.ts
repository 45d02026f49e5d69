import type { Handlers } from '../../../shared/index.ts';
import { calibrationHandlers } from './calibration-handlers.ts';
import type { HandlerContext } from './context.ts';
import { reportsHandlers } from './reports-handlers.ts';
import { reviewHandlers } from './review-handlers.ts';
import { sessionHandlers } from './session-handlers.ts';
import { staffHandlers } from './staff-handlers.ts';
import { statusHandlers } from './status-handlers.ts';

/** The whole handler table, one implementation per contract method. */
export function createHandlers(ctx: HandlerContext): Handlers {
  return { ...sessionHandlers(ctx), ...reviewHandlers(ctx), ...statusHandlers(ctx), ...staffHandlers(ctx), ...calibrationHandlers(ctx), ...reportsHandlers(ctx) };
}
