import type { DfdgBridge } from '../../shared/ipc';

declare global {
  interface Window {
    /** The one door to main: derived from shared/ipc.ts by preload (or the e2e test bridge). */
    dfdg: DfdgBridge;
  }
}
export {};
