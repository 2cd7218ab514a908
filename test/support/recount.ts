/** Recounts the registry from its rows, to hold the trigger-kept counters against. */
import { sql } from 'kysely';
import type { Database } from '../../src/server/db/connection.js';

export async function recountRegistry(db: Database): Promise<Record<string, number>> {
  const { rows } = await sql<{ metric: string; grid: string; n: string }>`
    SELECT 'registry.courtyards' AS metric, grid_id AS grid, count(*) AS n FROM courtyards WHERE retired_at IS NULL GROUP BY 2
    UNION ALL SELECT 'registry.dwellings', grid_id, count(*) FROM dwellings WHERE retired_at IS NULL GROUP BY 2
    UNION ALL SELECT 'registry.vacant', d.grid_id, count(*) FROM dwellings d
      WHERE d.retired_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM occupancies o WHERE o.district_id = d.district_id AND o.dwelling_id = d.id AND o.end_date IS NULL)
      GROUP BY 2
    UNION ALL SELECT 'registry.households', grid_id, count(*) FROM occupancies WHERE end_date IS NULL GROUP BY 2
    UNION ALL SELECT 'registry.rentals', grid_id, count(*) FROM occupancies WHERE end_date IS NULL AND type = 'rented' GROUP BY 2
    UNION ALL SELECT 'registry.persons', grid_id, count(*) FROM persons WHERE merged_into IS NULL GROUP BY 2`.execute(
    db,
  );
  return Object.fromEntries(rows.filter((r) => Number(r.n) > 0).map((r) => [`${r.grid}:${r.metric}`, Number(r.n)]));
}

export async function registryCounters(db: Database): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('area_counters')
    .selectAll()
    .where('metric', 'like', 'registry.%')
    .where('value', '<>', '0')
    .execute();
  return Object.fromEntries(rows.map((r) => [`${r.area_id}:${r.metric}`, Number(r.value)]));
}
