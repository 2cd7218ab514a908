/**
 * The command center's self-registration figures, kept per leaf area (the grid, or
 * the code's area while the dwelling is unknown) and day, in the same transaction
 * as the change they count. Rolled up by area path when read. (A first submission
 * counts itself in its group-commit statement: write-batch.ts.)
 */
import { sql } from 'kysely';
import type { RegMetric } from '../../../db/types-self-registration.js';
import type { Context } from '../../../kernel/context.js';

/** Adds to a leaf's day counters. Metrics in one order, so concurrent transactions lock a leaf's rows in one order. */
export async function count(
  ctx: Context,
  leaf: { districtId: string; areaId: string },
  day: string,
  deltas: Partial<Record<RegMetric, number>>,
): Promise<void> {
  const rows = Object.entries(deltas).filter(([, v]) => v !== 0 && v !== undefined);
  if (rows.length === 0) return;
  rows.sort(([a], [b]) => a.localeCompare(b));
  await sql`
    INSERT INTO reg_day_counters (district_id, area_id, day, metric, value)
    VALUES ${sql.join(
      rows.map(
        ([m, v]) => sql`(${leaf.districtId}::bigint, ${leaf.areaId}::bigint, ${day}::date, ${m}::text, ${v}::bigint)`,
      ),
    )}
    ON CONFLICT (district_id, area_id, day, metric) DO UPDATE SET value = reg_day_counters.value + EXCLUDED.value`.execute(
    ctx.db,
  );
}
