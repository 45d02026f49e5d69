import { createHash } from 'node:crypto';
import { access, rm } from 'node:fs/promises';
import { readPlaintextRange } from '../media/encrypted-file.ts';
import type { ArtifactNeed } from '../store/types.ts';

/**
 * Whether a finished .enc already holds exactly the artifact (a crash can fall between the
 * rename and the store recording it). A file that does not verify is removed.
 */
export async function verifyEncryptedFile(path: string, key: Buffer, need: Pick<ArtifactNeed, 'bytes' | 'sha256'>): Promise<boolean> {
  try {
    await access(path);
  } catch {
    return false;
  }
  try {
    const hash = createHash('sha256');
    for await (const chunk of readPlaintextRange(path, key, 0, need.bytes - 1)) hash.update(chunk);
    if (hash.digest('hex') === need.sha256) return true;
  } catch {
    // Unreadable, wrong size or tampered: fetched again below.
  }
  await rm(path, { force: true });
  return false;
}
