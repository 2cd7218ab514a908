/**
 * A keyset-paginated list ({ items, nextCursor }): the first page when `key`
 * changes, then "more" on request, or every page (before printing).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { type ArgsOf, fillPath, type PathOf, type Query, request, type Result } from '../api/client.js';
import { showError } from '../api/feedback.js';

interface PageDto<T> {
  items: T[];
  nextCursor: string | null;
}

/** The GET routes that answer a keyset page ({ items, nextCursor }). */
export type PagedPath = {
  [P in PathOf<'GET'>]: Result<'GET', P> extends PageDto<unknown> ? P : never;
}[PathOf<'GET'>];
/** An item of a paged route. */
export type ItemOf<P extends PagedPath> = Result<'GET', P> extends PageDto<infer T> ? T : never;
type PageArgs<P extends PagedPath> = Omit<ArgsOf<'GET', P>, 'signal'>;

/** One page of a paged route, after a cursor. */
function pageOf<P extends PagedPath>(path: P, args: PageArgs<P>, after: string | null): Promise<PageDto<ItemOf<P>>> {
  const a = args as { params?: Record<string, unknown>; query?: Query };
  return request<PageDto<ItemOf<P>>>('GET', fillPath(path, a.params), { query: { ...a.query, after } });
}

export interface Paged<T> {
  items: T[];
  hasMore: boolean;
  loading: boolean;
  /** Loaded at least once for the current key. */
  loaded: boolean;
  error: unknown;
  more: () => Promise<void>;
  /** Loads the remaining pages; resolves with every item. */
  all: () => Promise<T[]>;
}

interface Options {
  quiet?: (err: unknown) => boolean;
  /** Keep loading the next pages in the background until this many items are loaded. */
  autoUpTo?: number;
}

/**
 * A paged route's items: `usePaged('/api/reg-codes', { query: { status } }, key)`. The
 * first page loads when `key` changes.
 */
export function usePaged<P extends PagedPath>(
  path: P,
  args: PageArgs<P>,
  key: string,
  options: Options = {},
): Paged<ItemOf<P>> {
  const load = useRef({ path, args });
  load.current = { path, args };
  return usePages<ItemOf<P>>((after) => pageOf(load.current.path, load.current.args, after), key, options);
}

function usePages<T>(loadPage: (after: string | null) => Promise<PageDto<T>>, key: string, options: Options): Paged<T> {
  const [items, setItems] = useState<T[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ref = useRef({ items: [] as T[], cursor: null as string | null, key, busy: null as Promise<void> | null });
  const args = useRef({ loadPage, quiet: options.quiet });
  args.current = { loadPage, quiet: options.quiet };

  const fetchPage = useCallback(async (forKey: string, after: string | null) => {
    const page = await args.current.loadPage(after);
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

/** Every page of a paged route, for small lists (a building's dwellings in a picker). */
export async function fetchAll<P extends PagedPath>(path: P, args: PageArgs<P>, cap = 10_000): Promise<ItemOf<P>[]> {
  const items: ItemOf<P>[] = [];
  let after: string | null = null;
  do {
    const page: PageDto<ItemOf<P>> = await pageOf(path, args, after);
    items.push(...page.items);
    after = page.nextCursor;
  } while (after && items.length < cap);
  return items;
}
