/**
 * The command center's self-registration figures, kept per leaf area (the grid, or
 * the code's area while the dwelling is unknown) and day, in the same transaction
 * as the change they count. Rolled up by area path when read.
 */
import { sql } from 'kysely';
import type { RegMetric } from '../../db/types-self-registration.js';
import type { RequestContext } from '../../http/context.js';

export async function count(ctx: RequestContext, areaId: string, day: string, deltas: Partial<Record<RegMetric, number>>): Promise<void> {
  const rows = Object.entries(deltas).filter(([, v]) => v !== 0 && v !== undefined);
  if (rows.length === 0) return;
  // Sorted metric order: concurrent transactions lock a leaf's rows in one order.
  rows.sort(([a], [b]) => a.localeCompare(b));
  await sql`
    INSERT INTO reg_day_counters (area_id, day, metric, value)
    VALUES ${sql.join(rows.map(([m, v]) => sql`(${areaId}, ${day}, ${m}, ${v})`))}
    ON CONFLICT (area_id, day, metric) DO UPDATE SET value = reg_day_counters.value + EXCLUDED.value`.execute(ctx.db);
}
