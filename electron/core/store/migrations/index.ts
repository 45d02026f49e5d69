import type { Migration } from '../../../../shared/sqlite/migrate.ts';
import { initial } from './001-initial.ts';
import { owner } from './002-owner.ts';
import { salvage } from './003-salvage.ts';
import { calibration } from './004-calibration.ts';
import { opened } from './005-opened.ts';
import { adjudication } from './006-adjudication.ts';

/** Every workstation schema migration, in order; the position is the schema version. */
export const STORE_MIGRATIONS: readonly Migration[] = [initial, owner, salvage, calibration, opened, adjudication];
