// Turns a VideoSpec into an ffmpeg invocation: a synthetic classroom (wall, whiteboard whose
// text changes scene by scene, a teacher pacing beside it, a row of students raising hands,
// a camera timestamp) with a voice-like tone over room noise, so players show real audio.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { VideoSpec } from './scene.ts';

/** A filter graph and the text files its drawtext filters read. */
export type FilterGraph = { graph: string; textFiles: { path: string; text: string }[] };

const W = 640;
const H = 360;
const FPS = 24;
const SEATS = [48, 148, 248, 348, 448, 548];
const SHIRTS = ['0x3E6E8E', '0x8E3E5A', '0x4E7D3A', '0x7A5C99', '0xB5651D', '0x2E8B7A', '0x99423B', '0x556B8D'];
const HAIR = ['0x2B1D14', '0x5A3A22', '0x1C1C1C', '0x8A5A2B', '0x3D2B1F', '0x6B4A2E'];

const FONT_DIR = '/usr/share/fonts/truetype/dejavu';

/** DejaVu when installed (Debian); otherwise fontconfig's default sans face. */
function font(face: 'DejaVuSans' | 'DejaVuSans-Bold' | 'DejaVuSansMono'): string {
  const file = `${FONT_DIR}/${face}.ttf`;
  return existsSync(file) ? `fontfile=${file}` : `font=${face.includes('Mono') ? 'Mono' : 'Sans'}`;
}

/** Filter-graph paths are written unquoted, so only plain characters are allowed. */
function safePath(p: string): string {
  if (!/^[A-Za-z0-9/._-]+$/.test(p)) throw new Error(`unsafe path for a filter graph: ${p}`);
  return p;
}

/** Deterministic pick from a list, so a spec's seed fixes the seat colours. */
function pick<T>(list: readonly T[], seed: number, i: number): T {
  return list[(seed * 7 + i * 5) % list.length] as T;
}

/**
 * The filter graph for a clip. Board texts go into files under `workDir` (drawtext reads
 * them from there, which avoids filter-graph escaping of lesson text); the caller writes them.
 */
export function buildFilterGraph(spec: VideoSpec, workDir: string): FilterGraph {
  const textFiles: FilterGraph['textFiles'] = [];
  const d = spec.durationSec;
  const src = (c: string, w: number, h: number, label: string) => `color=c=${c}:s=${w}x${h}:r=${FPS}:d=${d}[${label}]`;
  const lines: string[] = [];
  lines.push(`color=c=${spec.wall}:s=${W}x${H}:r=${FPS}:d=${d},format=yuv420p[wall]`);
  // The teacher: a head on a body, drawn on a wall-coloured sprite so it reads as a silhouette.
  lines.push(`color=c=${spec.wall}:s=50x150:r=${FPS}:d=${d},drawbox=x=12:y=0:w=26:h=28:c=0xC68E6A:t=fill,drawbox=x=3:y=30:w=44:h=120:c=0x2F4F4F:t=fill[teacher]`);

  const title = join(workDir, 'lesson.txt');
  const label = join(workDir, 'label.txt');
  textFiles.push({ path: title, text: spec.lesson }, { path: label, text: spec.label });
  const board: string[] = [
    `drawbox=x=150:y=24:w=460:h=200:c=0xF4F4EF:t=fill`,
    `drawbox=x=150:y=24:w=460:h=200:c=0x7A7A7A:t=4`,
    `drawtext=${font('DejaVuSans-Bold')}:textfile=${safePath(title)}:expansion=none:fontsize=15:fontcolor=0x555555:x=166:y=36`,
    `drawtext=${font('DejaVuSans')}:textfile=${safePath(label)}:expansion=none:fontsize=13:fontcolor=white:box=1:boxcolor=black@0.45:boxborderw=4:x=10:y=10`,
  ];
  for (const [i, s] of spec.scenes.entries()) {
    const file = join(workDir, `scene-${i}.txt`);
    textFiles.push({ path: file, text: s.board.join('\n') });
    board.push(
      `drawtext=${font('DejaVuSans')}:textfile=${safePath(file)}:expansion=none:fontsize=22:line_spacing=10:` +
        `fontcolor=${spec.ink}:x=166:y=66:enable='between(t,${s.from},${s.to})'`,
    );
  }
  lines.push(`[wall]${board.join(',')}[board]`);
  lines.push(`[board][teacher]overlay=x='60+34*sin(t*0.5+${spec.seed % 7})':y=104[withTeacher]`);

  // Students: hair and shirt per seat, behind a row of desks.
  const seats = SEATS.flatMap((x, i) => [
    `drawbox=x=${x + 11}:y=226:w=34:h=34:c=${pick(HAIR, spec.seed, i)}:t=fill`,
    `drawbox=x=${x}:y=258:w=56:h=50:c=${pick(SHIRTS, spec.seed, i)}:t=fill`,
  ]);
  lines.push(`[withTeacher]${seats.join(',')},drawbox=x=0:y=292:w=${W}:h=${H - 292}:c=0x8B5A2B:t=fill[room0]`);

  // A raised hand is an arm that rises over half a second and stays up for the scene.
  let last = 'room0';
  let n = 0;
  for (const s of spec.scenes) {
    for (const seat of s.hands ?? []) {
      const x = (SEATS[seat] as number) + 46;
      const up = s.from + 0.4;
      lines.push(src('0xD9A066', 10, 44, `arm${n}`));
      lines.push(
        `[${last}][arm${n}]overlay=x=${x}:y='262-min(1,max(0,(t-${up})*2))*60':enable='between(t,${up},${s.to - 0.3})'[room${n + 1}]`,
      );
      last = `room${n + 1}`;
      n++;
    }
  }
  // Camera grain and a running timestamp, like a phone or school camera recording.
  lines.push(
    `[${last}]noise=alls=5:allf=t:all_seed=${spec.seed},` +
      `drawtext=${font('DejaVuSansMono')}:text='%{pts\\:hms}':fontsize=15:fontcolor=white:box=1:boxcolor=black@0.5:boxborderw=3:x=w-tw-12:y=h-th-10,` +
      `drawtext=${font('DejaVuSans-Bold')}:text='REC':fontsize=13:fontcolor=0xE03030:x=w-tw-14:y=12[v]`,
  );
  // A voice-like tone that pauses between phrases, over soft pink room noise.
  const f = spec.voiceHz;
  lines.push(
    `aevalsrc='0.13*sin(2*PI*${f}*t)*(0.55+0.45*sin(2*PI*2.7*t))*gt(sin(2*PI*0.37*t+${spec.seed % 5}),-0.35)':s=48000:d=${d}[voice]`,
  );
  lines.push(`anoisesrc=color=pink:amplitude=0.025:seed=${spec.seed}:r=48000:d=${d}[room]`);
  // Opus wants 960-sample frames and AAC 1024; fix the frame size before the encoder.
  const frame = spec.file.endsWith('.webm') ? 960 : 1024;
  lines.push(`[voice][room]amix=inputs=2:normalize=0,asetnsamples=n=${frame}:p=0[a]`);
  return { graph: `${lines.join(';\n')}\n`, textFiles };
}

/** Encoder settings: a few hundred KB for 15-30 s, keyframes every 2 s so seeking is quick. */
export function encoderArgs(file: string): string[] {
  const common = ['-threads', '1', '-g', String(FPS * 2), '-pix_fmt', 'yuv420p', '-ac', '1'];
  // bitexact keeps encoder version strings and random ids out, so reruns give the same bytes.
  const exact = ['-map_metadata', '-1', '-fflags', '+bitexact', '-flags', '+bitexact'];
  if (file.endsWith('.webm')) {
    return [...common, '-c:v', 'libvpx-vp9', '-row-mt', '0', '-deadline', 'good', '-cpu-used', '4', '-crf', '42',
      '-b:v', '110k', '-maxrate', '160k', '-bufsize', '320k', '-c:a', 'libopus', '-b:a', '32k', ...exact, '-f', 'webm'];
  }
  return [...common, '-c:v', 'libx264', '-preset', 'medium', '-profile:v', 'high', '-b:v', '100k', '-maxrate', '140k',
    '-bufsize', '280k', '-c:a', 'aac', '-b:a', '48k', '-movflags', '+faststart', ...exact, '-f', 'mp4'];
}
