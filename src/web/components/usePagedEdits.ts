/**
 * A paged list as a page shows it after its own writes: a row it changed replaces the
 * loaded one, a row it created (or first learns of) stands first — until the list loads
 * afresh (its key changes). `usePaged` keeps what the server sent; this keeps the rest.
 */
import { useCallback, useMemo, useState } from 'react';

interface Edits<T> {
  key: string;
  changed: Map<string, T>;
  added: T[];
}

export function usePagedEdits<T extends { id: string }>(
  items: T[],
  key: string,
): { rows: T[]; put: (...rows: T[]) => void } {
  const [edits, setEdits] = useState<Edits<T>>(() => ({ key, changed: new Map(), added: [] }));
  const current = edits.key === key ? edits : null;

  const rows = useMemo(() => {
    if (!current) return items;
    const fresh = (r: T) => current.changed.get(r.id) ?? r;
    const loaded = new Set(items.map((r) => r.id));
    return [...current.added.filter((r) => !loaded.has(r.id)).map(fresh), ...items.map(fresh)];
  }, [items, current]);

  /** Puts rows in the list; unknown ones go first, in the order given. */
  const put = useCallback(
    (...puts: T[]) =>
      setEdits((e) => {
        const base = e.key === key ? e : { key, changed: new Map<string, T>(), added: [] };
        const changed = new Map(base.changed);
        const known = new Set([...items, ...base.added].map((r) => r.id));
        for (const r of puts) changed.set(r.id, r);
        const added = [...puts.filter((r) => !known.has(r.id)), ...base.added];
        return { key, changed, added };
      }),
    [key, items],
  );

  return { rows, put };
}
