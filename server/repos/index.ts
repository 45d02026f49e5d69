import type { Db } from '../db/open.ts';
import { createArtifactsRepo } from './artifacts.ts';
import { createAssignmentsRepo } from './assignments.ts';
import { createAuditRepo } from './audit.ts';
import { createCatalogRepo } from './catalog.ts';
import { createMetaRepo } from './meta.ts';
import { createReviewsRepo } from './reviews.ts';
import { createSubmissionsRepo } from './submissions.ts';
import { createTokensRepo } from './tokens.ts';
import { createUsersRepo } from './users.ts';

export function createRepos(db: Db) {
  return {
    users: createUsersRepo(db),
    tokens: createTokensRepo(db),
    catalog: createCatalogRepo(db),
    artifacts: createArtifactsRepo(db),
    submissions: createSubmissionsRepo(db),
    assignments: createAssignmentsRepo(db),
    reviews: createReviewsRepo(db),
    meta: createMetaRepo(db),
    audit: createAuditRepo(db),
  };
}

export type Repos = ReturnType<typeof createRepos>;
