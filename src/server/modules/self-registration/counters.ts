/**
 * The command center's self-registration figures, kept per leaf area (the grid, or
 * the code's area while the dwelling is unknown) and day, in the same transaction
 * as the change they count. Rolled up by area path when read.
 */
import { type RawBuilder, sql } from 'kysely';
import type { RegMetric } from '../../db/types-self-registration.js';
import type { RequestContext } from '../../http/context.js';

/**
 * The upsert of a leaf's day counters, as a statement of its own or a part of a larger
 * one (`onlyIf`: a condition, e.g. that a CTE inserted its row). Metrics in one order,
 * so concurrent transactions lock a leaf's rows in one order.
 */
export function counterUpsert(areaId: string, day: string, deltas: Partial<Record<RegMetric, number>>, onlyIf: RawBuilder<unknown> = sql`true`): RawBuilder<unknown> | null {
  const rows = Object.entries(deltas).filter(([, v]) => v !== 0 && v !== undefined);
  if (rows.length === 0) return null;
  rows.sort(([a], [b]) => a.localeCompare(b));
  return sql`
    INSERT INTO reg_day_counters (area_id, day, metric, value)
    SELECT v.area_id, v.day, v.metric, v.value
    FROM (VALUES ${sql.join(rows.map(([m, v]) => sql`(${areaId}::bigint, ${day}::date, ${m}::text, ${v}::bigint)`))}) v (area_id, day, metric, value)
    WHERE ${onlyIf}
    ON CONFLICT (area_id, day, metric) DO UPDATE SET value = reg_day_counters.value + EXCLUDED.value`;
}

export async function count(ctx: RequestContext, areaId: string, day: string, deltas: Partial<Record<RegMetric, number>>): Promise<void> {
  const upsert = counterUpsert(areaId, day, deltas);
  if (upsert) await upsert.execute(ctx.db);
}
