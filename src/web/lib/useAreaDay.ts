import { useSearchParams } from 'react-router-dom';
import { useMe } from '../auth/session.js';
import { shanghaiToday } from './registry.js';

/**
 * The area and the day a figures page shows, kept in its address so a link can be
 * shared. The defaults (the user's scope, today) are left out of the address.
 */
export function useAreaDay() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const today = shanghaiToday();
  /** The area asked for; none means the user's scope. */
  const areaId = params.get('areaId') ?? undefined;
  const day = params.get('day') ?? today;
  const set = (next: { areaId?: string | undefined; day?: string }) => {
    const merged: Record<string, string | undefined> = { areaId, day: params.get('day') ?? undefined, ...next };
    if (merged.areaId === me.scope.id) merged.areaId = undefined;
    if (merged.day === today) merged.day = undefined;
    setParams(Object.fromEntries(Object.entries(merged).filter((e): e is [string, string] => !!e[1])));
  };
  return { areaId, day, set };
}
