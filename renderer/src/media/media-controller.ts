import { createContext, useContext } from 'react';

/** What the review (shortcuts, notes) may ask of the evidence being viewed. */
export type MediaController = {
  kind: 'video' | 'document';
  /** Seconds into a video, or the current page of a document. */
  position(): number;
  seekTo(position: number): void;
  togglePlay(): void;
  pause(): void;
  /** Moves by seconds (videos) or pages (documents). */
  seekBy(delta: number): void;
  stepFrames(frames: number): void;
};

/**
 * A mutable slot: the active viewer registers its controller, shortcut handlers read it.
 * A ref-like holder rather than state, so a seek does not re-render the review.
 */
export type MediaSlot = { current: MediaController | null };

export const MediaSlotContext = createContext<MediaSlot>({ current: null });

export const useMediaSlot = (): MediaSlot => useContext(MediaSlotContext);

/** 30 fps unless the file says otherwise: the usual rate for classroom recordings. */
export const FRAME_SEC = 1 / 30;

/** The evidence shortcuts every workspace shares: play, pause, seek and step on whatever viewer is active. */
export function mediaShortcuts(slot: MediaSlot) {
  const media = (act: (c: MediaController) => void) => () => {
    if (slot.current) act(slot.current);
  };
  return {
    playPause: media((c) => c.togglePlay()),
    rewind: media((c) => c.seekBy(-10)),
    pause: media((c) => c.pause()),
    forward: media((c) => c.seekBy(10)),
    seekBack: media((c) => c.seekBy(-5)),
    seekForward: media((c) => c.seekBy(5)),
    frameBack: media((c) => c.stepFrames(-1)),
    frameForward: media((c) => c.stepFrames(1)),
  };
}
