// Run an action in main from a button or a form: { run, pending, error, reset }. `run` never throws:
// a failure is kept as `error` (main's IpcFailure with its kind, Danish message, DFDG code and
// findings; anything else as an Error) for <ErrorText> to show, until the next run starts or reset().
// `pending` holds while any run is under way (two items' buttons may run side by side), and a run
// that fails while another is under way still shows its failure.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { IpcFailure } from './bridge';

export type ActionError = IpcFailure | Error;

export interface Action<A extends unknown[], R> {
  /** Runs the action; resolves with its result, or undefined when it failed (see `error`). */
  run: (...args: A) => Promise<R | undefined>;
  pending: boolean;
  error: ActionError | null;
  /** Forget the error (the caseworker changed what failed). */
  reset: () => void;
}

export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>): Action<A, R> {
  const latest = useRef(action);
  useEffect(() => {
    latest.current = action;
  });
  const [running, setRunning] = useState(0);
  const [error, setError] = useState<ActionError | null>(null);

  const run = useCallback(async (...args: A): Promise<R | undefined> => {
    setRunning((n) => n + 1);
    setError(null);
    try {
      return await latest.current(...args);
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
      return undefined;
    } finally {
      setRunning((n) => n - 1);
    }
  }, []);
  const reset = useCallback(() => setError(null), []);
  return { run, pending: running > 0, error, reset };
}
