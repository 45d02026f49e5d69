import type { AssignmentRole } from '../../../../shared/index.ts';

/**
 * How the queue and the workspace name an assignment's role. Primary work has no label:
 * a validity item is primary, and nothing on the device may set it apart from live work.
 */
export const ROLE_LABELS: Record<AssignmentRole, string | null> = {
  primary: null,
  second: 'Second read',
  adjudication: 'Adjudication',
  consensus: 'Consensus',
  calibration: 'Calibration',
  master: 'Master scoring',
};
