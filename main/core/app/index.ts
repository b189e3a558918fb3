export { createCore, type Core, type CoreOptions, type SandboxOrganisationId } from './createCore';
export type { CoreMode } from './context';
