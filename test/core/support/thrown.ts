// What a call that must fail threw, for any error class: the test fails when the call succeeded or threw
// something else.
import { expect } from 'vitest';

export async function thrownBy<E extends Error>(p: Promise<unknown>, kind: abstract new (...args: never[]) => E, expectation = 'expected the call to fail'): Promise<E> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(kind);
    return e as E;
  }
  throw new Error(expectation);
}
