import { useEffect, useRef, useState } from 'react';
import * as videojsModule from 'video.js';
import 'video.js/dist/video-js.css';
import { FRAME_SEC, type MediaController, type MediaSlot } from '../../media/media-controller.ts';

/** The part of a video.js player this app uses. */
type Player = {
  currentTime(): number | undefined;
  currentTime(seconds: number): void;
  duration(): number | undefined;
  paused(): boolean;
  play(): Promise<void> | undefined;
  pause(): void;
  playbackRate(rate: number): void;
  defaultPlaybackRate(rate: number): void;
  readyState(): number | undefined;
  ready(callback: () => void): void;
  addRemoteTextTrack(options: { kind: string; src: string; srclang: string; label: string; default: boolean }, manualCleanup: boolean): unknown;
  on(events: string[], handler: () => void): void;
  one(event: string, handler: () => void): void;
  dispose(): void;
};
type VideoJsFactory = (element: Element, options: Record<string, unknown>) => Player;

/**
 * video.js ships CommonJS typings but is bundled as an ES module, so its default export is
 * found at a different depth depending on who resolves it; take the first function found.
 */
function resolveFactory(mod: unknown): VideoJsFactory {
  let candidate = mod;
  for (let depth = 0; depth < 3 && typeof candidate !== 'function'; depth += 1) candidate = (candidate as { default?: unknown } | null)?.default;
  if (typeof candidate !== 'function') throw new Error('video.js did not load');
  return candidate as VideoJsFactory;
}
const videojs = resolveFactory(videojsModule);

/** Where a chosen note points, for the artifact it belongs to; seq makes a repeat click count. */
export type SeekRequest = { artifactId: string; position: number; seq: number } | null;

type Props = {
  src: string;
  mediaType: string;
  title: string;
  captionsSrc: string | null;
  playbackRate: number;
  /** Note times, drawn as markers on the progress bar. */
  markers: readonly { atSec: number; text: string }[];
  seekRequest: SeekRequest;
  slot: MediaSlot;
};

export const PLAYBACK_RATES = [0.5, 0.75, 1, 1.25, 1.5, 2];

function controllerFor(player: Player): MediaController {
  const time = () => player.currentTime() ?? 0;
  const clamp = (t: number) => Math.max(0, Math.min(t, player.duration() || t));
  return {
    kind: 'video',
    position: time,
    seekTo: (t) => void player.currentTime(clamp(t)),
    togglePlay: () => void (player.paused() ? player.play() : player.pause()),
    pause: () => void player.pause(),
    seekBy: (delta) => void player.currentTime(clamp(time() + delta)),
    stepFrames: (frames) => {
      player.pause();
      player.currentTime(clamp(time() + frames * FRAME_SEC));
    },
  };
}

/**
 * video.js owns its DOM, so it gets an element React never touches; the player is made
 * once per source and disposed with it. Its controller is published in the media slot.
 */
export function VideoPlayer({ src, mediaType, title, captionsSrc, playbackRate, markers, seekRequest, slot }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [player, setPlayer] = useState<Player | null>(null);
  const [duration, setDuration] = useState(0);
  const rate = useRef(playbackRate);
  rate.current = playbackRate;

  useEffect(() => {
    const container = host.current;
    if (!container) return undefined;
    // A plain <video> with its source, in the page at once: the browser starts loading it
    // now, and video.js builds its controls around it in the next task, off that path.
    const element = document.createElement('video');
    element.className = 'video-js vjs-fill';
    element.preload = 'auto';
    element.setAttribute('aria-label', title);
    const source = document.createElement('source');
    source.src = src;
    source.type = mediaType;
    element.appendChild(source);
    container.appendChild(element);
    let made: Player | null = null;
    let controller: MediaController | null = null;
    const timer = setTimeout(() => {
      const p = videojs(element, {
        controls: true,
        preload: 'auto',
        fill: true,
        playbackRates: PLAYBACK_RATES,
        userActions: { hotkeys: false, doubleClick: false },
        controlBar: { pictureInPictureToggle: false, remainingTimeDisplay: false, currentTimeDisplay: true, timeDivider: true, durationDisplay: true },
      });
      p.ready(() => {
        p.playbackRate(rate.current);
        p.defaultPlaybackRate(rate.current);
        if (captionsSrc) p.addRemoteTextTrack({ kind: 'captions', src: captionsSrc, srclang: 'en', label: 'Captions', default: true }, true);
      });
      const onDuration = () => setDuration(p.duration() ?? 0);
      p.on(['loadedmetadata', 'durationchange'], onDuration);
      onDuration();
      made = p;
      controller = controllerFor(p);
      slot.current = controller;
      setPlayer(p);
    }, 0);
    return () => {
      clearTimeout(timer);
      if (controller && slot.current === controller) slot.current = null;
      setPlayer(null);
      if (made) made.dispose();
      else element.remove();
    };
  }, [src, mediaType, captionsSrc, title, slot]);

  useEffect(() => {
    if (!player || !seekRequest) return;
    const seek = () => void player.currentTime(seekRequest.position);
    if ((player.readyState() ?? 0) >= 1) seek();
    else player.one('loadedmetadata', seek);
  }, [seekRequest, player]);

  useEffect(() => {
    const holder = host.current?.querySelector('.vjs-progress-holder');
    if (!holder || duration <= 0) return undefined;
    const layer = document.createElement('div');
    layer.className = 'note-markers';
    layer.setAttribute('aria-hidden', 'true');
    for (const marker of markers) {
      const dot = document.createElement('span');
      dot.className = 'note-marker';
      dot.style.left = `${Math.min(100, (marker.atSec / duration) * 100)}%`;
      dot.title = marker.text;
      layer.appendChild(dot);
    }
    holder.appendChild(layer);
    return () => layer.remove();
  }, [markers, duration, player]);

  return <div className="video-host" ref={host} data-testid="video-host" />;
}
