export { createCore, type Core, type CoreOptions, type CoreTarget } from './createCore';
export type { CoreMode } from './context';
