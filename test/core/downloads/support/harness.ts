import { createHash } from 'node:crypto';
import { createDownloader, type DownloaderOptions } from '../../../../electron/core/downloads/downloader.ts';
import type { ArtifactNeed } from '../../../../electron/core/store/types.ts';
import type { BatchProgress, FileProgress } from '../../../../shared/index.ts';

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

export function makeNeed(artifactId: string, data: Buffer, filename = `${artifactId}.webm`): ArtifactNeed {
  return { artifactId, submissionId: 'sub-1', assignmentIds: ['asg-1'], filename, mediaType: 'video/webm', bytes: data.length, sha256: sha256(data) };
}

/** A downloader whose callbacks are recorded for assertions. */
export function recordingDownloader(opts: Pick<DownloaderOptions, 'cacheDir' | 'key' | 'auth'> & Partial<DownloaderOptions>) {
  const verified = new Map<string, string>();
  const failed: { artifactId: string; code: string; message: string }[] = [];
  const progress: { file: FileProgress; batch: BatchProgress }[] = [];
  const downloader = createDownloader({
    concurrency: 2,
    retry: { attempts: 3, baseDelayMs: 20, maxDelayMs: 100 },
    onProgress: (file, batch) => progress.push({ file, batch }),
    onVerified: (id, path) => verified.set(id, path),
    onFailed: (artifactId, code, message) => failed.push({ artifactId, code, message }),
    ...opts,
  });
  return { downloader, verified, failed, progress };
}
