import '@testing-library/jest-dom/vitest';
import { configure } from '@testing-library/react';

// findBy*/waitFor give up after 1 s by default. On a 2-core CI machine running the node, renderer and
// build steps side by side, a render after several user events can take longer than that, which made
// tests fail that pass alone; 5 s still fails fast when the awaited thing never appears.
configure({ asyncUtilTimeout: 5_000 });

// jsdom 31 knows <dialog> and its `open` attribute but not showModal()/close() or the Esc close
// request. The least of what browsers do, for the renderer's modals (components/Modal): showModal
// opens and puts the dialog on top, close() closes and fires `close` in a later task, and an Esc
// nobody prevented fires a cancelable `cancel` at the top-most open modal dialog, which closes it
// unless cancelled. Tests only: product code relies on the browser's own.
if (typeof HTMLDialogElement !== 'undefined' && typeof HTMLDialogElement.prototype.showModal !== 'function') {
  const modals: HTMLDialogElement[] = [];
  const top = () => {
    for (let i = modals.length - 1; i >= 0; i--) {
      const d = modals[i]!;
      if (d.isConnected && d.open) return d;
      modals.splice(i, 1);
    }
    return null;
  };
  HTMLDialogElement.prototype.showModal = function showModal(this: HTMLDialogElement) {
    if (this.open) throw new DOMException('The dialog is already open.', 'InvalidStateError');
    if (!this.isConnected) throw new DOMException('The dialog is not in a document.', 'InvalidStateError');
    this.setAttribute('open', '');
    modals.push(this);
  };
  HTMLDialogElement.prototype.close = function close(this: HTMLDialogElement) {
    if (!this.open) return;
    this.removeAttribute('open');
    const i = modals.indexOf(this);
    if (i >= 0) modals.splice(i, 1);
    setTimeout(() => this.dispatchEvent(new Event('close')), 0);
  };
  // After every other listener (the window is the last stop of a bubbling keydown), as a default action.
  window.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    const dialog = top();
    if (dialog && dialog.dispatchEvent(new Event('cancel', { cancelable: true }))) dialog.close();
  });
}
