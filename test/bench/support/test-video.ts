// Test videos made with ffmpeg at bench time (never committed), cached under
// bench-results/.cache by their parameters. To keep generation cheap on a shared machine, one
// segment is encoded (libx264 ultrafast, fixed keyframe interval) and repeated with a stream
// copy until the video is as long as asked.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../support/hub.ts';
import { withTimeout } from './timeout.ts';

export type VideoSpec = { width: number; height: number; fps: number; kbps: number; keyframeSec: number; segmentSec: number; totalSec: number; noise: boolean };

const CACHE = join(REPO_ROOT, 'bench-results', '.cache');

function ffmpeg(args: string[], what: string): Promise<void> {
  const child = spawn('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const done = new Promise<void>((ok, fail) => {
    child.once('error', fail);
    child.once('exit', (code) => (code === 0 ? ok() : fail(new Error(`ffmpeg (${what}) exited ${code}: ${stderr.slice(-500)}`))));
  });
  return withTimeout(done, 10 * 60_000, `ffmpeg to ${what}`).catch((err: unknown) => {
    child.kill('SIGKILL');
    throw err;
  });
}

/** The path of an H.264/MP4 (faststart) test video of this spec, generating it if it is not cached. */
export async function ensureTestVideo(spec: VideoSpec): Promise<string> {
  const name = `${spec.width}x${spec.height}-${spec.fps}fps-${spec.kbps}k-g${spec.keyframeSec}-${spec.totalSec}s${spec.noise ? '-noise' : ''}.mp4`;
  const out = join(CACHE, name);
  if (existsSync(out)) return out;
  mkdirSync(CACHE, { recursive: true });
  const segment = join(CACHE, `segment-${name}`);
  const gop = String(spec.fps * spec.keyframeSec);
  await ffmpeg([
    '-f', 'lavfi', '-i', `testsrc2=size=${spec.width}x${spec.height}:rate=${spec.fps}`, '-t', String(spec.segmentSec),
    ...(spec.noise ? ['-vf', 'noise=alls=12:allf=t'] : []),
    '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', `${spec.kbps}k`, '-maxrate', `${spec.kbps}k`, '-bufsize', `${spec.kbps * 2}k`,
    '-g', gop, '-keyint_min', gop, '-sc_threshold', '0', '-pix_fmt', 'yuv420p', segment,
  ], `encode a ${spec.segmentSec} s segment for ${name}`);
  const list = join(CACHE, `list-${name}.txt`);
  writeFileSync(list, Array.from({ length: Math.ceil(spec.totalSec / spec.segmentSec) }, () => `file '${segment}'`).join('\n'));
  const partial = `${out}.partial.mp4`;
  await ffmpeg(['-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', '-movflags', '+faststart', partial], `repeat the segment into ${name}`);
  renameSync(partial, out);
  return out;
}
