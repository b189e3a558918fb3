// Transport: the one TLS agent factory, the axios instance every client shares, and the
// classification of transport failures and bare HTTP statuses into DfdgError.
//
// Certificate verification is never disabled here: there is no option to do so.

import { randomUUID } from 'node:crypto';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import axios, { type AxiosInstance } from 'axios';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '../../../shared/constants';
import { DfdgError } from './errors';
import { assertPkcs12Iterations, readPkcs12 } from './identity';
import type { DfdgConfig, TlsConfig } from './types';

export const DEFAULT_TIMEOUT_MS = 15_000;

const MIB = 1024 * 1024;

/**
 * How large a request may be, and how large a response may grow after decompression (gzip, deflate,
 * brotli are decoded as they arrive and counted decoded, so a small compressed bomb stops at the cap).
 * A response over the cap is cut off and is an error of kind 'protocol', not transient: never retried
 * as if DFDG were down.
 */
export interface SizeLimits {
  maxRequestBytes: number;
  maxResponseBytes: number;
}

export const SIZE_LIMITS = {
  /** Every call by default: envelopes, lists of messages, statuses, code lists, notifications, receipts. */
  call: { maxRequestBytes: 2 * MIB, maxResponseBytes: 8 * MIB },
  /**
   * CreateMessage: the message with its attachments, base64 (4/3) of at most MAX_ATTACHMENTS files of
   * MAX_ATTACHMENT_BYTES (rules.md MSG_ATTACHMENT_SIZE), plus the envelope.
   */
  upload: { maxRequestBytes: Math.ceil((MAX_ATTACHMENTS * MAX_ATTACHMENT_BYTES * 4) / 3) + 2 * MIB, maxResponseBytes: 8 * MIB },
  /** GetCitizenMessageDocument: one document, base64, in its envelope (a document of up to 24 MB). */
  download: { maxRequestBytes: 2 * MIB, maxResponseBytes: 32 * MIB },
} as const satisfies Record<string, SizeLimits>;

const mb = (bytes: number) => `${Math.round(bytes / MIB)} MB`;

export interface AgentOptions {
  /** `http://[user:pass@]host:port` (or https://) of an HTTP CONNECT proxy. */
  proxyUrl?: string;
  /** Reuse connections (default true). */
  keepAlive?: boolean;
  /** Sockets per host (default 32). */
  maxSockets?: number;
}

/** The TLS material as Node's tls options. PKCS#12 goes to OpenSSL as is, unless OpenSSL cannot read it. */
export function tlsOptions(cfg: TlsConfig): tls.SecureContextOptions {
  const ca = cfg.ca !== undefined ? { ca: cfg.ca } : {};
  if (cfg.kind === 'pem') {
    return { ...ca, cert: cfg.cert, key: cfg.key, ...(cfg.passphrase !== undefined ? { passphrase: cfg.passphrase } : {}) };
  }
  // OpenSSL derives keys here: never for a file that asks for more rounds than the cap (IdentityError).
  assertPkcs12Iterations(cfg.pfx);
  const native = { ...ca, pfx: cfg.pfx, passphrase: cfg.passphrase };
  try {
    tls.createSecureContext(native);
    return native;
  } catch {
    // A wrong passphrase is reported clearly (IdentityError) by readPkcs12; a bundle with algorithms
    // OpenSSL 3 no longer reads by default (RC2, 3DES) is converted to PEM with node-forge.
    const p = readPkcs12(cfg.pfx, cfg.passphrase);
    return { ...ca, cert: [p.certPem, ...p.chainPem].join('\n'), key: p.keyPem };
  }
}

/** Why the proxy (not DFDG behind it) failed; the caseworker is told which (transportError). */
export type ProxyFailure = 'unreachable' | 'timeout' | 'auth' | 'refused' | 'upstream' | 'garbled';

/** A failure of the proxy itself, before anything reached DFDG: `proxy` is its host:port, `status` its answer to CONNECT. */
export class ProxyError extends Error {
  override readonly name = 'ProxyError';
  readonly code = 'EPROXY';
  constructor(
    readonly proxy: string,
    readonly failure: ProxyFailure,
    readonly status: number | null,
    cause?: unknown,
  ) {
    super(`proxy ${failure}${status !== null ? ` (${status})` : ''}`, cause !== undefined ? { cause } : undefined);
  }
}

const PROXY_ADVICE = 'Kontrollér proxy-indstillingen under Indstillinger → Proxy til DFDG, eller kontakt jeres it-afdeling.';

/** What the caseworker is told when the proxy is the cause (never "DFDG kan ikke nås": DFDG was not tried). */
export function proxyErrorText(e: ProxyError): string {
  const p = `Proxyen ${e.proxy}`;
  switch (e.failure) {
    case 'unreachable':
      return `${p} kunne ikke nås, så der er ingen forbindelse til DFDG. ${PROXY_ADVICE}`;
    case 'timeout':
      return `${p} svarede ikke, så der er ingen forbindelse til DFDG. ${PROXY_ADVICE}`;
    case 'auth':
      return `${p} kræver login (HTTP 407), og DFDG Desk logger ikke ind på proxyer. Vælg en anden proxy under Indstillinger → Proxy til DFDG, eller bed jeres it-afdeling om at lukke DFDG's adresse igennem.`;
    case 'refused':
      return `${p} afviste forbindelsen til DFDG (HTTP ${e.status}). ${PROXY_ADVICE}`;
    case 'upstream':
      return `${p} kunne ikke komme igennem til DFDG (HTTP ${e.status}). Det prøves igen om lidt. Bliver det ved: ${PROXY_ADVICE.charAt(0).toLowerCase()}${PROXY_ADVICE.slice(1)}`;
    case 'garbled':
      return `${p} svarede ikke som en proxy (CONNECT). ${PROXY_ADVICE}`;
  }
}

/** The longest wait for the proxy to open the tunnel. */
const TUNNEL_TIMEOUT_MS = DEFAULT_TIMEOUT_MS;

/**
 * An https.Agent that reaches its targets through an HTTP CONNECT tunnel (an `http:` or `https:`
 * proxy), with the agent's own TLS (CA, client certificate) end to end inside the tunnel: the proxy
 * sees only `CONNECT host:port`. Proxy credentials are never sent (settings refuse them).
 */
class TunnelAgent extends https.Agent {
  constructor(
    opts: https.AgentOptions,
    private readonly proxy: URL,
  ) {
    super(opts);
  }

  override createConnection(options: https.RequestOptions, callback?: (err: Error | null, stream: Duplex) => void): Duplex | null | undefined {
    const cb = callback ?? (() => undefined);
    const host = String(options.host ?? options.hostname ?? 'localhost');
    const port = Number(options.port ?? 443);
    const proxyPort = Number(this.proxy.port || (this.proxy.protocol === 'https:' ? 443 : 80));
    const proxyName = `${this.proxy.hostname}:${proxyPort}`;
    const raw: net.Socket =
      this.proxy.protocol === 'https:'
        ? tls.connect({ host: this.proxy.hostname, port: proxyPort, servername: this.proxy.hostname })
        : net.connect({ host: this.proxy.hostname, port: proxyPort });
    const target = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    let buf = Buffer.alloc(0);
    let settled = false;
    const fail = (failure: ProxyFailure, status: number | null = null, cause?: unknown) => {
      if (settled) return;
      settled = true;
      raw.destroy();
      cb(new ProxyError(proxyName, failure, status, cause), raw);
    };
    const onError = (err: Error) => fail('unreachable', null, err);
    const onClose = () => fail('garbled');
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buf.length > 16_384) fail('garbled');
        return;
      }
      raw.off('data', onData);
      raw.off('error', onError);
      raw.off('close', onClose);
      raw.setTimeout(0);
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(buf.subarray(0, end).toString('latin1'));
      const status = m ? Number(m[1]) : null;
      if (status === null) return fail('garbled');
      if (status !== 200) return fail(status === 407 ? 'auth' : status === 502 || status === 503 || status === 504 ? 'upstream' : 'refused', status);
      settled = true;
      const secure = tls.connect({ ...(options as tls.ConnectionOptions), socket: raw, servername: (options as tls.ConnectionOptions).servername ?? (net.isIP(host) ? undefined : host) });
      cb(null, secure);
    };
    raw.on('data', onData);
    raw.on('error', onError);
    raw.once('close', onClose);
    raw.setTimeout(TUNNEL_TIMEOUT_MS, () => fail('timeout'));
    raw.once(this.proxy.protocol === 'https:' ? 'secureConnect' : 'connect', () => {
      raw.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n\r\n`);
    });
    return undefined;
  }
}

/**
 * The one TLS agent factory: CA, client certificate (PEM or PKCS#12), optional proxy. Pure: the same
 * configuration gives an equivalent agent; nothing is read from the environment.
 */
export function buildHttpsAgent(cfg: TlsConfig, opts: AgentOptions = {}): https.Agent {
  const agentOpts: https.AgentOptions = {
    ...tlsOptions(cfg),
    rejectUnauthorized: true,
    keepAlive: opts.keepAlive ?? true,
    keepAliveMsecs: 1_000,
    maxSockets: opts.maxSockets ?? 32,
    maxFreeSockets: 32,
    scheduling: 'lifo',
  };
  return opts.proxyUrl ? new TunnelAgent(agentOpts, new URL(opts.proxyUrl)) : new https.Agent(agentOpts);
}

/**
 * The axios instance every DFDG client uses: the configured agent, the timeout, no proxy handling
 * by axios (the agent tunnels), no redirects, every status resolved (the callers classify), the body
 * as text (the callers parse), and a fresh `x-correlation-id` on every call that carries none.
 */
export function createHttp(config: DfdgConfig, agent?: https.Agent): AxiosInstance {
  const httpsAgent = agent ?? buildHttpsAgent(config.tls, config.proxyUrl ? { proxyUrl: config.proxyUrl } : {});
  const instance = axios.create({
    adapter: 'http',
    httpsAgent,
    timeout: config.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    proxy: false,
    maxRedirects: 0,
    // Never unbounded: each call may set its own (SIZE_LIMITS), this is the default.
    maxBodyLength: SIZE_LIMITS.call.maxRequestBytes,
    maxContentLength: SIZE_LIMITS.call.maxResponseBytes,
    decompress: true,
    responseType: 'text',
    transformResponse: [(d: unknown) => d],
    validateStatus: () => true,
  });
  instance.interceptors.request.use(
    (req) => {
      if (!req.headers.has('x-correlation-id')) req.headers.set('x-correlation-id', randomUUID());
      return req;
    },
    null,
    { synchronous: true },
  );
  return instance;
}

// ---------------------------------------------------------------------------------------------
// Classification

export interface CallMeta {
  service: string;
  operation: string;
  correlationId: string;
  /** The call changes state at DFDG (decides `ambiguous`). */
  write: boolean;
  timeoutMs: number;
  /** The size limits the call ran with (default SIZE_LIMITS.call). */
  limits?: SizeLimits;
}

/** The axios options for a call's size limits. */
export function sizeOptions(limits: SizeLimits): { maxBodyLength: number; maxContentLength: number } {
  return { maxBodyLength: limits.maxRequestBytes, maxContentLength: limits.maxResponseBytes };
}

/** Client-certificate refusals the server reports with a TLS alert. */
const CLIENT_CERT_ALERT = /ALERT_(CERTIFICATE_REQUIRED|BAD_CERTIFICATE|UNKNOWN_CA|CERTIFICATE_UNKNOWN|CERTIFICATE_EXPIRED|CERTIFICATE_REVOKED|UNSUPPORTED_CERTIFICATE|ACCESS_DENIED|HANDSHAKE_FAILURE)/;
const CLIENT_CERT_ALERT_TEXT = /alert (certificate required|bad certificate|unknown ca|certificate unknown|certificate expired|certificate revoked|unsupported certificate|access denied|handshake failure)/i;
/** The server's certificate failed verification against the configured CA. */
const SERVER_UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_SIGNATURE_FAILURE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'INVALID_CA',
]);
const DNS = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME']);
const NOT_SENT = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL']);

interface LowLevelError {
  code?: string;
  message?: string;
  name?: string;
  request?: { writableFinished?: boolean; reusedSocket?: boolean };
  cause?: { code?: string } | ProxyError;
}

/** A cause without request data (no CPR header, no body): safe to log. */
function safeCause(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/**
 * What failed below HTTP, in one word: the classification the DFDG clients (transportError) and the
 * hub client (main/core/hub) share, each with its own words for the caseworker.
 */
export type TransportFailure =
  | 'cancelled'
  | 'proxy'
  | 'timeout'
  /** The server's certificate is not from the configured CA. */
  | 'server-untrusted'
  | 'server-expired'
  /** The server's certificate is not for this address. */
  | 'server-name'
  /** The server refused our client certificate (a TLS alert). */
  | 'client-refused'
  | 'tls'
  | 'dns'
  /** Nothing was sent: connection refused, no route. */
  | 'not-sent'
  /** Reset, hang-up, broken pipe. */
  | 'broken';

export function transportFailure(err: unknown): TransportFailure {
  const e = (err ?? {}) as LowLevelError;
  const code = e.cause?.code ?? e.code ?? 'UNKNOWN';
  const message = e.message ?? String(err);
  if (code === 'ERR_CANCELED' || e.name === 'CanceledError' || e.name === 'AbortError' || code === 'ABORT_ERR') return 'cancelled';
  if (err instanceof ProxyError || e.cause instanceof ProxyError) return 'proxy';
  if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /timeout/i.test(message)) return 'timeout';
  if (SERVER_UNTRUSTED.has(code)) return 'server-untrusted';
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') return 'server-expired';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') return 'server-name';
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.startsWith('ERR_OSSL_') || code === 'EPROTO') {
    // TLS 1.2 reports the server's alert as EPROTO with the alert in the message.
    return CLIENT_CERT_ALERT.test(code) || (code === 'EPROTO' && CLIENT_CERT_ALERT_TEXT.test(message)) ? 'client-refused' : 'tls';
  }
  if (DNS.has(code)) return 'dns';
  if (NOT_SENT.has(code)) return 'not-sent';
  return 'broken';
}

/** Turns an axios/Node transport failure into a DfdgError (texts are Danish: the caseworker may see them). */
export function transportError(err: unknown, meta: CallMeta): DfdgError {
  const e = (err ?? {}) as LowLevelError;
  const code = e.cause?.code ?? e.code ?? 'UNKNOWN';
  const message = e.message ?? String(err);
  // The request body was handed to the kernel: DFDG may have received it.
  const written = e.request?.writableFinished === true;
  const base = { service: meta.service, operation: meta.operation, correlationId: meta.correlationId, cause: safeCause(code, message) };
  const tls = (text: string, transient: boolean) => new DfdgError({ ...base, code: null, kind: 'tls', text, transient });

  const limits = meta.limits ?? SIZE_LIMITS.call;
  if (/maxContentLength size of \d+ exceeded/.test(message)) {
    // DFDG answered, and the answer was cut off at the cap: a write may have been applied.
    return new DfdgError({
      ...base,
      code: null,
      kind: 'protocol',
      text: `DFDG's svar var større end ${mb(limits.maxResponseBytes)} og blev ikke læst færdigt.`,
      transient: false,
      ambiguous: meta.write,
    });
  }
  if (/maxBodyLength/.test(message)) {
    // Refused before it was sent.
    return new DfdgError({
      ...base,
      code: null,
      kind: 'protocol',
      text: `Forespørgslen er større end ${mb(limits.maxRequestBytes)} og blev ikke sendt til DFDG.`,
      transient: false,
    });
  }
  switch (transportFailure(err)) {
    case 'cancelled':
      return new DfdgError({ ...base, code: null, kind: 'cancelled', text: 'Kaldet til DFDG blev afbrudt.', transient: true, ambiguous: meta.write && written });
    case 'proxy': {
      // The proxy failed before anything reached DFDG: say so, not that DFDG cannot be reached.
      const proxy = err instanceof ProxyError ? err : (e.cause as ProxyError);
      return new DfdgError({ ...base, code: null, kind: 'proxy', text: proxyErrorText(proxy), transient: true });
    }
    case 'timeout':
      return new DfdgError({
        ...base,
        code: null,
        kind: 'timeout',
        text: `DFDG svarede ikke inden for ${Math.round(meta.timeoutMs / 1000)} sekunder.`,
        transient: true,
        ambiguous: meta.write && written,
      });
    case 'server-untrusted':
      return tls(
        'Serverens certifikat er ikke udstedt af den certifikatmyndighed (CA), der er sat op. ' +
          'Forbindelsen blev afvist af sikkerhedshensyn. Kontrollér adressen og CA-certifikatet.',
        false,
      );
    case 'server-expired':
      return tls('Serverens certifikat er udløbet eller endnu ikke gyldigt. Forbindelsen blev afvist.', false);
    case 'server-name':
      return tls('Serverens certifikat gælder ikke for den adresse, der er sat op. Forbindelsen blev afvist.', false);
    case 'client-refused':
      return tls('DFDG afviste dit klientcertifikat under forbindelsen (mangler, er udløbet eller er ikke godkendt).', false);
    case 'tls':
      return tls('Den sikre forbindelse (TLS) til DFDG kunne ikke oprettes.', true);
    case 'dns':
      return new DfdgError({ ...base, code: null, kind: 'network', text: 'DFDG kunne ikke nås: serverens navn kunne ikke slås op.', transient: true });
    case 'not-sent':
      return new DfdgError({ ...base, code: null, kind: 'network', text: 'DFDG kunne ikke nås: forbindelsen blev afvist.', transient: true });
    case 'broken':
      // Reset, hang-up, broken pipe: ambiguous only when the request had been written.
      return new DfdgError({
        ...base,
        code: null,
        kind: 'network',
        text: written ? 'Forbindelsen til DFDG blev afbrudt, før svaret kom.' : 'Forbindelsen til DFDG blev afbrudt.',
        transient: true,
        ambiguous: meta.write && written,
      });
  }
}

/**
 * A status that carries no DFDG error code. 5xx, 408 and 429 are transient; 503 says the request was
 * not handled, other 5xx on a write may have been applied (ambiguous).
 */
export function statusError(status: number, meta: CallMeta): DfdgError {
  const base = { service: meta.service, operation: meta.operation, correlationId: meta.correlationId, httpStatus: status, code: null, kind: 'http' as const };
  if (status === 503) {
    return new DfdgError({ ...base, text: 'DFDG er midlertidigt utilgængelig (HTTP 503).', transient: true });
  }
  if (status >= 500) {
    return new DfdgError({ ...base, text: `DFDG svarede med en serverfejl (HTTP ${status}).`, transient: true, ambiguous: meta.write });
  }
  if (status === 408 || status === 429) {
    return new DfdgError({ ...base, text: `DFDG bad om at prøve igen senere (HTTP ${status}).`, transient: true });
  }
  if (status === 401 || status === 403) {
    return new DfdgError({ ...base, text: `DFDG gav ikke adgang (HTTP ${status}).`, transient: false });
  }
  if (status === 404) {
    return new DfdgError({ ...base, text: 'DFDG kender ikke adressen (HTTP 404). Kontrollér opsætningen af tjenesten.', transient: false });
  }
  return new DfdgError({ ...base, text: `DFDG afviste kaldet (HTTP ${status}).`, transient: false });
}

/** The answer did not match the wire contract. A write with a 2xx answer was probably applied. */
export function protocolError(detail: string, meta: CallMeta, status: number | null, applied: boolean): DfdgError {
  return new DfdgError({
    service: meta.service,
    operation: meta.operation,
    correlationId: meta.correlationId,
    httpStatus: status,
    code: null,
    kind: 'protocol',
    text: `DFDG's svar kunne ikke læses (${detail}).`,
    transient: false,
    ambiguous: meta.write && applied,
  });
}
