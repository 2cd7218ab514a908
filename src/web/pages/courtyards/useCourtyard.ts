/**
 * Everything the 一院一档 page shows about one courtyard: the courtyard with its
 * buildings (and contacts), its dwellings, and the households living there now.
 */
import { useMemo } from 'react';
import { api, isApiError } from '../../api/client.js';
import type { CourtyardDetailDto, CourtyardHouseholdsDto, DwellingDto } from '../../api/types.js';
import { useLoad } from '../../lib/useLoad.js';

export type CourtyardHousehold = CourtyardHouseholdsDto['items'][number];

export const notDeployed = (err: unknown) => isApiError(err, 'ROUTE_NOT_FOUND');

export function useCourtyard(id: string, version: number) {
  const key = `${id}:${version}`;
  const detail = useLoad((signal) => api.get<CourtyardDetailDto>(`/api/courtyards/${id}`, undefined, signal), key);
  const dwellings = useLoad((signal) => api.get<{ items: DwellingDto[] }>(`/api/courtyards/${id}/dwellings`, undefined, signal), key);
  const households = useLoad(
    (signal) => api.get<CourtyardHouseholdsDto>(`/api/courtyards/${id}/households`, undefined, signal),
    key,
    { quiet: notDeployed },
  );

  /** The households living in each dwelling now. */
  const byDwelling = useMemo(() => {
    const map = new Map<string, CourtyardHousehold[]>();
    for (const h of households.data?.items ?? []) {
      const list = map.get(h.occupancy.dwellingId) ?? [];
      list.push(h);
      map.set(h.occupancy.dwellingId, list);
    }
    return map;
  }, [households.data]);

  const persons = households.data ? households.data.items.reduce((n, h) => n + h.members.length, 0) : null;

  return {
    detail,
    dwellings,
    households,
    byDwelling,
    /** Current residents counted from the households (null until known). */
    persons,
    householdsUnavailable: notDeployed(households.error),
  };
}

/** "3栋 2单元 501" sorting: building, unit, then room, numbers compared as numbers. */
export const naturalCompare = (a: string, b: string) => a.localeCompare(b, 'zh-CN', { numeric: true });
