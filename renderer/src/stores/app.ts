// The app-wide store: who we act as (app.info), connectivity, outbox status and sync progress, the
// open-advisory count, the code lists main has cached, the current screen, and the live-region text.
// Screens keep their own data locally; only what the frame shows at all times lives here.
import { create } from 'zustand';
import type { CodeListItem, ConnectivityCause, SyncStatus } from '../../../shared/domain';
import type { ChannelResponse } from '../../../shared/ipc';

export type AppInfo = ChannelResponse<'app.info'>;

export type CitizenTab = 'dialog' | 'fravaer' | 'plan' | 'moeder' | 'joblog';

export type Route =
  | { name: 'search' }
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
  codeLists: Record<string, CodeListItem[]> | null;
  route: Route;
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
  setCodeLists(lists: Record<string, CodeListItem[]>): void;
  navigate(route: Route): void;
  focusSearch(): void;
  setHelpOpen(open: boolean): void;
  announce(text: string): void;
  clearAnnouncement(seq: number): void;
}

export const useApp = create<AppState>()((set) => ({
  info: null,
  infoError: null,
  online: true,
  offlineReason: null,
  offlineCause: null,
  status: null,
  progress: null,
  inboxOpen: null,
  codeLists: null,
  route: { name: 'search' },
  searchFocusTick: 0,
  helpOpen: false,
  announcement: { text: '', seq: 0 },

  setInfo: (info) => set({ info, infoError: null, status: info.status, online: info.status.online, offlineCause: info.status.online ? null : info.status.cause }),
  setInfoError: (message) => set({ infoError: message }),
  setOnline: (online, reason, cause) => set({ online, offlineReason: online ? null : reason, offlineCause: online ? null : cause }),
  setStatus: (status) => set((s) => ({ status, progress: status.draining ? s.progress : null })),
  setProgress: (p) => set({ progress: p && p.total > 0 && p.done < p.total ? p : null }),
  setInboxOpen: (n) => set({ inboxOpen: n }),
  setCodeLists: (lists) => set({ codeLists: lists }),
  navigate: (route) => set({ route }),
  focusSearch: () => set((s) => ({ route: s.route.name === 'search' ? s.route : { name: 'search' }, searchFocusTick: s.searchFocusTick + 1 })),
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
    codeLists: null,
    route: { name: 'search' },
    searchFocusTick: 0,
    helpOpen: false,
    announcement: { text: '', seq: 0 },
  });
}
