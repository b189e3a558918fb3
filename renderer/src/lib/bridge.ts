// The renderer's one door to main: window.dfdg (typed by shared/ipc). `call` unwraps IpcResult so
// screens can use try/catch; `IpcFailure` keeps main's kind, Danish message, DFDG code and findings.
import { useEffect, useRef } from 'react';
import type { Channel, ChannelRequest, ChannelResponse, EventName, EventPayload, IpcError } from '../../../shared/ipc';

export class IpcFailure extends Error {
  readonly error: IpcError;
  constructor(error: IpcError) {
    super(error.message);
    this.name = 'IpcFailure';
    this.error = error;
  }
}

export async function call<C extends Channel>(channel: C, request: ChannelRequest<C>): Promise<ChannelResponse<C>> {
  const result = await window.dfdg.invoke(channel, request);
  if (!result.ok) throw new IpcFailure(result.error);
  return result.data;
}

/**
 * A Danish sentence for any failure (main's message where it gave one), with DFDG's error code when
 * DFDG gave one: the caseworker quotes it to STAR's support. Not for 'offline' (no answer from DFDG).
 */
export function errorText(e: unknown): string {
  if (e instanceof IpcFailure) {
    const message = e.error.message || 'Der opstod en fejl.';
    const code = e.error.code;
    if (typeof code !== 'number' || e.error.kind === 'offline' || message.includes(String(code))) return message;
    return `${message} (DFDG-fejlkode ${code})`;
  }
  return 'Der opstod en uventet fejl. Prøv igen, eller genstart programmet.';
}

export function ipcError(e: unknown): IpcError | null {
  return e instanceof IpcFailure ? e.error : null;
}

/** Subscribe to a main event for the lifetime of the component (the latest listener is always used). */
export function useDfdgEvent<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): void {
  const ref = useRef(listener);
  useEffect(() => {
    ref.current = listener;
  });
  useEffect(() => window.dfdg.on(event, (p) => ref.current(p)), [event]);
}
