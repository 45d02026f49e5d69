import type { Executor } from '../db/open.ts';

export type Recipient = { email: string; salt: string };

/** Credential recipients by submission (migration 007); read only to issue a credential. */
export function createRecipientsRepo(db: Executor) {
  return {
    async insert(submissionId: string, r: Recipient): Promise<void> {
      await db.insertInto('recipients').values({ submission_id: submissionId, email: r.email, salt: r.salt }).execute();
    },
    async of(submissionId: string): Promise<Recipient | undefined> {
      return db.selectFrom('recipients').select(['email', 'salt']).where('submission_id', '=', submissionId).executeTakeFirst();
    },
  };
}

export type RecipientsRepo = ReturnType<typeof createRecipientsRepo>;
