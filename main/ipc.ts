// IPC wiring: one ipcMain.handle per contract channel. Each handler first checks the sender (main
// frame of the app's own app:// origin, from the app's window), then hands the payload to the
// dispatcher. Events from the core go to the window's webContents under their contract names.

import type { IpcMain, WebContents } from 'electron';
import { channelNames, ipcChannelName, ipcEventName } from '../shared/ipc';
import { NOT_READY, registerEventForwarding, type CoreOn, type Dispatch } from './core/ipc/dispatch';
import { FORBIDDEN_SENDER, isTrustedSender, type SenderEventLike } from './core/ipc/sender';

/** The answer while the core starts or restarts (shared with browser mode, main/web). */
export { NOT_READY } from './core/ipc/dispatch';

export interface IpcWiring {
  /** The current dispatcher, or null while the core starts or restarts. */
  dispatch(): Dispatch | null;
  /** The id of the app window's webContents (requests from any other webContents are refused). */
  windowContentsId(): number | null;
}

/** Registers every contract channel; returns a function that removes them again. */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, wiring: IpcWiring): () => void {
  for (const channel of channelNames) {
    ipcMain.handle(ipcChannelName(channel), async (event, payload: unknown) => {
      if (!isTrustedSender(event as unknown as SenderEventLike, wiring.windowContentsId())) return FORBIDDEN_SENDER;
      const dispatch = wiring.dispatch();
      if (!dispatch) return NOT_READY;
      return dispatch(channel, payload);
    });
  }
  return () => {
    for (const channel of channelNames) ipcMain.removeHandler(ipcChannelName(channel));
  };
}

/** Sends every core event to the window under `dfdg:event:<name>`; returns a function that stops it. */
export function forwardCoreEvents(on: CoreOn, contents: () => WebContents | null, opts: { validate?: boolean; onError?(event: string, err: unknown): void } = {}): () => void {
  return registerEventForwarding(
    on,
    (event, payload) => {
      const wc = contents();
      if (wc && !wc.isDestroyed()) wc.send(ipcEventName(event), payload);
    },
    opts,
  );
}
