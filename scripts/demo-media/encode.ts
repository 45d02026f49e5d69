// Runs ffmpeg for one clip and checks the result with ffprobe before it replaces the old file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VideoSpec } from './scene.ts';
import { buildFilterGraph, encoderArgs } from './video.ts';

/** Videos must stay small enough to commit and to download quickly in tests. */
export const MAX_VIDEO_BYTES = 1.5 * 1024 * 1024;

const EXPECTED_CODECS: Record<string, [string, string]> = { webm: ['vp9', 'opus'], mp4: ['h264', 'aac'] };

type Probe = { format?: { duration?: string }; streams?: { codec_type?: string; codec_name?: string; width?: number; height?: number }[] };

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  if (r.error) throw new Error(`${cmd} could not run (is it installed?): ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr.trim()}`);
  return r.stdout;
}

/** Problems ffprobe finds with an encoded clip; empty when it is what the spec asked for. */
export function probeProblems(file: string, spec: VideoSpec): string[] {
  const probe = JSON.parse(run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_type,codec_name,width,height', '-of', 'json', file])) as Probe;
  const ext = spec.file.endsWith('.webm') ? 'webm' : 'mp4';
  const [videoCodec, audioCodec] = EXPECTED_CODECS[ext] as [string, string];
  const video = probe.streams?.find((s) => s.codec_type === 'video');
  const audio = probe.streams?.find((s) => s.codec_type === 'audio');
  const problems: string[] = [];
  if (video?.codec_name !== videoCodec) problems.push(`video codec ${video?.codec_name}, expected ${videoCodec}`);
  if (audio?.codec_name !== audioCodec) problems.push(`audio codec ${audio?.codec_name}, expected ${audioCodec}`);
  if (video?.width !== 640 || video.height !== 360) problems.push(`size ${video?.width}x${video?.height}, expected 640x360`);
  const duration = Number(probe.format?.duration);
  if (!(Math.abs(duration - spec.durationSec) < 0.25)) problems.push(`duration ${duration}s, expected ${spec.durationSec}s`);
  const bytes = statSync(file).size;
  if (bytes > MAX_VIDEO_BYTES) problems.push(`${bytes} bytes is over the ${MAX_VIDEO_BYTES} limit`);
  return problems;
}

/** Encodes `spec` to `outPath`; the old file is replaced only by a clip that passed the probe. */
export function encodeClip(spec: VideoSpec, outPath: string): void {
  const work = mkdtempSync(join(tmpdir(), 'assay-demo-'));
  try {
    const { graph, textFiles } = buildFilterGraph(spec, work);
    for (const f of textFiles) writeFileSync(f.path, f.text);
    const graphFile = join(work, 'graph.txt');
    writeFileSync(graphFile, graph);
    const tmpOut = join(work, spec.file.endsWith('.webm') ? 'out.webm' : 'out.mp4');
    run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-filter_complex_script', graphFile,
      '-map', '[v]', '-map', '[a]', '-t', String(spec.durationSec), ...encoderArgs(spec.file), tmpOut]);
    const problems = probeProblems(tmpOut, spec);
    if (problems.length > 0) throw new Error(`${spec.file}: ${problems.join('; ')}`);
    // Same filesystem is not guaranteed for tmpdir, so write beside the target, then rename.
    const staged = `${outPath}.partial`;
    writeFileSync(staged, readFileSync(tmpOut));
    renameSync(staged, outPath);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

