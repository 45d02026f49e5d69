/**
 * Feedback is free text written by assessors, and the evidence behind it shows minors: a link
 * or a media file name pasted into feedback must not travel inside a credential that the
 * candidate shares with anyone. These patterns replace, before the narrative is built, any
 * URL (any scheme, data: URIs included), any hub artifact path or artifact id, and any word
 * that names a video, audio, image or document file.
 */
const REDACTIONS: readonly RegExp[] = [
  /\b[a-z][a-z0-9+.-]*:\/\/\S+/gi,
  /\bdata:[^\s,]*,\S*/gi,
  /\bwww\.\S+/gi,
  /\/?v\d+\/artifacts\/\S*/gi,
  /\bart_[0-9a-f]{32}\b/gi,
  /[^\s"'()<>[\]]+\.(?:mp4|m4v|mov|webm|mkv|avi|wmv|mpe?g|ogv|3gp|mp3|m4a|wav|ogg|oga|flac|aac|vtt|srt|jpe?g|png|gif|webp|heic|tiff?|bmp|svg|pdf|docx?|pptx?|xlsx?|odt|rtf|zip)\b/gi,
];

export const REDACTED = '[link removed]';

export function redactLinks(text: string): string {
  return REDACTIONS.reduce((out, pattern) => out.replace(pattern, REDACTED), text);
}

export type FeedbackSection = { title: string; levelName: string; feedback: string };

/** One Markdown section per criterion: its title, the level reached, and the assessor's feedback. */
export function evidenceNarrative(sections: readonly FeedbackSection[]): string {
  return sections
    .map(({ title, levelName, feedback }) => {
      const body = redactLinks(feedback.trim()) || 'No written feedback for this criterion.';
      return `## ${oneLine(title)}\n\nLevel reached: ${oneLine(levelName)}\n\n${body}`;
    })
    .join('\n\n');
}

const oneLine = (text: string): string => redactLinks(text.replace(/\s+/g, ' ').trim());
