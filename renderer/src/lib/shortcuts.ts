// Keyboard shortcuts. One document-level listener (installed by <App>) maps keys to actions through
// one table (SHORTCUTS, which the help overlay lists too); screens register handlers for the actions
// they serve, each at a layer. Which handler runs is decided by the layer alone (overlay/dialog >
// composer > list > global), then by which component mounted last (the inner or newer one), never by
// the order handlers were registered or switched on and off. A layer can also claim actions without a
// handler of its own: an open dialog (components/Modal) claims every action but help, so J/K, Ctrl+N,
// Alt+← or Ctrl+Enter do nothing to the screen or composer beneath it while it is open. A handler may
// be confined to an element (`within`): Ctrl+Enter sends only from inside the composer.
// Plain-key shortcuts (/ ? J K) never fire while the caseworker types in a field. Esc is not one of
// these: the browser gives it to the top-most <dialog> as its cancel event (components/Modal).
import { useEffect, useRef, useState, type RefObject } from 'react';

export type ShortcutAction = 'search' | 'newMessage' | 'send' | 'next' | 'prev' | 'help' | 'back' | 'forward' | 'takeNext';

/** Highest first: an open overlay or dialog, the composer, a list, the frame and the screen. */
export type ShortcutLayer = 'overlay' | 'composer' | 'list' | 'global';
const RANK: Record<ShortcutLayer, number> = { overlay: 3, composer: 2, list: 1, global: 0 };

interface ShortcutKey {
  /** As the help overlay shows it. */
  label: string;
  /** Whether a keydown is this key; none for keys the browser handles itself (Enter, Esc). */
  matches?: (e: KeyboardEvent) => boolean;
  /** Left to the browser here (a field the caseworker types in, a <select> that Alt+↓ opens). */
  skip?: (e: KeyboardEvent) => boolean;
  /** Taken from the browser even when no handler runs. */
  always?: boolean;
}
interface Shortcut {
  keys: ShortcutKey[];
  text: string;
  /** The action the keys run; none for the browser's own keys, listed for the caseworker only. */
  action?: ShortcutAction;
  /** Still works while a dialog is open (it opens above it). */
  overDialogs?: boolean;
}

const mod = (e: KeyboardEvent) => e.ctrlKey || e.metaKey;
const typing = (e: KeyboardEvent) => isTypingTarget(e.target);
/** Ctrl (⌘ on macOS) with a letter: also from a field. */
const ctrl = (letter: string): ShortcutKey => ({
  label: `Ctrl+${letter.toUpperCase()}`,
  matches: (e) => mod(e) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === letter,
});
/** One key without Ctrl or Alt (Shift allowed: ? and J): never while typing in a field. */
const plain = (label: string, ...keys: string[]): ShortcutKey => ({
  label,
  matches: (e) => !mod(e) && !e.altKey && keys.includes(e.key),
  skip: typing,
});
/** Alt+← / Alt+→: Back/Forward as in a browser, also from a field; on macOS Option+←/→ moves by word in a field. Always taken, so a browser (browser mode) never leaves the app's page instead. */
const altSide = (label: string, key: string): ShortcutKey => ({
  label,
  matches: (e) => e.altKey && !mod(e) && !e.shiftKey && e.key === key,
  skip: (e) => typing(e) && /Mac/.test(navigator.platform),
  always: true,
});
/** Alt+↓ / Alt+↑: Alt+↓ opens a <select>, and moves the caret in a text area: those are left alone. */
const altUpDown = (label: string, key: string): ShortcutKey => ({
  label,
  matches: (e) => e.altKey && !mod(e) && e.key === key,
  skip: (e) => e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement,
});
const shown = (label: string): ShortcutKey => ({ label });

/** Every shortcut: the keys the document listener maps to actions, in the order the help overlay lists them. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: [ctrl('k'), plain('/', '/')], text: 'Søg efter borger', action: 'search' },
  { keys: [ctrl('n')], text: 'Ny besked til den åbne borger', action: 'newMessage' },
  { keys: [{ label: 'Ctrl+Enter', matches: (e) => mod(e) && e.key === 'Enter' }], text: 'Send beskeden (i beskedvinduet)', action: 'send' },
  { keys: [plain('J', 'j', 'J'), altUpDown('Alt+↓', 'ArrowDown')], text: 'Næste punkt i listen (indbakke, udbakke, tråde)', action: 'next' },
  { keys: [plain('K', 'k', 'K'), altUpDown('Alt+↑', 'ArrowUp')], text: 'Forrige punkt i listen', action: 'prev' },
  { keys: [shown('Enter')], text: 'Åbn det markerede punkt' },
  { keys: [altSide('Alt+←', 'ArrowLeft')], text: 'Tilbage til det forrige skærmbillede (også musens tilbage-knap)', action: 'back' },
  { keys: [altSide('Alt+→', 'ArrowRight')], text: 'Frem igen', action: 'forward' },
  { keys: [plain('T', 't', 'T')], text: 'Tag næste opgave (teamets indbakke, når organisationens hub bruges)', action: 'takeNext' },
  { keys: [plain('?', '?'), { label: 'F1', matches: (e) => e.key === 'F1' }], text: 'Vis denne oversigt over genveje', action: 'help', overDialogs: true },
  { keys: [shown('Esc')], text: 'Luk vindue eller oversigt' },
];

/** What an open dialog holds from the layers beneath it: every action but those that open above it. */
export const DIALOG_HOLDS: readonly ShortcutAction[] = SHORTCUTS.flatMap((s) => (s.action && !s.overDialogs ? [s.action] : []));

type Handler = () => void;
interface Entry {
  action: ShortcutAction;
  layer: ShortcutLayer;
  /** When the registering component mounted (not when it was last switched on). */
  mounted: number;
  /** null: the layer claims the action and nothing runs. */
  run: Handler | null;
  /** Only for keys pressed inside this element. */
  within: RefObject<HTMLElement | null> | null;
}

const entries = new Set<Entry>();
let mounts = 0;

/** The entry that gets the action now, if any. */
function winner(action: ShortcutAction, target: EventTarget | null): Entry | null {
  let best: Entry | null = null;
  for (const e of entries) {
    if (e.action !== action) continue;
    if (e.within && !(target instanceof Node && e.within.current?.contains(target))) continue;
    if (!best || RANK[e.layer] > RANK[best.layer] || (RANK[e.layer] === RANK[best.layer] && e.mounted > best.mounted)) best = e;
  }
  return best;
}

/** Run the action's winning handler for a key pressed on `target`; true when a handler ran or a layer claimed the key. */
export function runShortcut(action: ShortcutAction, target: EventTarget | null = null): boolean {
  const e = winner(action, target);
  if (!e) return false;
  e.run?.();
  return true;
}

/** A number fixed when the component mounts: ties within a layer go to the later one. */
function useMountOrder(): number {
  const [n] = useState(() => ++mounts);
  return n;
}

function useEntries(actions: readonly ShortcutAction[], layer: ShortcutLayer, run: Handler | null, enabled: boolean, within: RefObject<HTMLElement | null> | null = null): void {
  const mounted = useMountOrder();
  const key = actions.join(' ');
  useEffect(() => {
    if (!enabled) return;
    const added = key.split(' ').map((action) => ({ action: action as ShortcutAction, layer, mounted, run, within }));
    for (const e of added) entries.add(e);
    return () => {
      for (const e of added) entries.delete(e);
    };
  }, [key, layer, mounted, run, enabled, within]);
}

/** Register a handler while the component is mounted (and `enabled`); with `within`, only for keys pressed inside that element. */
export function useShortcut(
  action: ShortcutAction,
  handler: Handler,
  opts: { layer?: ShortcutLayer; enabled?: boolean; within?: RefObject<HTMLElement | null> } = {},
): void {
  const ref = useRef(handler);
  useEffect(() => {
    ref.current = handler;
  });
  const [run] = useState<Handler>(() => () => ref.current());
  useEntries([action], opts.layer ?? 'global', run, opts.enabled ?? true, opts.within ?? null);
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

/** The document-level key handler; <App> installs it once. The first key in SHORTCUTS that matches decides. */
export function handleGlobalKey(e: KeyboardEvent): void {
  if (e.defaultPrevented || e.isComposing) return;
  for (const shortcut of SHORTCUTS) {
    for (const key of shortcut.keys) {
      if (!key.matches?.(e)) continue;
      if (key.skip?.(e) || !shortcut.action) return;
      if (runShortcut(shortcut.action, e.target) || key.always) e.preventDefault();
      return;
    }
  }
}

/** The mouse's back and forward buttons (3 and 4) go Back and Forward; <App> installs it on mousedown and mouseup. */
export function handleGlobalMouse(e: MouseEvent): void {
  if (e.button !== 3 && e.button !== 4) return;
  // Taken on both, so a browser (browser mode) never navigates the page itself.
  e.preventDefault();
  if (e.type === 'mouseup') runShortcut(e.button === 3 ? 'back' : 'forward');
}
