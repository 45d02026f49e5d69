import { open, type FileHandle } from 'node:fs/promises';

/** How much is written between two background flushes of a file being downloaded. */
const FLUSH_EVERY_BYTES = 8 * 1024 * 1024;

export interface EarlyWriteback {
  /** Counts bytes just written; starts a background flush when enough piled up and none is running. */
  written(bytes: number): void;
  /** Waits for a running flush and lets go of the file. */
  settle(): Promise<void>;
}

/**
 * Keeps the disk busy while a file downloads: every few MiB its dirty pages are flushed
 * (fdatasync on a second descriptor, not awaited), so the fsync that makes the finished file
 * durable finds little left to write instead of stalling on the whole file. Flush errors are
 * ignored here: the writer's own final fsync reports them (Linux reports a writeback error
 * to every descriptor opened before it).
 */
export async function startEarlyWriteback(path: string): Promise<EarlyWriteback> {
  let fh: FileHandle | null = await open(path, 'r+').catch(() => null);
  let pending = 0;
  let flushing: Promise<void> | null = null;
  return {
    written(bytes) {
      pending += bytes;
      if (!fh || flushing || pending < FLUSH_EVERY_BYTES) return;
      pending = 0;
      flushing = fh
        .datasync()
        .catch(() => undefined)
        .finally(() => {
          flushing = null;
        });
    },
    async settle() {
      await flushing;
      await fh?.close();
      fh = null;
    },
  };
}
