import { contextBridge } from 'electron';
contextBridge.exposeInMainWorld('dfdg', {});
