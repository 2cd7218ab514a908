/**
 * Everything the 一院一档 page shows about one courtyard: the courtyard with its
 * buildings and contacts, and — for the whole courtyard or one building — its
 * dwellings and the households living there now (keyset pages, first page first).
 */
import { useMemo } from 'react';
import { api } from '../../api/client.js';
import type { CourtyardHousehold } from '../../api/registry.js';
import { useLoad } from '../../lib/useLoad.js';
import { usePaged } from '../../lib/usePaged.js';

export type { CourtyardHousehold } from '../../api/registry.js';

/** Tree selection: everything, a building, a unit, or the dwellings without a building. */
export const ALL = 'all';
export const NO_BUILDING = 'none';
const AUTO_LOAD = 300;

export function useCourtyard(id: string, version: number, selected: string) {
  const detail = useLoad((signal) => api.get('/api/courtyards/:id', { params: { id }, signal }), `${id}:${version}`);
  const buildings = detail.data?.id === id ? detail.data.buildings : [];
  // The server filters by building; a unit or "no building" is filtered here.
  const building = buildings.find((b) => b.id === selected || b.units.some((u) => u.id === selected)) ?? null;
  const unitId = building && building.id !== selected ? selected : null;
  const args = { params: { id }, query: { buildingId: building?.id } };
  const listKey = `${id}:${version}:${building?.id ?? ALL}`;
  // First pages render at once, a little more follows in the background; the rest of a
  // large courtyard loads on request (or before printing). Vacancy comes with each dwelling.
  const dwellings = usePaged('/api/courtyards/:id/dwellings', args, listKey, { autoUpTo: AUTO_LOAD });
  const households = usePaged('/api/courtyards/:id/households', args, listKey, { autoUpTo: AUTO_LOAD });

  const shownDwellings = useMemo(
    () =>
      dwellings.items.filter((d) => (unitId ? d.unitId === unitId : selected === NO_BUILDING ? !d.buildingId : true)),
    [dwellings.items, unitId, selected],
  );
  const shownDwellingIds = useMemo(() => new Set(shownDwellings.map((d) => d.id)), [shownDwellings]);
  const shownHouseholds = useMemo(
    () =>
      households.items.filter((h) =>
        unitId || selected === NO_BUILDING ? shownDwellingIds.has(h.occupancy.dwellingId) : true,
      ),
    [households.items, unitId, selected, shownDwellingIds],
  );

  /** The households living in each dwelling now. */
  const byDwelling = useMemo(() => {
    const map = new Map<string, CourtyardHousehold[]>();
    for (const h of households.items) {
      const list = map.get(h.occupancy.dwellingId) ?? [];
      list.push(h);
      map.set(h.occupancy.dwellingId, list);
    }
    return map;
  }, [households.items]);

  /** Current residents of the whole courtyard, when every household is loaded. */
  const persons =
    !building && households.loaded && !households.hasMore
      ? households.items.reduce((n, h) => n + h.members.length, 0)
      : null;

  return {
    detail,
    dwellings,
    households,
    shownDwellings,
    shownHouseholds,
    byDwelling,
    persons,
    /** Every household of the selection is loaded, so a dwelling without one is vacant. */
    householdsComplete: households.loaded && !households.hasMore,
    /** Loads every page of the current selection (before printing). */
    async loadAll() {
      await Promise.all([dwellings.all(), households.all()]);
    },
  };
}

/**
 * How a list of the file is laid out: pages of 50 on screen (with loading), every row
 * unpaginated while printing.
 */
export function fileTable(rows: number, loading: boolean, printing: boolean) {
  return {
    size: 'small' as const,
    loading: loading && rows === 0,
    pagination: printing || rows <= 50 ? (false as const) : { pageSize: 50, showSizeChanger: false },
    scroll: printing ? undefined : { x: 720 },
  };
}

/** "3栋 2单元 501" sorting: building, unit, then room, numbers compared as numbers. */
export const naturalCompare = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });
