// Keyboard shortcuts. One document-level listener (installed by <App>) maps keys to actions; screens
// register handlers for the actions they serve (the most recently mounted handler wins, so an open
// overlay takes Esc before the screen beneath it). Plain-key shortcuts (/ ? J K) never fire while
// the caseworker types in a field.
import { useEffect, useRef } from 'react';

export type ShortcutAction = 'search' | 'newMessage' | 'next' | 'prev' | 'help' | 'escape';

/** Every shortcut, as the help overlay lists it. */
export const SHORTCUTS: { keys: string[]; text: string }[] = [
  { keys: ['Ctrl+K', '/'], text: 'Søg efter borger' },
  { keys: ['Ctrl+N'], text: 'Ny besked til den åbne borger' },
  { keys: ['Ctrl+Enter'], text: 'Send beskeden (i beskedvinduet)' },
  { keys: ['J', 'Alt+↓'], text: 'Næste punkt i listen (indbakke, udbakke, tråde)' },
  { keys: ['K', 'Alt+↑'], text: 'Forrige punkt i listen' },
  { keys: ['Enter'], text: 'Åbn det markerede punkt' },
  { keys: ['?', 'F1'], text: 'Vis denne oversigt over genveje' },
  { keys: ['Esc'], text: 'Luk vindue eller oversigt' },
];

type Handler = () => void;
const handlers: Record<ShortcutAction, Handler[]> = { search: [], newMessage: [], next: [], prev: [], help: [], escape: [] };

/** Run the newest handler of an action; true when one ran. */
export function runShortcut(action: ShortcutAction): boolean {
  const list = handlers[action];
  const h = list[list.length - 1];
  if (!h) return false;
  h();
  return true;
}

/** Register a handler while the component is mounted (and `enabled`). */
export function useShortcut(action: ShortcutAction, handler: Handler, enabled = true): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    const h: Handler = () => ref.current();
    handlers[action].push(h);
    return () => {
      const list = handlers[action];
      const i = list.lastIndexOf(h);
      if (i >= 0) list.splice(i, 1);
    };
  }, [action, enabled]);
}

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!target || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
  }
  return false;
}

/** The document-level key handler; <App> installs it once. */
export function handleGlobalKey(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.isComposing) return;
  const mod = e.ctrlKey || e.metaKey;
  const key = e.key;
  const typing = isTypingTarget(e.target);
  const done = (ran: boolean) => {
    if (ran) e.preventDefault();
  };

  if (mod && !e.altKey && !e.shiftKey && key.toLowerCase() === 'k') return done(runShortcut('search'));
  if (mod && !e.altKey && !e.shiftKey && key.toLowerCase() === 'n') return done(runShortcut('newMessage'));
  if (key === 'F1') return done(runShortcut('help'));
  if (key === 'Escape') return done(runShortcut('escape'));
  if (e.altKey && !mod && (key === 'ArrowDown' || key === 'ArrowUp')) {
    // Alt+↓ opens a <select>, and moves the caret in a text area: leave those alone.
    if (e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement) return;
    return done(runShortcut(key === 'ArrowDown' ? 'next' : 'prev'));
  }
  if (typing || mod || e.altKey) return;
  if (key === '/') return done(runShortcut('search'));
  if (key === '?') return done(runShortcut('help'));
  if (key === 'j' || key === 'J') return done(runShortcut('next'));
  if (key === 'k' || key === 'K') return done(runShortcut('prev'));
}
