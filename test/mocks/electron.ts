// Tests never load the real electron package (Electron >= 42 downloads its binary on first
// require, which fails here). Shell tests override what they need with vi.mock('electron', ...).
const missing = (name: string) => () => {
  throw new Error(`electron.${name} is not available in tests: mock it with vi.mock('electron')`);
};
export const app = new Proxy({}, { get: (_t, p) => missing(`app.${String(p)}`) });
export const ipcMain = new Proxy({}, { get: (_t, p) => missing(`ipcMain.${String(p)}`) });
export const ipcRenderer = new Proxy({}, { get: (_t, p) => missing(`ipcRenderer.${String(p)}`) });
export const contextBridge = new Proxy({}, { get: (_t, p) => missing(`contextBridge.${String(p)}`) });
export const safeStorage = new Proxy({}, { get: (_t, p) => missing(`safeStorage.${String(p)}`) });
export const session = new Proxy({}, { get: (_t, p) => missing(`session.${String(p)}`) });
export const BrowserWindow = missing('BrowserWindow');
export default { app, ipcMain, ipcRenderer, contextBridge, safeStorage, session, BrowserWindow };
