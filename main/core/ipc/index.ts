export { createDispatcher, registerEventForwarding, toIpcError, describeErrorSafely, stackFrames, GENERIC_INTERNAL_MESSAGE, OFFLINE_MESSAGE, NOT_READY } from './dispatch';
export type { Dispatch, DispatcherOptions, CoreOn } from './dispatch';
export { isTrustedSender, isTrustedSenderFrame, FORBIDDEN_SENDER, type SenderEventLike, type SenderFrameLike } from './sender';
export { APP_SCHEME, APP_HOST, APP_BASE_URL, APP_ENTRY_URL, RENDERER_CSP, RENDERER_HEADERS, isPathInsideDir, parseAppUrl, resolveAppFile, resolveRendererPath, isSafeExternalUrl, isAllowedExternalUrl, EXTERNAL_LINK_HOSTS, urlForLog } from './origin';
export { checkPlainPayload, MAX_PAYLOAD_DEPTH, MAX_PAYLOAD_NODES } from './payload';
export { danishErrorMap } from './issues';
