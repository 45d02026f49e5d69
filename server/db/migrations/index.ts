import type { HubMigration } from '../migrate.ts';
import { initial } from './001-initial.ts';
import { oneOpenAssignmentPerRole } from './002-one-open-assignment-per-role.ts';
import { auditCheckpoints } from './003-audit-checkpoints.ts';
import { decisions } from './004-decisions.ts';
import { calibration } from './005-calibration.ts';
import { doubleScoring } from './006-double-scoring.ts';
import { recipients } from './007-recipients.ts';
import { auditRefsIndex } from './008-audit-refs.ts';
import { reviewScores } from './009-review-scores.ts';
import { reportRows } from './010-report-rows.ts';
import { turnaround } from './011-turnaround.ts';

/** Every hub schema migration, in order; the position is the schema version. */
export const HUB_MIGRATIONS: readonly HubMigration[] = [initial, oneOpenAssignmentPerRole, auditCheckpoints, decisions, calibration, doubleScoring, recipients, auditRefsIndex, reviewScores, reportRows, turnaround];
