import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Criterion } from '../../../../shared/index.ts';

type Props = {
  criterion: Criterion;
  labels: readonly string[];
  value: number | null;
  onChange(level: number): void;
  disabled: boolean;
};

/**
 * The levels of one criterion as an ARIA radio group (roving tabindex). ←/→ move between
 * levels as the radio pattern expects; ↑/↓ are left to the review (next/previous criterion).
 * The descriptor of the focused or hovered level is shown, else that of the chosen level.
 */
export function LevelRadioGroup({ criterion, labels, value, onChange, disabled }: Props) {
  const [focused, setFocused] = useState<number | null>(null);
  const [hovered, setHovered] = useState<number | null>(null);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const idBase = `level-${criterion.id}`;
  const points = criterion.levels.length;
  const shown = hovered ?? focused ?? value;
  const tabbable = value ?? 1;

  // Focus follows the selection (radio pattern), also when a digit shortcut set the level,
  // so Tab from here goes on to the feedback box rather than to the newly checked radio.
  useEffect(() => {
    const inGroup = buttons.current.some((b) => b !== null && b === document.activeElement);
    if (inGroup && value !== null) buttons.current[value - 1]?.focus();
  }, [value]);

  const choose = (level: number) => {
    if (!disabled) onChange(level);
  };
  const move = (level: number) => {
    const target = Math.min(points, Math.max(1, level));
    buttons.current[target - 1]?.focus();
    choose(target);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, level: number) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const step: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1 };
    if (event.key in step) move(level + (step[event.key] as number));
    else if (event.key === 'Home') move(1);
    else if (event.key === 'End') move(points);
    else if (event.key === ' ' || event.key === 'Enter') choose(level);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div className="levels">
      <div role="radiogroup" aria-label={`Level for ${criterion.title}`} aria-disabled={disabled || undefined} className="level-buttons">
        {criterion.levels.map((_, i) => {
          const level = i + 1;
          const label = labels[i] ?? '';
          const checked = value === level;
          return (
            <button
              key={level}
              ref={(el) => { buttons.current[i] = el; }}
              type="button"
              role="radio"
              aria-checked={checked}
              aria-disabled={disabled || undefined}
              aria-describedby={`${idBase}-desc-${level}`}
              tabIndex={level === tabbable ? 0 : -1}
              className={level >= criterion.metLevel ? 'level level-met' : 'level'}
              onClick={() => choose(level)}
              onKeyDown={(e) => onKeyDown(e, level)}
              onFocus={() => setFocused(level)}
              onBlur={() => setFocused(null)}
              onMouseEnter={() => setHovered(level)}
              onMouseLeave={() => setHovered(null)}
            >
              <span className="level-number">{level}</span> <span className="level-label">{label}</span>
            </button>
          );
        })}
      </div>
      {criterion.levels.map((text, i) => (
        <span key={i} id={`${idBase}-desc-${i + 1}`} hidden>{text}</span>
      ))}
      <p className="descriptor" data-testid={`descriptor-${criterion.id}`}>
        {shown === null ? (
          <span className="muted">Focus or hover a level to read its descriptor. Met from level {criterion.metLevel}.</span>
        ) : (
          <>
            <strong>{shown} {labels[shown - 1]}{shown >= criterion.metLevel ? ' (met)' : ''}:</strong> {criterion.levels[shown - 1]}
          </>
        )}
      </p>
    </div>
  );
}
