import type { Finding } from '../../shared/domain';
import type { IpcErrorKind } from '../../shared/ipc';

/**
 * An expected failure inside main/core that the caseworker should see: it carries the IPC error kind
 * and a plain Danish message. The IPC dispatcher turns it into `{ ok: false, error }` unchanged.
 * DfdgError (main/core/dfdg/errors.ts) is mapped by the dispatcher too; anything else becomes
 * 'internal' with a generic message (and is logged without personal data).
 */
export class CoreError extends Error {
  override readonly name = 'CoreError';
  readonly kind: IpcErrorKind;
  readonly code: number | null;
  readonly findings: Finding[] | undefined;

  constructor(kind: IpcErrorKind, message: string, extra: { code?: number | null; findings?: Finding[]; cause?: unknown } = {}) {
    super(message, extra.cause !== undefined ? { cause: extra.cause } : undefined);
    this.kind = kind;
    this.code = extra.code ?? null;
    this.findings = extra.findings;
  }
}

export function isCoreError(e: unknown): e is CoreError {
  return e instanceof CoreError;
}
