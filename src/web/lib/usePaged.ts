/**
 * A keyset-paginated list ({ items, nextCursor }): the first page when `key`
 * changes, then "more" on request, or every page (before printing).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Query } from '../api/client.js';
import { showError } from '../api/feedback.js';

interface PageDto<T> {
  items: T[];
  nextCursor: string | null;
}

export interface Paged<T> {
  items: T[];
  hasMore: boolean;
  loading: boolean;
  /** Loaded at least once for the current key. */
  loaded: boolean;
  error: unknown;
  more(): Promise<void>;
  /** Loads the remaining pages; resolves with every item. */
  all(): Promise<T[]>;
}

interface Options {
  quiet?: (err: unknown) => boolean;
  /** Keep loading the next pages in the background until this many items are loaded. */
  autoUpTo?: number;
}

export function usePaged<T>(path: string, query: Query, key: string, options: Options = {}): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ref = useRef({ items: [] as T[], cursor: null as string | null, key, busy: null as Promise<void> | null });
  const args = useRef({ path, query, quiet: options.quiet });
  args.current = { path, query, quiet: options.quiet };

  const fetchPage = useCallback(async (forKey: string, after: string | null) => {
    const { path: p, query: q } = args.current;
    const page = await api.get<PageDto<T>>(p, { ...q, after });
    if (ref.current.key !== forKey) return;
    ref.current.items = after ? [...ref.current.items, ...page.items] : page.items;
    ref.current.cursor = page.nextCursor;
    setItems(ref.current.items);
    setCursor(page.nextCursor);
  }, []);

  const run = useCallback(
    (forKey: string, after: string | null) => {
      setLoading(true);
      const busy = fetchPage(forKey, after)
        .then(() => {
          if (ref.current.key === forKey) setLoaded(true);
        })
        .catch((err: unknown) => {
          if (ref.current.key !== forKey) return;
          setError(err);
          if (!args.current.quiet?.(err)) showError(err);
        })
        .finally(() => {
          if (ref.current.key === forKey) {
            setLoading(false);
            ref.current.busy = null;
          }
        });
      ref.current.busy = busy;
      return busy;
    },
    [fetchPage],
  );

  useEffect(() => {
    ref.current = { items: [], cursor: null, key, busy: null };
    setItems([]);
    setCursor(null);
    setLoaded(false);
    setError(null);
    void run(key, null);
  }, [key, run]);

  const more = useCallback(async () => {
    if (ref.current.busy) await ref.current.busy;
    if (ref.current.cursor) await run(ref.current.key, ref.current.cursor);
  }, [run]);

  const all = useCallback(async () => {
    if (ref.current.busy) await ref.current.busy;
    while (ref.current.cursor) {
      const before = ref.current.cursor;
      await run(ref.current.key, before);
      if (ref.current.cursor === before) break;
    }
    return ref.current.items;
  }, [run]);

  // Background loading of the next pages (after the first one has rendered).
  const autoUpTo = options.autoUpTo ?? 0;
  useEffect(() => {
    if (!loading && !error && cursor && items.length < autoUpTo && ref.current.key === key) void more();
  }, [loading, error, cursor, items.length, autoUpTo, key, more]);

  return { items, hasMore: cursor !== null, loading, loaded, error, more, all };
}

/** Every page of a keyset list, for small lists (a building's dwellings in a picker). */
export async function fetchAll<T>(path: string, query: Query = {}, cap = 10_000): Promise<T[]> {
  const items: T[] = [];
  let after: string | null = null;
  do {
    const page: PageDto<T> = await api.get<PageDto<T>>(path, { ...query, after });
    items.push(...page.items);
    after = page.nextCursor;
  } while (after && items.length < cap);
  return items;
}
