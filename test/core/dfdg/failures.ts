// How a DFDG call failed, for tests of the clients: the DfdgError it threw. The test fails when the
// call succeeded or threw anything else. Used here and by test/contract (against the sandbox).
import { expect } from 'vitest';
import { DfdgError } from '../../../main/core/dfdg';
import { thrownBy } from '../support/thrown';

const thrown = (p: Promise<unknown>, expectation: string): Promise<DfdgError> => thrownBy(p, DfdgError, expectation);

/** The DfdgError the call fails with. */
export function failure(p: Promise<unknown>): Promise<DfdgError> {
  return thrown(p, 'expected the call to fail');
}

/** DFDG's refusal: a DfdgError that is not transient (the same call would be refused again). */
export async function refusal(p: Promise<unknown>): Promise<DfdgError> {
  const e = await thrown(p, 'expected DFDG to refuse the call');
  expect(e.transient).toBe(false);
  return e;
}

/** The DFDG error code of a refusal (null when DFDG gave none). */
export async function refusalCode(p: Promise<unknown>): Promise<number | null> {
  return (await refusal(p)).code;
}
