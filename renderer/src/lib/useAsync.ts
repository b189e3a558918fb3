// Load data from main for a screen: { data, error, loading, reload }. `loading` is derived (the
// inputs differ from those of the last settled answer); a stale answer (the inputs changed while it
// was in flight) is dropped; the previous data stays on screen while new data loads.
import { useCallback, useEffect, useRef, useState } from 'react';
import { errorText } from './bridge';

export interface AsyncState<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload: () => void;
  setData: (updater: (prev: T | null) => T | null) => void;
}

const same = (a: readonly unknown[] | null, b: readonly unknown[]) => a !== null && a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

export function useAsync<T>(load: () => Promise<T>, deps: readonly unknown[]): AsyncState<T> {
  const [data, setDataState] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const [settled, setSettled] = useState<readonly unknown[] | null>(null);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  const key = [...deps, tick];
  useEffect(() => {
    let live = true;
    const settledKey = key;
    loadRef.current().then(
      (d) => {
        if (!live) return;
        setDataState(d);
        setError(null);
        setSettled(settledKey);
      },
      (e: unknown) => {
        if (!live) return;
        setError(errorText(e));
        setSettled(settledKey);
      },
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the caller's deps are the inputs
  }, key);

  const reload = useCallback(() => setTick((t) => t + 1), []);
  const setData = useCallback((updater: (prev: T | null) => T | null) => setDataState(updater), []);
  return { data, error, loading: !same(settled, key), reload, setData };
}
