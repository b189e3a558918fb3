import type { DfdgErrorInfo } from '../../../shared/domain';

/**
 * Where a call failed:
 * - `tls`: a certificate problem (server certificate not signed by the configured CA, client certificate
 *   refused, expired) or another TLS handshake failure;
 * - `network`: refused, DNS, reset, socket hang-up;
 * - `proxy`: the proxy in front of DFDG could not be reached, refused the tunnel or wants a login
 *   (nothing reached DFDG; the text names the proxy);
 * - `timeout`: no answer within the configured time;
 * - `cancelled`: the caller aborted the call (CallContext.signal);
 * - `http`: an HTTP status without a DFDG error code;
 * - `fault`: DFDG answered with its own error code (SOAP fault, REST `fejlkode`, 412);
 * - `protocol`: the answer did not match the wire contract (malformed XML/JSON, missing elements).
 */
export type DfdgErrorKind = 'tls' | 'network' | 'proxy' | 'timeout' | 'cancelled' | 'http' | 'fault' | 'protocol';

/**
 * The one error type every DFDG client throws.
 *
 * - `code`: DFDG's own code (SOAP FaultDetails/ErrorCode, REST `fejlkode`) passed through unchanged,
 *   or null where DFDG gave none (network errors, bare HTTP statuses).
 * - `transient`: network errors, timeouts, 5xx without a DFDG code and connection resets are
 *   transient (retry later); SOAP faults and 4xx with a DFDG code are not (the caseworker must change
 *   something).
 * - `ambiguous`: the request may have reached DFDG and been applied even though no answer came back
 *   (timeout or reset after the request was written). Non-idempotent writes must read back before
 *   they send again.
 */
export class DfdgError extends Error {
  override readonly name = 'DfdgError';
  readonly code: number | null;
  readonly text: string;
  readonly service: string;
  readonly operation: string;
  readonly transient: boolean;
  readonly ambiguous: boolean;
  readonly httpStatus: number | null;
  readonly correlationId: string | null;
  /** Where the call failed (see DfdgErrorKind). */
  readonly kind: DfdgErrorKind;

  constructor(init: {
    code: number | null;
    text: string;
    service: string;
    operation: string;
    transient: boolean;
    ambiguous?: boolean;
    httpStatus?: number | null;
    correlationId?: string | null;
    /** Defaults to 'fault' when a DFDG code is given, else 'http' with a status, else 'network'. */
    kind?: DfdgErrorKind;
    cause?: unknown;
  }) {
    super(
      `${init.service}.${init.operation}: ${init.code !== null ? `${init.code} ` : ''}${init.text}`,
      init.cause !== undefined ? { cause: init.cause } : undefined,
    );
    this.code = init.code;
    this.text = init.text;
    this.service = init.service;
    this.operation = init.operation;
    this.transient = init.transient;
    this.ambiguous = init.ambiguous ?? false;
    this.httpStatus = init.httpStatus ?? null;
    this.correlationId = init.correlationId ?? null;
    this.kind = init.kind ?? (init.code !== null ? 'fault' : init.httpStatus != null ? 'http' : 'network');
  }

  toInfo(): DfdgErrorInfo {
    return {
      code: this.code,
      text: this.text,
      service: this.service,
      operation: this.operation,
      transient: this.transient,
      httpStatus: this.httpStatus,
      // The proxy is named (its text says which and what to do), never "DFDG kan ikke nås".
      ...(this.kind === 'proxy' ? { kind: 'proxy' as const } : {}),
    };
  }
}

export function isDfdgError(e: unknown): e is DfdgError {
  return e instanceof DfdgError;
}
