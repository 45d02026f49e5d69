import type { VideoSpec } from './scene.ts';

function stamp(sec: number): string {
  const ms = Math.round(sec * 1000);
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(h)}:${pad(m)}:${pad(s)}.${pad(ms % 1000, 3)}`;
}

/** WebVTT captions: one cue per scene, what the teacher says, on the clip's own timeline. */
export function renderWebVtt(spec: VideoSpec): string {
  const cues = spec.scenes.map((s, i) => {
    // "-->" or a blank line inside a cue would end it early; the specs never need either.
    if (s.say.includes('-->') || /\n\s*\n/.test(s.say)) throw new Error(`cue ${i + 1} of ${spec.file} is not valid cue text`);
    const text = s.say.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    return `${i + 1}\n${stamp(s.from)} --> ${stamp(s.to)}\n<v Teacher>${text}`;
  });
  return `WEBVTT - ${spec.lesson}\n\n${cues.join('\n\n')}\n`;
}
