// The app-wide store: who we act as (app.info), connectivity, outbox status and sync progress, the
// open-advisory count and the organisation hub's status, the code lists main has cached, the current screen and the screens visited
// (Back/Forward), and the live-region text. Screens keep their own data locally; only what the frame
// shows at all times lives here. The visited screens are kept here only, in memory: a route holds a
// CPR number, so it never goes into the URL, the browser's session history or the window title.
import { create } from 'zustand';
import type { CodeListItem, ConnectivityCause, HubStatus, SyncStatus } from '../../../shared/domain';
import type { ChannelResponse } from '../../../shared/ipc';

export type AppInfo = ChannelResponse<'app.info'>;

export type CitizenTab = 'dialog' | 'fravaer' | 'plan' | 'moeder' | 'joblog';

export type Route =
  | { name: 'search'; /** What was in the search field, restored when the caseworker comes Back. */ query?: string }
  | { name: 'citizen'; cpr: string; tab: CitizenTab; /** A message whose thread the Dialog tab opens (from a message search). */ messageId?: string }
  | { name: 'inbox' }
  | { name: 'outbox' }
  | { name: 'settings' };

export interface AppState {
  info: AppInfo | null;
  infoError: string | null;
  online: boolean;
  offlineReason: string | null;
  /** Why DFDG is out of reach ('tls': the secure connection was refused over a certificate); null while online. */
  offlineCause: ConnectivityCause | null;
  status: SyncStatus | null;
  progress: { done: number; total: number } | null;
  inboxOpen: number | null;
  /** The organisation hub (hub mode: the Indbakke is the team queue); null without one. */
  hub: HubStatus | null;
  codeLists: Record<string, CodeListItem[]> | null;
  route: Route;
  /** The screens visited, for Back and Forward; `index` is the one shown (`route`). */
  history: { entries: Route[]; index: number };
  /** Bumped to ask the search field to take focus (Ctrl+K). */
  searchFocusTick: number;
  helpOpen: boolean;
  announcement: { text: string; seq: number };

  setInfo(info: AppInfo): void;
  setInfoError(message: string): void;
  setOnline(online: boolean, reason: string | null, cause: ConnectivityCause | null): void;
  setStatus(status: SyncStatus): void;
  setProgress(p: { done: number; total: number } | null): void;
  setInboxOpen(n: number): void;
  setHub(status: HubStatus): void;
  setCodeLists(lists: Record<string, CodeListItem[]>): void;
  /** Go to a screen (a new history entry, unless it is the one shown). */
  navigate(route: Route): void;
  /** Change the screen's own entry without a new one (the search field's text). */
  replaceRoute(route: Route): void;
  back(): void;
  forward(): void;
  focusSearch(): void;
  setHelpOpen(open: boolean): void;
  announce(text: string): void;
  clearAnnouncement(seq: number): void;
}

/** How many screens Back can go through. */
const HISTORY_LIMIT = 100;

/** The same screen: Back should not stop twice on it (the search field's text does not count). */
function sameScreen(a: Route, b: Route): boolean {
  if (a.name !== b.name) return false;
  if (a.name === 'citizen' && b.name === 'citizen') return a.cpr === b.cpr && a.tab === b.tab && a.messageId === b.messageId;
  return true;
}

function pushed(history: AppState['history'], route: Route): Pick<AppState, 'route' | 'history'> {
  const current = history.entries[history.index];
  if (current && sameScreen(current, route)) return { route: current, history };
  const entries = [...history.entries.slice(0, history.index + 1), route].slice(-HISTORY_LIMIT);
  return { route, history: { entries, index: entries.length - 1 } };
}

function moved(history: AppState['history'], by: -1 | 1): Pick<AppState, 'route' | 'history'> | Record<string, never> {
  const index = history.index + by;
  const route = history.entries[index];
  return route ? { route, history: { entries: history.entries, index } } : {};
}

const START: Route = { name: 'search' };

export const useApp = create<AppState>()((set) => ({
  info: null,
  infoError: null,
  online: true,
  offlineReason: null,
  offlineCause: null,
  status: null,
  progress: null,
  inboxOpen: null,
  hub: null,
  codeLists: null,
  route: START,
  history: { entries: [START], index: 0 },
  searchFocusTick: 0,
  helpOpen: false,
  announcement: { text: '', seq: 0 },

  setInfo: (info) =>
    set({
      info,
      infoError: null,
      status: info.status,
      online: info.status.online,
      offlineCause: info.status.online ? null : info.status.cause,
      hub: info.hub,
      ...(info.hub && info.hub.state !== 'unavailable' ? { inboxOpen: info.hub.counts.mine + info.hub.counts.unassigned } : {}),
    }),
  setInfoError: (message) => set({ infoError: message }),
  setOnline: (online, reason, cause) => set({ online, offlineReason: online ? null : reason, offlineCause: online ? null : cause }),
  setStatus: (status) => set((s) => ({ status, progress: status.draining ? s.progress : null })),
  setProgress: (p) => set({ progress: p && p.total > 0 && p.done < p.total ? p : null }),
  setInboxOpen: (n) => set({ inboxOpen: n }),
  setHub: (hub) => set({ hub }),
  setCodeLists: (lists) => set({ codeLists: lists }),
  navigate: (route) => set((s) => pushed(s.history, route)),
  replaceRoute: (route) =>
    set((s) => {
      const entries = [...s.history.entries];
      entries[s.history.index] = route;
      return { route, history: { entries, index: s.history.index } };
    }),
  back: () => set((s) => moved(s.history, -1)),
  forward: () => set((s) => moved(s.history, 1)),
  focusSearch: () => set((s) => ({ ...pushed(s.history, { name: 'search' }), searchFocusTick: s.searchFocusTick + 1 })),
  setHelpOpen: (open) => set({ helpOpen: open }),
  announce: (text) => set((s) => ({ announcement: { text, seq: s.announcement.seq + 1 } })),
  clearAnnouncement: (seq) => set((s) => (s.announcement.seq === seq ? { announcement: { text: '', seq } } : s)),
}));

/** Reset to the initial state (tests render a fresh app per test). */
export function resetAppStore(): void {
  useApp.setState({
    info: null,
    infoError: null,
    online: true,
    offlineReason: null,
    offlineCause: null,
    status: null,
    progress: null,
    inboxOpen: null,
    hub: null,
    codeLists: null,
    route: START,
    history: { entries: [START], index: 0 },
    searchFocusTick: 0,
    helpOpen: false,
    announcement: { text: '', seq: 0 },
  });
}
