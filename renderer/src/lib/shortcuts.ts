// Keyboard shortcuts. One document-level listener (installed by <App>) maps keys to actions; screens
// register handlers for the actions they serve, each at a layer. Which handler runs is decided by the
// layer alone (overlay/dialog > composer > list > global), then by which component mounted last (the
// inner or newer one), never by the order handlers were registered or switched on and off. A layer
// can also claim actions without a handler of its own: an open dialog claims the keys that would
// change the screen beneath it, so J/K, Ctrl+N or Alt+← do nothing there while it is open.
// Plain-key shortcuts (/ ? J K) never fire while the caseworker types in a field. Esc is not one of
// these: the browser gives it to the top-most <dialog> as its cancel event (components/Modal).
import { useEffect, useRef, useState } from 'react';

export type ShortcutAction = 'search' | 'newMessage' | 'next' | 'prev' | 'help' | 'back' | 'forward';

/** Highest first: an open overlay or dialog, the composer, a list, the frame and the screen. */
export type ShortcutLayer = 'overlay' | 'composer' | 'list' | 'global';
const RANK: Record<ShortcutLayer, number> = { overlay: 3, composer: 2, list: 1, global: 0 };

/** Every shortcut, as the help overlay lists it. */
export const SHORTCUTS: { keys: string[]; text: string }[] = [
  { keys: ['Ctrl+K', '/'], text: 'Søg efter borger' },
  { keys: ['Ctrl+N'], text: 'Ny besked til den åbne borger' },
  { keys: ['Ctrl+Enter'], text: 'Send beskeden (i beskedvinduet)' },
  { keys: ['J', 'Alt+↓'], text: 'Næste punkt i listen (indbakke, udbakke, tråde)' },
  { keys: ['K', 'Alt+↑'], text: 'Forrige punkt i listen' },
  { keys: ['Enter'], text: 'Åbn det markerede punkt' },
  { keys: ['Alt+←'], text: 'Tilbage til det forrige skærmbillede (også musens tilbage-knap)' },
  { keys: ['Alt+→'], text: 'Frem igen' },
  { keys: ['?', 'F1'], text: 'Vis denne oversigt over genveje' },
  { keys: ['Esc'], text: 'Luk vindue eller oversigt' },
];

type Handler = () => void;
interface Entry {
  action: ShortcutAction;
  layer: ShortcutLayer;
  /** When the registering component mounted (not when it was last switched on). */
  mounted: number;
  /** null: the layer claims the action and nothing runs. */
  run: Handler | null;
}

const entries = new Set<Entry>();
let mounts = 0;

/** The entry that gets the action now, if any. */
function winner(action: ShortcutAction): Entry | null {
  let best: Entry | null = null;
  for (const e of entries) {
    if (e.action !== action) continue;
    if (!best || RANK[e.layer] > RANK[best.layer] || (RANK[e.layer] === RANK[best.layer] && e.mounted > best.mounted)) best = e;
  }
  return best;
}

/** Run the action's winning handler; true when a handler ran or a layer claimed the key. */
export function runShortcut(action: ShortcutAction): boolean {
  const e = winner(action);
  if (!e) return false;
  e.run?.();
  return true;
}

/** A number fixed when the component mounts: ties within a layer go to the later one. */
function useMountOrder(): number {
  const [n] = useState(() => ++mounts);
  return n;
}

function useEntries(actions: readonly ShortcutAction[], layer: ShortcutLayer, run: Handler | null, enabled: boolean): void {
  const mounted = useMountOrder();
  const key = actions.join(' ');
  useEffect(() => {
    if (!enabled) return;
    const added = key.split(' ').map((action) => ({ action: action as ShortcutAction, layer, mounted, run }));
    for (const e of added) entries.add(e);
    return () => {
      for (const e of added) entries.delete(e);
    };
  }, [key, layer, mounted, run, enabled]);
}

/** Register a handler while the component is mounted (and `enabled`). */
export function useShortcut(action: ShortcutAction, handler: Handler, opts: { layer?: ShortcutLayer; enabled?: boolean } = {}): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  const [run] = useState<Handler>(() => () => ref.current());
  useEntries([action], opts.layer ?? 'global', run, opts.enabled ?? true);
}

/** Claim actions for a layer while mounted (and `enabled`): lower layers do not get them. */
export function useShortcutClaim(layer: ShortcutLayer, actions: readonly ShortcutAction[], enabled = true): void {
  useEntries(actions, layer, null, enabled);
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
  if (e.altKey && !mod && !e.shiftKey && (key === 'ArrowLeft' || key === 'ArrowRight')) {
    // Back/Forward, as in a browser, also from a field; on macOS Option+←/→ moves by word in a field.
    if (typing && /Mac/.test(navigator.platform)) return;
    // Always taken, so a browser (browser mode) never leaves the app's page instead.
    e.preventDefault();
    runShortcut(key === 'ArrowLeft' ? 'back' : 'forward');
    return;
  }
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

/** The mouse's back and forward buttons (3 and 4) go Back and Forward; <App> installs it on mousedown and mouseup. */
export function handleGlobalMouse(e: MouseEvent): void {
  if (e.button !== 3 && e.button !== 4) return;
  // Taken on both, so a browser (browser mode) never navigates the page itself.
  e.preventDefault();
  if (e.type === 'mouseup') runShortcut(e.button === 3 ? 'back' : 'forward');
}
