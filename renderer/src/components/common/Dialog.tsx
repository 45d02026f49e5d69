import { useId, useLayoutEffect, useRef, type ReactNode } from 'react';

type Props = { open: boolean; title: string; onClose(): void; children: ReactNode; className?: string };

/**
 * A modal on the native <dialog>: focus trap, Esc and inertness of the page come for free.
 * `open` stays the one truth. Esc is told to the owner at `cancel`, before the browser
 * closes the dialog: its `close` event comes later, as a queued task that key presses can
 * outrun (Esc then "?" at once). So `close` is passed on only when the owner still holds
 * the dialog open while it is shut (the browser closed it some other way): one that arrives
 * after the owner closed it, or once it is open again, is stale.
 */
export function Dialog({ open, title, onClose, children, className }: Props) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const openRef = useRef(open);
  openRef.current = open;
  // A layout effect: the dialog opens or closes in the same task as the key press that asked.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className={`dialog ${className ?? ''}`}
      onCancel={onClose}
      onClose={() => { if (openRef.current && !ref.current?.open) onClose(); }}
    >
      {open && (
        <>
          <h2 id={titleId}>{title}</h2>
          {children}
        </>
      )}
    </dialog>
  );
}
