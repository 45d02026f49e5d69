import type { SaveState } from '../../hooks/useDraft.ts';

type Props = { save: SaveState; readOnlyText: string | null };

/** "Saved" only once the core has answered the commit; "Saving…" until then. */
export function SaveStatus({ save, readOnlyText }: Props) {
  const text = readOnlyText ?? { idle: 'No changes yet', saving: 'Saving…', saved: 'Saved', error: `Not saved: ${save.error ?? 'unknown error'}` }[save.phase];
  return (
    <p role="status" aria-label="Save status" className={`save-status save-${readOnlyText ? 'readonly' : save.phase}`}>
      {text}
    </p>
  );
}
