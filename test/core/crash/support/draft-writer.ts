// Child process for the crash-durability test: saves draft patches in a tight loop and
// prints each revision only after save() returned (committed). It is SIGKILLed by the parent.
import { writeSync } from 'node:fs';
import { openStore } from '../../../../electron/core/store/open-store.ts';
import { CRASH_ASSIGNMENT, patchForRevision } from './revision-patch.ts';

const dbPath = process.argv[2];
if (!dbPath) throw new Error('usage: draft-writer.ts <db>');

const store = openStore(dbPath);
let revision = store.drafts.get(CRASH_ASSIGNMENT).revision;
writeSync(1, 'ready\n');
// A guard so a parent that failed to kill does not leave this loop running.
const stopAt = Date.now() + 20_000;
while (Date.now() < stopAt) {
  const saved = store.drafts.save(CRASH_ASSIGNMENT, patchForRevision(revision + 1), new Date());
  revision = saved.revision;
  writeSync(1, `${revision}\n`);
}
store.close();
