import { useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

type Props = { left: ReactNode; right: ReactNode; initial?: number; label: string };

const MIN = 25;
const MAX = 75;

/** Two panes with a draggable, keyboard-operable separator (ARIA window splitter). */
export function ResizableSplit({ left, right, initial = 58, label }: Props) {
  const [split, setSplit] = useState(initial);
  const container = useRef<HTMLDivElement>(null);
  const clamp = (v: number) => Math.min(MAX, Math.max(MIN, v));
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const el = event.currentTarget;
    el.setPointerCapture(event.pointerId);
    const move = (e: globalThis.PointerEvent) => {
      const box = container.current?.getBoundingClientRect();
      if (box && box.width > 0) setSplit(clamp(((e.clientX - box.left) / box.width) * 100));
    };
    const up = () => {
      el.removeEventListener('pointermove', move);
      el.removeEventListener('pointerup', up);
    };
    el.addEventListener('pointermove', move);
    el.addEventListener('pointerup', up);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step: Record<string, number> = { ArrowLeft: -2, ArrowRight: 2, Home: MIN - split, End: MAX - split };
    const delta = step[event.key];
    if (delta === undefined) return;
    event.preventDefault();
    event.stopPropagation();
    setSplit((s) => clamp(s + delta));
  };
  return (
    <div className="split" ref={container} style={{ gridTemplateColumns: `minmax(0, ${split}fr) auto minmax(0, ${100 - split}fr)` }}>
      {left}
      <div
        className="splitter"
        role="separator"
        aria-orientation="vertical"
        aria-label={label}
        aria-valuenow={Math.round(split)}
        aria-valuemin={MIN}
        aria-valuemax={MAX}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onKeyDown={onKeyDown}
      />
      {right}
    </div>
  );
}
