// Plain Danish for a DFDG error code in an IPC error: the shared table (shared/dfdgErrors.ts, also used
// by the outbox and the renderer), asked as for a lookup, since writes reach DFDG through the outbox.

import { explainDfdgError as explainShared, type DfdgErrorExplanation } from '../../../shared/dfdgErrors';

export type DfdgExplanation = DfdgErrorExplanation;

export function explainDfdgError(code: number | null, httpStatus: number | null = null): DfdgExplanation {
  return explainShared(code, { kind: 'read', transient: false, httpStatus });
}
