/**
 * The command center's figures: sums of leaf-level counters over an area's subtree,
 * and the same per child for drill-down. Never a hot row for the whole district. The
 * areas and active accounts are counted from their tables (a few thousand rows).
 */
import { sql } from 'kysely';
import { pathIds } from '../../../../domain/areas.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { actorScope, areaInScope, inScope } from '../../../kernel/scope.js';
import type { DashboardDto } from './schemas.js';

export const METRICS = [
  'registry.persons',
  'registry.households',
  'registry.courtyards',
  'registry.dwellings',
  'registry.rentals',
  'registry.vacant',
  'areas.street',
  'areas.community',
  'areas.grid',
  'users.active',
] as const;

export async function figures(ctx: Context, areaId?: string): Promise<DashboardDto> {
  const c = authorize(ctx, 'dashboard.read');
  const area = await areaInScope(c, areaId ?? c.actor.areaId);
  const depth = pathIds(area.path).length - 1;
  const children = await c.db
    .selectFrom('areas')
    .select(['id', 'name', 'level', 'code'])
    .where('parent_id', '=', area.id)
    .where('retired_at', 'is', null)
    .orderBy('code')
    .execute();
  // split_part(path, '/', depth + 3) is the id of the child of `area` on a row's path.
  // The registry figures are sums of the district's leaf counters; areas (by level) and
  // active accounts are counted from their own small tables. An area never counts
  // itself: the area is left out of the area.* metrics, and each child's own row out of
  // its bucket. Health counters have their own figures (modules/health-figures), for
  // the roles that may read health data.
  const sums = await sql<{ child: string; is_child: boolean; metric: string; total: string }>`
    SELECT split_part(a.path, '/', ${depth + 3}) AS child, a.depth = ${depth + 1} AS is_child, x.metric, sum(x.value)::bigint AS total
    FROM (
      SELECT c.area_id, c.metric, c.value FROM area_counters c WHERE c.district_id = ${area.district_id}
      UNION ALL
      SELECT s.id, 'areas.' || s.level, 1 FROM areas s
      WHERE s.district_id = ${area.district_id} AND s.retired_at IS NULL AND s.id <> ${area.id}
      UNION ALL
      SELECT u.area_id, 'users.active', 1 FROM users u WHERE u.district_id = ${area.district_id} AND u.disabled_at IS NULL
    ) x JOIN areas a ON a.id = x.area_id
    WHERE ${inScope(area.scope, 'a.path')} AND x.metric = ANY(${[...METRICS]}::text[])
    GROUP BY 1, 2, 3`.execute(c.db);
  const own: Record<string, number> = Object.fromEntries(METRICS.map((m) => [m, 0]));
  const perChild = new Map(
    children.map((ch) => [ch.id, Object.fromEntries(METRICS.map((m) => [m, 0])) as Record<string, number>]),
  );
  for (const r of sums.rows) {
    const n = Number(r.total);
    own[r.metric] = (own[r.metric] ?? 0) + n;
    const bucket = perChild.get(r.child);
    if (bucket && !(r.is_child && r.metric.startsWith('areas.'))) bucket[r.metric] = (bucket[r.metric] ?? 0) + n;
  }
  const scopeDepth = pathIds(actorScope(c).path).length - 1;
  const ancestorIds = pathIds(area.path).slice(scopeDepth, -1);
  const ancestors = ancestorIds.length
    ? await c.db
        .selectFrom('areas')
        .select(['id', 'name', 'level'])
        .where('id', 'in', ancestorIds)
        .orderBy('depth')
        .execute()
    : [];
  return {
    area: { id: area.id, name: area.name, level: area.level, code: area.code },
    ancestors,
    figures: own,
    children: children.map((ch) => ({ ...ch, figures: perChild.get(ch.id)! })),
    metrics: [...METRICS],
  };
}
