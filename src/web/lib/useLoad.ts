import { useCallback, useEffect, useRef, useState } from 'react';
import { showError } from '../api/feedback.js';

export interface Loaded<T> {
  data: T | null;
  loading: boolean;
  error: unknown;
  reload: () => void;
}

/**
 * Loads data when `key` changes; stale responses are dropped. Errors are shown
 * to the user once and kept in `error` for the page to render a retry.
 */
export function useLoad<T>(
  load: (signal: AbortSignal) => Promise<T>,
  key: string,
  options: {
    /** Errors the page handles itself (no toast), e.g. an endpoint that is not deployed yet. */ quiet?: (
      err: unknown,
    ) => boolean;
  } = {},
): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  const quietRef = useRef(options.quiet);
  quietRef.current = options.quiet;

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    loadRef
      .current(controller.signal)
      .then((value) => {
        if (!controller.signal.aborted) setData(value);
      })
      .catch((err: unknown) => {
        if (controller.signal.aborted) return;
        setError(err);
        if (!quietRef.current?.(err)) showError(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [key, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, loading, error, reload };
}
