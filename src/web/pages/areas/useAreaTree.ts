/**
 * Lazily loaded area tree state: the scope root, each loaded parent's children
 * and the cursor for its next page.
 */
import { useCallback, useRef, useState } from 'react';
import { api, type Result } from '../../api/client.js';

export type AreaDto = Result<'GET', '/api/areas'>['scopeRoot'];
export type AreaDetailDto = Result<'GET', '/api/areas/:id'>;

const PAGE = 200;

export interface AreaTreeState {
  root: AreaDto | null;
  children: Record<string, AreaDto[]>;
  cursors: Record<string, string | null>;
}

export function useAreaTree(includeRetired: boolean) {
  const [state, setState] = useState<AreaTreeState>({ root: null, children: {}, cursors: {} });
  const stateRef = useRef(state);
  stateRef.current = state;
  const flag = includeRetired ? 'true' : 'false';

  const init = useCallback(async () => {
    const page = await api.get('/api/areas', { query: { includeRetired: flag, limit: PAGE } });
    const next: AreaTreeState = {
      root: page.scopeRoot,
      children: { [page.scopeRoot.id]: page.items },
      cursors: { [page.scopeRoot.id]: page.nextCursor },
    };
    stateRef.current = next;
    setState(next);
    return page.scopeRoot;
  }, [flag]);

  const fetchChildren = useCallback(
    async (parentId: string, after?: string) => {
      const page = await api.get('/api/areas', { query: { parentId, includeRetired: flag, limit: PAGE, after } });
      setState((s) => {
        const previous = after ? (s.children[parentId] ?? []) : [];
        const next = {
          ...s,
          children: { ...s.children, [parentId]: [...previous, ...page.items] },
          cursors: { ...s.cursors, [parentId]: page.nextCursor },
        };
        stateRef.current = next;
        return next;
      });
      return page.items;
    },
    [flag],
  );

  /** Loads a parent's first page unless it is loaded already. */
  const ensureChildren = useCallback(
    async (parentId: string) => stateRef.current.children[parentId] ?? fetchChildren(parentId),
    [fetchChildren],
  );

  const loadMore = useCallback(
    async (parentId: string) => {
      const cursor = stateRef.current.cursors[parentId];
      if (cursor) await fetchChildren(parentId, cursor);
    },
    [fetchChildren],
  );

  /** Puts a fresh copy of an area wherever it appears. */
  const replaceArea = useCallback((area: AreaDto) => {
    setState((s) => {
      const children: Record<string, AreaDto[]> = {};
      for (const [key, list] of Object.entries(s.children)) {
        children[key] = list.map((a) => (a.id === area.id ? { ...a, ...pickArea(area) } : a));
      }
      const next = { ...s, root: s.root?.id === area.id ? { ...s.root, ...pickArea(area) } : s.root, children };
      stateRef.current = next;
      return next;
    });
  }, []);

  const removeArea = useCallback((area: AreaDto) => {
    setState((s) => {
      if (!area.parentId || !s.children[area.parentId]) return s;
      const next = {
        ...s,
        children: { ...s.children, [area.parentId]: s.children[area.parentId]!.filter((a) => a.id !== area.id) },
      };
      stateRef.current = next;
      return next;
    });
  }, []);

  /** The latest state, for async code that outlives a render. */
  const current = useCallback(() => stateRef.current, []);

  return { state, current, init, fetchChildren, ensureChildren, loadMore, replaceArea, removeArea };
}

/** Drops extra fields (the ancestors of a detail response) before storing. */
function pickArea(a: AreaDto): AreaDto {
  const copy: AreaDto & { ancestors?: unknown } = { ...a };
  delete copy.ancestors;
  return copy;
}
