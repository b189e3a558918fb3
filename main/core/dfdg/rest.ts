// REST calls in DFDG's newer style (docs/wire-contract.md §3): JSON, the citizen in
// `x-civilRegistrationIdentifier`, one `x-requestId` per logical request, errors `{fejlkode, fejltekst}`.
//
// ASSUMED (wire-contract.md §3): the error body shape `{ "fejlkode": <int>, "fejltekst": "<text>" }`
// and the 412 body; the calling organisation is the certificate's (no REST header names it).

import { randomUUID } from 'node:crypto';
import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import type { Cpr } from '../../../shared/domain';
import { DfdgError } from './errors';
import { protocolError, sizeOptions, SIZE_LIMITS, statusError, transportError, type CallMeta, type SizeLimits } from './http';
import type { CallContext, DfdgServiceName } from './types';
import { WireError } from './values';

const errorBody = z.object({
  fejlkode: z.union([z.number().int(), z.string().regex(/^-?\d+$/).transform(Number)]),
  fejltekst: z.string().optional().default(''),
});

export interface RestRequest<T> {
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the service's base URL, segments already encoded (use `seg()`). */
  path: string;
  query?: Record<string, string | undefined>;
  /** The citizen (sent as x-civilRegistrationIdentifier); omitted for calls without a citizen. */
  cpr?: Cpr;
  /** The stable x-requestId of a command (reused on every retry); a fresh one when absent. */
  requestId?: string;
  body?: unknown;
  /** Validates the 2xx body; null when no body is expected (204). */
  schema: z.ZodType<T> | null;
  /** The call changes state at DFDG (decides `ambiguous`). */
  write: boolean;
  /** Request and response size caps (default SIZE_LIMITS.call). */
  limits?: SizeLimits;
}

/** Encodes one path segment. */
export function seg(s: string): string {
  return encodeURIComponent(s);
}

/** One REST service under a base URL. */
export class RestService {
  private readonly base: string;

  constructor(
    private readonly http: AxiosInstance,
    readonly service: DfdgServiceName,
    baseUrl: string,
    private readonly timeoutMs: number,
  ) {
    this.base = baseUrl.replace(/\/+$/, '');
  }

  async call<T>(ctx: CallContext, r: RestRequest<T>): Promise<T> {
    const correlationId = ctx.correlationId ?? randomUUID();
    const limits = r.limits ?? SIZE_LIMITS.call;
    const meta: CallMeta = { service: this.service, operation: r.operation, correlationId, write: r.write, timeoutMs: this.timeoutMs, limits };
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'x-requestId': r.requestId ?? randomUUID(),
      'x-correlation-id': correlationId,
    };
    if (r.cpr !== undefined) headers['x-civilRegistrationIdentifier'] = r.cpr;
    let data: string | undefined;
    if (r.body !== undefined) {
      headers['Content-Type'] = 'application/json; charset=utf-8';
      data = JSON.stringify(r.body);
    }
    let url = this.base + r.path;
    if (r.query) {
      const q = new URLSearchParams();
      for (const [k, v] of Object.entries(r.query)) if (v !== undefined && v !== '') q.set(k, v);
      const qs = q.toString();
      if (qs) url += `?${qs}`;
    }
    let status: number;
    let text: string;
    try {
      const res = await this.http.request<string>({ method: r.method, url, headers, data, ...sizeOptions(limits), ...(ctx.signal ? { signal: ctx.signal } : {}) });
      status = res.status;
      text = typeof res.data === 'string' ? res.data : String(res.data ?? '');
    } catch (e) {
      throw transportError(e, meta);
    }
    return this.interpret(r, status, text, meta);
  }

  interpret<T>(r: RestRequest<T>, status: number, text: string, meta: CallMeta): T {
    if (status >= 200 && status < 300) {
      if (r.schema === null) return undefined as T;
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        throw protocolError('svaret er ikke gyldig JSON', meta, status, true);
      }
      const parsed = r.schema.safeParse(json);
      if (!parsed.success) {
        const where = parsed.error.issues[0]?.path.join('.') || 'svaret';
        throw protocolError(`uventet indhold i ${where}`, meta, status, true);
      }
      return parsed.data;
    }
    let fejl: z.infer<typeof errorBody> | null = null;
    try {
      const p = errorBody.safeParse(JSON.parse(text));
      if (p.success) fejl = p.data;
    } catch {
      fejl = null;
    }
    if (status === 412) {
      // Kept distinct: on a retry of the same command it means "already applied".
      return this.fail(412, fejl?.fejltekst || 'x-requestId er allerede modtaget', status, meta);
    }
    if (fejl) return this.fail(fejl.fejlkode, fejl.fejltekst, status, meta);
    throw statusError(status, meta);
  }

  private fail(code: number, text: string, status: number, meta: CallMeta): never {
    throw new DfdgError({
      code,
      text,
      service: meta.service,
      operation: meta.operation,
      transient: false,
      kind: 'fault',
      httpStatus: status,
      correlationId: meta.correlationId,
    });
  }

  /** Runs a mapping over the validated body; a WireError becomes DfdgError kind 'protocol'. */
  async request<T, R>(ctx: CallContext, r: RestRequest<T>, map: (body: T) => R): Promise<R> {
    const correlationId = ctx.correlationId ?? randomUUID();
    const body = await this.call({ ...ctx, correlationId }, r);
    try {
      return map(body);
    } catch (e) {
      if (e instanceof WireError) {
        throw protocolError(e.message, { service: this.service, operation: r.operation, correlationId, write: r.write, timeoutMs: this.timeoutMs }, 200, true);
      }
      throw e;
    }
  }
}
