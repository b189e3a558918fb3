// A modal dialog on the browser's own <dialog> (showModal): the rest of the window is inert while it
// is open, the newest dialog is on top, and Esc reaches the top one as the browser's cancel event,
// which hands the closing to the owner (onClose), so the owner's state stays the one truth. Labelled
// by its heading; focus moves in on open (the field marked data-autofocus, else the first field) and
// back to where it was on close; Tab stays inside. Every shortcut but help (J/K, Ctrl+N, Ctrl+K,
// Alt+←/→, the composer's Ctrl+Enter) is claimed at the shortcuts' overlay layer, so nothing beneath
// the dialog moves, changes or sends while it is open.
import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from 'react';
import { DIALOG_HOLDS, useShortcutClaim } from '../lib/shortcuts';

export function Modal({ title, onClose, children, wide }: { title: string; onClose: () => void; children: ReactNode; wide?: boolean }) {
  const titleId = useId();
  const ref = useRef<HTMLDialogElement>(null);
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  });
  // The screen beneath neither moves nor changes while the dialog is open (help still opens above it).
  useShortcutClaim('overlay', DIALOG_HOLDS);

  useLayoutEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    const first =
      dialog.querySelector<HTMLElement>('[data-autofocus]') ??
      dialog.querySelector<HTMLElement>('.modal-body button, .modal-body [href], .modal-body input, .modal-body select, .modal-body textarea') ??
      dialog.querySelector<HTMLElement>('button');
    first?.focus();

    let mounted = true;
    // Esc: the owner closes the dialog by no longer rendering it.
    const onCancel = (e: Event) => {
      e.preventDefault();
      close.current();
    };
    // Closed by the browser without a cancel the owner could answer (it does so on a repeated Esc): follow it.
    const onNativeClose = () => {
      if (mounted) close.current();
    };
    dialog.addEventListener('cancel', onCancel);
    dialog.addEventListener('close', onNativeClose);
    return () => {
      mounted = false;
      dialog.removeEventListener('cancel', onCancel);
      dialog.removeEventListener('close', onNativeClose);
      if (dialog.open) dialog.close();
      previous?.focus();
    };
  }, []);

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'Tab' || !ref.current) return;
    const focusables = Array.from(
      ref.current.querySelectorAll<HTMLElement>('button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]'),
    );
    if (focusables.length === 0) return;
    const first = focusables[0]!;
    const last = focusables[focusables.length - 1]!;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog ref={ref} className={wide ? 'modal modal-wide' : 'modal'} aria-labelledby={titleId} onKeyDown={onKeyDown}>
      <div className="modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" onClick={onClose} aria-label="Luk">
          ×
        </button>
      </div>
      <div className="modal-body">{children}</div>
    </dialog>
  );
}
