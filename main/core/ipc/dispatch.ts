// The IPC dispatcher: the one function every renderer request passes through, in the Electron shell
// and in the e2e test bridge alike. Electron-free.
//
// channel → known? → payload plain data? → schema → handler → (response schema in tests/dev) → result.
// It never throws: every outcome is an IpcResult, every failure a typed { ok: false, error }.

import type { z } from 'zod';
import { channels, events, zIpcError } from '../../../shared/contract';
import { isChannel, isEventName, eventNames, type EventName, type EventPayload, type IpcError, type IpcHandlers, type IpcResult } from '../../../shared/ipc';
import { CoreError } from '../errors';
import { DfdgError } from '../dfdg/errors';
import { TLS_REQUEST_EXPLANATION } from '../../../shared/dfdgErrors';
import { explainDfdgError } from './dfdgExplain';
import { danishErrorMap, issuesOf } from './issues';
import { checkPlainPayload } from './payload';

export interface DispatcherOptions {
  /** Validate every handler result against the channel's response schema (tests and development). */
  validateResponses?: boolean;
  /**
   * Called for unexpected failures (a handler threw something other than CoreError/DfdgError, or a
   * response failed its schema). Default: one log line with the channel and the error's name and
   * stack frames, never its message (it could hold personal data).
   */
  onError?(channel: string, err: unknown): void;
}

export type Dispatch = (channel: unknown, payload: unknown) => Promise<IpcResult<unknown>>;

export const GENERIC_INTERNAL_MESSAGE = 'Der opstod en uventet fejl. Prøv igen. Hvis fejlen bliver ved, så kontakt support.';
const KEPT_MESSAGE = 'Det, du har gemt, er ikke gået tabt.';
export const OFFLINE_MESSAGE = `DFDG kan ikke nås lige nu. Prøv igen om lidt. ${KEPT_MESSAGE}`;
const PROTOCOL_ADVICE = 'Prøv igen. Hvis fejlen bliver ved, så kontakt support.';

/** The answer to every request while the core starts or restarts (the Electron shell and browser mode). */
export const NOT_READY: IpcResult<never> = Object.freeze({
  ok: false,
  error: Object.freeze({ kind: 'not-configured', message: 'DFDG Desk starter eller forbinder igen. Prøv igen om et øjeblik.' }),
}) as IpcResult<never>;

const fail = (error: IpcError): IpcResult<never> => ({ ok: false, error });

const KNOWN_KINDS = new Set<string>(zIpcError.shape.kind.options);

/** Name and stack frames of an error, without its message (which may hold personal data). */
export function describeErrorSafely(err: unknown): string {
  if (!(err instanceof Error)) return `non-error thrown (${typeof err})`;
  const frames = stackFrames(err);
  return `${err.name}${frames.length ? `\n  ${frames.join('\n  ')}` : ''}`;
}

/**
 * Where an error was thrown: up to `max` frames as "function (file.js:line:col)", the file by its name
 * only (no directory: a path may name the user), never the error's message. The log takes these (it
 * drops indented "at" lines, main/core/log.ts).
 */
export function stackFrames(err: unknown, max = 8): string[] {
  if (!(err instanceof Error) || typeof err.stack !== 'string') return [];
  const out: string[] = [];
  for (const line of err.stack.split('\n')) {
    const m = /^\s+at (?:(.*?) \((.*)\)|(.*))$/.exec(line);
    if (!m) continue;
    const fn = m[1] ?? '';
    const where = (m[2] ?? m[3] ?? '').replace(/^.*[/\\]/, '');
    out.push(fn ? `${fn} (${where})` : where);
    if (out.length >= max) break;
  }
  return out;
}

const defaultOnError = (channel: string, err: unknown) => {
  console.error(`[ipc] ${channel}: ${describeErrorSafely(err)}`);
};

/** Maps anything a handler throws to the IPC error the renderer sees. */
export function toIpcError(err: unknown): { error: IpcError; unexpected: boolean } {
  if (err instanceof CoreError || (err instanceof Error && err.name === 'CoreError' && typeof (err as CoreError).kind === 'string')) {
    const e = err as CoreError;
    if (KNOWN_KINDS.has(e.kind)) {
      const error: IpcError = { kind: e.kind, message: typeof e.message === 'string' && e.message ? e.message : GENERIC_INTERNAL_MESSAGE };
      if (e.code !== null && e.code !== undefined) error.code = e.code;
      if (e.findings) error.findings = e.findings;
      return { error, unexpected: false };
    }
  }
  if (err instanceof DfdgError || (err instanceof Error && err.name === 'DfdgError' && typeof (err as DfdgError).transient === 'boolean')) {
    const e = err as DfdgError;
    if (e.kind === 'tls') {
      // Nothing reached DFDG: the certificate advice, not "DFDG kan ikke nås" or a rejection without a code.
      const { title, advice } = TLS_REQUEST_EXPLANATION;
      return { error: { kind: e.transient ? 'offline' : 'dfdg', code: null, message: `${title} ${advice}` }, unexpected: false };
    }
    // The proxy in front of DFDG is the cause: name it, not "DFDG kan ikke nås".
    if (e.transient && e.kind === 'proxy') return { error: { kind: 'offline', message: `${e.text} ${KEPT_MESSAGE}`, code: null }, unexpected: false };
    if (e.transient) return { error: { kind: 'offline', message: OFFLINE_MESSAGE, code: e.code }, unexpected: false };
    // DFDG's answer could not be read (malformed, or over the size cap): our own Danish text says which,
    // not "DFDG afviste forespørgslen" (DFDG did not refuse anything).
    if (e.kind === 'protocol') return { error: { kind: 'dfdg', code: null, message: `${e.text} ${PROTOCOL_ADVICE}` }, unexpected: false };
    const { title, advice } = explainDfdgError(e.code, e.httpStatus);
    return { error: { kind: 'dfdg', code: e.code, message: `${title} ${advice}`.trim() }, unexpected: false };
  }
  return { error: { kind: 'internal', message: GENERIC_INTERNAL_MESSAGE }, unexpected: true };
}

export function createDispatcher(handlers: IpcHandlers, opts: DispatcherOptions = {}): Dispatch {
  const report = (channel: string, err: unknown) => {
    try {
      (opts.onError ?? defaultOnError)(channel, err);
    } catch {
      // A failing reporter must not turn into a failing request.
    }
  };

  return async (channel, payload) => {
    if (!isChannel(channel)) return fail({ kind: 'unknown-channel', message: 'Funktionen findes ikke.' });
    try {
      const problem = checkPlainPayload(payload);
      if (problem) return fail({ kind: 'invalid-request', message: 'Forespørgslen er ugyldig.', issues: [problem] });

      const schema = channels[channel].request as z.ZodType;
      const parsed = schema.safeParse(payload, { error: danishErrorMap });
      if (!parsed.success) return fail({ kind: 'invalid-request', message: 'Forespørgslen er ugyldig.', issues: issuesOf(parsed.error) });

      const handler = (handlers as unknown as Record<string, ((req: unknown) => Promise<unknown>) | undefined>)[channel];
      if (typeof handler !== 'function' || !Object.prototype.hasOwnProperty.call(handlers, channel)) {
        report(channel, new Error(`no handler for ${channel}`));
        return fail({ kind: 'internal', message: 'Funktionen er ikke tilgængelig i denne version.' });
      }
      const result = await handler.call(handlers, parsed.data);

      if (opts.validateResponses) {
        const checked = (channels[channel].response as z.ZodType).safeParse(result);
        if (!checked.success) {
          report(channel, new TypeError(`response of ${channel} failed its schema: ${issuesOf(checked.error).map((i) => `${i.path} ${i.message}`).join('; ')}`));
          return fail({ kind: 'internal', message: GENERIC_INTERNAL_MESSAGE });
        }
        return { ok: true, data: checked.data };
      }
      return { ok: true, data: result };
    } catch (err) {
      const { error, unexpected } = toIpcError(err);
      if (unexpected) report(channel, err);
      return fail(error);
    }
  };
}

export type CoreOn = <E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void) => () => void;

/**
 * Forwards every event of the contract from the core to the renderer (`send` is the shell's
 * webContents.send or the test bridge). With `validate`, a payload that fails its schema is reported
 * and not sent. Returns a function that stops all forwarding.
 */
export function registerEventForwarding(
  on: CoreOn,
  send: (event: EventName, payload: unknown) => void,
  opts: { validate?: boolean; onError?(event: string, err: unknown): void } = {},
): () => void {
  const offs = eventNames.map((event) =>
    on(event, (payload) => {
      try {
        if (!isEventName(event)) return;
        if (opts.validate) {
          const checked = (events[event] as z.ZodType).safeParse(payload);
          if (!checked.success) {
            (opts.onError ?? defaultOnError)(`event:${event}`, new TypeError(`event ${event} failed its schema`));
            return;
          }
        }
        send(event, payload);
      } catch (err) {
        (opts.onError ?? defaultOnError)(`event:${event}`, err);
      }
    }),
  );
  return () => {
    for (const off of offs) off();
  };
}
