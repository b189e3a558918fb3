// The one narrow door between the page and main: window.dfdg, derived from the IPC contract
// (shared/ipc.ts). No Node, no business logic, no generic ipcRenderer: a channel outside the contract
// is refused here before it reaches ipcRenderer, and listeners never see Electron's event object.
// Bundled by electron-vite into one CommonJS file (a sandboxed preload may only require 'electron').

import { contextBridge, ipcRenderer } from 'electron';
import { ipcChannelName, ipcEventName, isChannel, isEventName, type DfdgBridge, type IpcResult } from '../shared/ipc';

const refused = (kind: 'unknown-channel' | 'invalid-request', message: string): IpcResult<never> => ({ ok: false, error: { kind, message } });

export const bridge: DfdgBridge = {
  invoke(channel, request) {
    if (!isChannel(channel)) return Promise.resolve(refused('unknown-channel', 'Funktionen findes ikke.'));
    return (ipcRenderer.invoke(ipcChannelName(channel), request) as Promise<IpcResult<never>>).catch(() =>
      // Structured clone refused the request (e.g. a function in it) or main is shutting down.
      refused('invalid-request', 'Forespørgslen kunne ikke sendes til DFDG Desk.'),
    );
  },
  on(event, listener) {
    if (!isEventName(event)) throw new TypeError('Ukendt hændelse');
    if (typeof listener !== 'function') throw new TypeError('listener skal være en funktion');
    const name = ipcEventName(event);
    const wrapped = (_event: unknown, payload: unknown) => {
      (listener as (p: unknown) => void)(payload);
    };
    ipcRenderer.on(name, wrapped);
    return () => {
      ipcRenderer.removeListener(name, wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('dfdg', bridge);
