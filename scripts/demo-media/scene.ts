// The description of one synthetic classroom clip: what the board says and what the teacher
// says over time. Both the video filter graph and the captions are derived from it, so the
// captions always match the picture.

export type Scene = {
  /** Seconds from the start of the clip; scenes tile the clip without gaps. */
  from: number;
  to: number;
  /** Lines written on the whiteboard during this scene. */
  board: string[];
  /** What the teacher says (the caption cue for this scene). */
  say: string;
  /** Seats (0-5, left to right) whose student raises a hand during the scene. */
  hands?: number[];
};

export type VideoSpec = {
  /** Output path relative to resources/demo; the extension (.webm or .mp4) picks the codecs. */
  file: string;
  /** Captions path relative to resources/demo, when the submission carries captions. */
  captions?: string;
  durationSec: number;
  /** Small label in the corner, like a classroom camera's title. */
  label: string;
  /** Lesson title written across the top of the board for the whole clip. */
  lesson: string;
  /** Wall and board-ink colours as 0xRRGGBB, so each clip looks different. */
  wall: string;
  ink: string;
  /** Seeds the camera grain, room noise and seat colours. */
  seed: number;
  /** Pitch of the synthetic "teacher voice" tone, in Hz. */
  voiceHz: number;
  scenes: Scene[];
};

/** Problems with a spec (gaps, overlaps, bad seats, wrong total length); empty when it is usable. */
export function specProblems(spec: VideoSpec): string[] {
  const problems: string[] = [];
  let at = 0;
  for (const s of spec.scenes) {
    if (s.from !== at) problems.push(`${spec.file}: scene at ${s.from}s should start at ${at}s`);
    if (s.to <= s.from) problems.push(`${spec.file}: scene at ${s.from}s ends before it starts`);
    if (s.board.length === 0 || s.board.length > 4) problems.push(`${spec.file}: scene at ${s.from}s needs 1-4 board lines`);
    for (const h of s.hands ?? []) if (!Number.isInteger(h) || h < 0 || h > 5) problems.push(`${spec.file}: seat ${h} does not exist`);
    at = s.to;
  }
  if (at !== spec.durationSec) problems.push(`${spec.file}: scenes end at ${at}s, clip lasts ${spec.durationSec}s`);
  if (!/\.(webm|mp4)$/.test(spec.file)) problems.push(`${spec.file}: must end in .webm or .mp4`);
  return problems;
}
