import type { DfdgErrorInfo } from '../../../shared/domain';

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

  constructor(init: {
    code: number | null;
    text: string;
    service: string;
    operation: string;
    transient: boolean;
    ambiguous?: boolean;
    httpStatus?: number | null;
    correlationId?: string | null;
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
  }

  toInfo(): DfdgErrorInfo {
    return {
      code: this.code,
      text: this.text,
      service: this.service,
      operation: this.operation,
      transient: this.transient,
      httpStatus: this.httpStatus,
    };
  }
}

export function isDfdgError(e: unknown): e is DfdgError {
  return e instanceof DfdgError;
}
