import type { Migration } from '../../../shared/sqlite/migrate.ts';
import { initial } from './001-initial.ts';

/** Every hub schema migration, in order; the position is the schema version. */
export const HUB_MIGRATIONS: readonly Migration[] = [initial];
