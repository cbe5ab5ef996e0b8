import { useCallback, useEffect, useRef, useState } from 'react';

/** What a loader hook holds: the last data that arrived, the last error, whether a load is under way, and how to load again. */
export type ApiData<T> = {
  data: T | null;
  error: string | null;
  loading: boolean;
  /** When the data last arrived (epoch ms), null before. */
  updatedAt: number | null;
  reload: () => void;
};

/**
 * Calls `load` now and whenever it changes (make it with useCallback), and on `reload`. Only the answer to the
 * latest call is kept, so a slow old answer never overwrites a newer one; the old data stays shown while the
 * next loads. Errors go to `onError` too (it signs out on 401).
 */
export function useApiData<T>(load: (() => Promise<T>) | null, onError: (err: unknown) => void): ApiData<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(load !== null);
  const [updatedAt, setUpdatedAt] = useState<number | null>(null);
  const latest = useRef(0);

  const reload = useCallback(() => {
    if (!load) return;
    const call = ++latest.current;
    setLoading(true);
    load().then(
      (value) => {
        if (call !== latest.current) return;
        setData(value);
        setError(null);
        setLoading(false);
        setUpdatedAt(Date.now());
      },
      (err: unknown) => {
        if (call !== latest.current) return;
        setError(err instanceof Error ? err.message : String(err));
        setLoading(false);
        onError(err);
      },
    );
  }, [load, onError]);

  useEffect(() => {
    reload();
  }, [reload]);

  return { data, error, loading, updatedAt, reload };
}

/** Calls `fn` at most once per `waitMs`: the first call runs after `waitMs`, calls in between fold into it. */
export function useThrottled(fn: () => void, waitMs: number): () => void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latestFn = useRef(fn);
  useEffect(() => {
    latestFn.current = fn;
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  return useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      latestFn.current();
    }, waitMs);
  }, [waitMs]);
}
