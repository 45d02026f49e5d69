import type { Engine } from '../db/dialect.ts';
import type { Executor } from '../db/open.ts';
import { createArtifactsRepo } from './artifacts.ts';
import { createAssignmentsRepo } from './assignments.ts';
import { createAuditRepo } from './audit.ts';
import { createCalibrationRepo } from './calibration.ts';
import { createCheckpointsRepo } from './checkpoints.ts';
import { createDecisionsRepo } from './decisions.ts';
import { createCatalogRepo, type RubricCache } from './catalog.ts';
import { createChangesRepo } from './changes.ts';
import { createMetaRepo } from './meta.ts';
import { createRecipientsRepo } from './recipients.ts';
import { createReportsRepo } from './reports.ts';
import { createReviewsRepo } from './reviews.ts';
import { createScoringRepo } from './scoring.ts';
import { createSubmissionsRepo } from './submissions.ts';
import { createTokensRepo } from './tokens.ts';
import { createUsersRepo } from './users.ts';

/** What outlives one transaction: the engine, and caches of immutable rows. */
export type RepoShared = { engine: Engine; rubricCache: RubricCache };

/** Every repo, bound to one executor: the pool for single statements, or one transaction. */
export function createRepos(db: Executor, shared: RepoShared) {
  return {
    users: createUsersRepo(db, shared.engine),
    tokens: createTokensRepo(db),
    catalog: createCatalogRepo(db, shared.rubricCache),
    artifacts: createArtifactsRepo(db),
    submissions: createSubmissionsRepo(db),
    assignments: createAssignmentsRepo(db),
    reviews: createReviewsRepo(db),
    meta: createMetaRepo(db),
    audit: createAuditRepo(db),
    checkpoints: createCheckpointsRepo(db),
    decisions: createDecisionsRepo(db, shared.engine),
    scoring: createScoringRepo(db),
    changes: createChangesRepo(db, shared.engine),
    calibration: createCalibrationRepo(db),
    recipients: createRecipientsRepo(db),
    reports: createReportsRepo(db, shared.engine),
  };
}

export type Repos = ReturnType<typeof createRepos>;
