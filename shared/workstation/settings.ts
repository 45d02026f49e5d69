import { z } from 'zod';
import { canonicalBinding } from './shortcut-binding.ts';

/** Keyboard actions a user may remap (single-key shortcuts can also be turned off: WCAG 2.1.4). */
export const ShortcutAction = z.enum([
  'playPause', 'rewind', 'pause', 'forward', 'seekBack', 'seekForward', 'frameBack', 'frameForward',
  'nextCriterion', 'prevCriterion', 'addNote', 'cheatSheet',
]);

/** Workstation settings: never secrets, never student data. */
export const Settings = z.object({
  hubUrl: z.string().url().nullable(),
  playbackRate: z.number().min(0.5).max(2),
  pauseWhileTypingNote: z.boolean(),
  shortcutsEnabled: z.boolean(),
  /** Read and written in the current binding notation: a previous version's key codes are migrated here. */
  shortcutMap: z.partialRecord(ShortcutAction, z.string().min(1).max(40).transform(canonicalBinding)),
  cacheLimitMb: z.number().int().min(100).max(1_000_000),
  retentionDays: z.number().int().min(0).max(3650),
  downloadConcurrency: z.number().int().min(1).max(8),
});

export const DEFAULT_SETTINGS: Settings = {
  hubUrl: null,
  playbackRate: 1,
  pauseWhileTypingNote: true,
  shortcutsEnabled: true,
  shortcutMap: {},
  cacheLimitMb: 20_480,
  retentionDays: 30,
  downloadConcurrency: 3,
};

export type ShortcutAction = z.infer<typeof ShortcutAction>;
export type Settings = z.infer<typeof Settings>;
