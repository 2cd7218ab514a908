/** Part of migration 2026-11-29T1100-registry: the registry's leaf counters. */
import { type Kysely, sql } from 'kysely';

/**
 * Leaf counters: registry.* at grid level (area_counters) and per courtyard
 * (courtyard_counters). Statement-level triggers with transition tables sum each
 * statement's rows per grid and courtyard first, so a bulk insert or COPY of 100k
 * rows touches each counter row once, not 100k times.
 */
export async function registryCounters(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE courtyard_counters (
      courtyard_id uuid NOT NULL REFERENCES courtyards(id),
      metric       text NOT NULL,
      value        bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (courtyard_id, metric)
    )`.execute(db);
  // deltas: [{ grid, courtyard (or null), metric, delta }], summed before they are applied.
  await sql`
    CREATE FUNCTION apply_registry_deltas(deltas jsonb) RETURNS void LANGUAGE sql AS $$
      INSERT INTO area_counters (area_id, metric, value)
      SELECT (e->>'grid')::bigint, e->>'metric', sum((e->>'delta')::bigint)
      FROM jsonb_array_elements(coalesce(deltas, '[]')) e
      GROUP BY 1, 2 HAVING sum((e->>'delta')::bigint) <> 0
      ON CONFLICT (area_id, metric) DO UPDATE SET value = area_counters.value + EXCLUDED.value;
      INSERT INTO courtyard_counters (courtyard_id, metric, value)
      SELECT (e->>'courtyard')::uuid, e->>'metric', sum((e->>'delta')::bigint)
      FROM jsonb_array_elements(coalesce(deltas, '[]')) e
      WHERE e->>'courtyard' IS NOT NULL
      GROUP BY 1, 2 HAVING sum((e->>'delta')::bigint) <> 0
      ON CONFLICT (courtyard_id, metric) DO UPDATE SET value = courtyard_counters.value + EXCLUDED.value;
    $$`.execute(db);

  // Per table: which rows count (read from a transition table, with a sign) and how
  // the counted rows become metrics. One function per event is generated, since an
  // INSERT trigger has only the new rows (n) and a DELETE trigger only the old (o).
  const counters: Record<string, { rows: (from: 'n' | 'o', sign: 1 | -1) => string; metrics: string }> = {
    courtyards: {
      rows: (from, sign) =>
        `SELECT grid_id, NULL::uuid AS courtyard_id, ${sign} AS sign FROM ${from} WHERE retired_at IS NULL`,
      metrics: `SELECT grid_id, courtyard_id, 'registry.courtyards' AS metric, sign FROM rows`,
    },
    persons: {
      rows: (from, sign) =>
        `SELECT grid_id, NULL::uuid AS courtyard_id, ${sign} AS sign FROM ${from} WHERE merged_into IS NULL`,
      metrics: `SELECT grid_id, courtyard_id, 'registry.persons' AS metric, sign FROM rows`,
    },
    // A dwelling counts as vacant while no occupancy of it is open; a dwellings
    // statement does not change occupancies, so "occupied" is read as it is now.
    dwellings: {
      rows: (from, sign) => `SELECT id, grid_id, courtyard_id, ${sign} AS sign FROM ${from} WHERE retired_at IS NULL`,
      metrics: `SELECT grid_id, courtyard_id, 'registry.dwellings' AS metric, sign FROM rows
        UNION ALL SELECT grid_id, courtyard_id, 'registry.vacant', sign FROM rows r
        WHERE NOT EXISTS (SELECT 1 FROM occupancies x WHERE x.dwelling_id = r.id AND x.end_date IS NULL)`,
    },
    // Open occupancies: households living in the grid, rentals, and the vacancy of each
    // dwelling the statement touched (open before = open now − opened + closed).
    occupancies: {
      rows: (from, sign) =>
        `SELECT dwelling_id, grid_id, courtyard_id, type, ${sign} AS sign FROM ${from} WHERE end_date IS NULL`,
      metrics: `SELECT grid_id, courtyard_id, 'registry.households' AS metric, sign FROM rows
        UNION ALL SELECT grid_id, courtyard_id, 'registry.rentals', sign FROM rows WHERE type = 'rented'
        UNION ALL SELECT w.grid_id, w.courtyard_id, 'registry.vacant',
               (CASE WHEN c.now_open = 0 THEN 1 ELSE 0 END) - (CASE WHEN c.now_open - t.opened = 0 THEN 1 ELSE 0 END)
        FROM (SELECT dwelling_id, sum(sign) AS opened FROM rows GROUP BY dwelling_id) t
        JOIN dwellings w ON w.id = t.dwelling_id AND w.retired_at IS NULL
        CROSS JOIN LATERAL (SELECT count(*) AS now_open FROM occupancies x WHERE x.dwelling_id = t.dwelling_id AND x.end_date IS NULL) c`,
    },
  };
  // Recounting everything from the rows: after a bulk load that ran with the
  // counter triggers disabled, and as a check that the triggers kept up.
  await sql`
    CREATE FUNCTION rebuild_registry_counters() RETURNS void LANGUAGE sql AS $$
      DELETE FROM area_counters WHERE metric LIKE 'registry.%';
      DELETE FROM courtyard_counters;
      WITH dwelling_state AS (
        SELECT d.grid_id, d.courtyard_id,
               NOT EXISTS (SELECT 1 FROM occupancies o WHERE o.dwelling_id = d.id AND o.end_date IS NULL) AS vacant
        FROM dwellings d WHERE d.retired_at IS NULL),
      counted AS (
        SELECT grid_id, NULL::uuid AS courtyard_id, 'registry.courtyards' AS metric, count(*) AS n FROM courtyards WHERE retired_at IS NULL GROUP BY 1
        UNION ALL SELECT grid_id, NULL, 'registry.persons', count(*) FROM persons WHERE merged_into IS NULL GROUP BY 1
        UNION ALL SELECT grid_id, courtyard_id, 'registry.dwellings', count(*) FROM dwelling_state GROUP BY 1, 2
        UNION ALL SELECT grid_id, courtyard_id, 'registry.vacant', count(*) FROM dwelling_state WHERE vacant GROUP BY 1, 2
        UNION ALL SELECT grid_id, courtyard_id, 'registry.households', count(*) FROM occupancies WHERE end_date IS NULL GROUP BY 1, 2
        UNION ALL SELECT grid_id, courtyard_id, 'registry.rentals', count(*) FROM occupancies WHERE end_date IS NULL AND type = 'rented' GROUP BY 1, 2),
      by_grid AS (
        INSERT INTO area_counters (area_id, metric, value) SELECT grid_id, metric, sum(n) FROM counted GROUP BY 1, 2 RETURNING 1)
      INSERT INTO courtyard_counters (courtyard_id, metric, value)
      SELECT courtyard_id, metric, sum(n) FROM counted WHERE courtyard_id IS NOT NULL GROUP BY 1, 2;
    $$`.execute(db);

  for (const [table, c] of Object.entries(counters)) {
    const events = {
      insert: { rows: c.rows('n', 1), referencing: 'NEW TABLE AS n' },
      update: { rows: `${c.rows('n', 1)} UNION ALL ${c.rows('o', -1)}`, referencing: 'OLD TABLE AS o NEW TABLE AS n' },
      delete: { rows: c.rows('o', -1), referencing: 'OLD TABLE AS o' },
    };
    for (const [event, e] of Object.entries(events)) {
      const name = `${table}_count_${event}`;
      await sql
        .raw(
          `
        CREATE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $fn$
        DECLARE d jsonb;
        BEGIN
          WITH rows AS (${e.rows}), counted AS (${c.metrics})
          SELECT jsonb_agg(jsonb_build_object('grid', grid_id, 'courtyard', courtyard_id, 'metric', metric, 'delta', s)) INTO d
          FROM (SELECT grid_id, courtyard_id, metric, sum(sign) AS s FROM counted GROUP BY 1, 2, 3) x;
          PERFORM apply_registry_deltas(d);
          RETURN NULL;
        END $fn$`,
        )
        .execute(db);
      await sql
        .raw(
          `CREATE TRIGGER ${name} AFTER ${event.toUpperCase()} ON ${table} REFERENCING ${e.referencing} FOR EACH STATEMENT EXECUTE FUNCTION ${name}()`,
        )
        .execute(db);
    }
  }
}
