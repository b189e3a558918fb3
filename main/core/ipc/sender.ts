// The sender check every IPC handler runs before anything else (cf. VS Code's validatedIpcMain):
// the request must come from a live frame that is the main frame (not an iframe) and whose URL is the
// app's own app:// origin. Written against a structural type so it is tested without Electron.

import type { IpcResult } from '../../../shared/ipc';
import { parseAppUrl } from './origin';

/** The parts of Electron's WebFrameMain the check reads. */
export interface SenderFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

/** The parts of Electron's IpcMainInvokeEvent the check reads. */
export interface SenderEventLike {
  readonly senderFrame?: SenderFrameLike | null;
  readonly sender?: { readonly id?: number } | null;
}

export function isTrustedSenderFrame(frame: SenderFrameLike | null | undefined): boolean {
  try {
    if (!frame) return false;
    if (frame.parent !== null) return false; // a subframe
    return typeof frame.url === 'string' && parseAppUrl(frame.url) !== null;
  } catch {
    // A destroyed frame throws on access.
    return false;
  }
}

/** With `expectedWebContentsId`, the request must also come from the app's own window. */
export function isTrustedSender(event: SenderEventLike | null | undefined, expectedWebContentsId?: number | null): boolean {
  try {
    if (!event || !isTrustedSenderFrame(event.senderFrame)) return false;
    if (expectedWebContentsId !== undefined && expectedWebContentsId !== null && event.sender?.id !== expectedWebContentsId) return false;
    return true;
  } catch {
    return false;
  }
}

export const FORBIDDEN_SENDER: IpcResult<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ kind: 'forbidden-sender', message: 'Forespørgslen kom ikke fra DFDG Desk selv og blev afvist.' }),
}) as IpcResult<never>;
