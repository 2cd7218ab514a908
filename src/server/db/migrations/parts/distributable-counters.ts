/**
 * Part of migration 2026-12-03T1000-distributable: the registry's leaf counters, kept by
 * statement-level triggers as before (a bulk insert or COPY of 100k rows touches each
 * counter row once), now per district: a statement's rows are grouped by district, each
 * group's metrics are read by a query pinned to that district (on Citus it runs on the
 * shard's own node), and each counter is one upsert carrying the district.
 */
import { type Kysely, sql } from 'kysely';

const run = (db: Kysely<unknown>, text: string) => sql.raw(text).execute(db);

/** The shape a statement's counted rows travel in (as jsonb) to the district's query. */
const ROW = 'r(id uuid, dwelling_id uuid, grid_id bigint, courtyard_id uuid, type text, sign int)';

/**
 * Per table: which rows count (from a transition table, with a sign), and how the
 * counted rows of one district (`rows`, district `d`) become metrics.
 */
const COUNTERS: Record<string, { rows: (from: 'n' | 'o', sign: 1 | -1) => string; metrics: string }> = {
  courtyards: {
    rows: (from, sign) => `SELECT district_id, grid_id, ${sign} AS sign FROM ${from} WHERE retired_at IS NULL`,
    metrics: `SELECT grid_id, NULL::uuid AS courtyard_id, 'registry.courtyards' AS metric, sign FROM rows`,
  },
  persons: {
    rows: (from, sign) => `SELECT district_id, grid_id, ${sign} AS sign FROM ${from} WHERE merged_into IS NULL`,
    metrics: `SELECT grid_id, NULL::uuid AS courtyard_id, 'registry.persons' AS metric, sign FROM rows`,
  },
  // A dwelling counts as vacant while no occupancy of it is open; a dwellings
  // statement does not change occupancies, so "occupied" is read as it is now.
  dwellings: {
    rows: (from, sign) =>
      `SELECT district_id, id, grid_id, courtyard_id, ${sign} AS sign FROM ${from} WHERE retired_at IS NULL`,
    metrics: `SELECT grid_id, courtyard_id, 'registry.dwellings' AS metric, sign FROM rows
      UNION ALL SELECT grid_id, courtyard_id, 'registry.vacant', sign FROM rows r
      WHERE NOT EXISTS (SELECT 1 FROM occupancies x WHERE x.district_id = d AND x.dwelling_id = r.id AND x.end_date IS NULL)`,
  },
  // Open occupancies: households living in the grid, rentals, and the vacancy of each
  // dwelling the statement touched (open before = open now − opened + closed).
  occupancies: {
    rows: (from, sign) =>
      `SELECT district_id, dwelling_id, grid_id, courtyard_id, type, ${sign} AS sign FROM ${from} WHERE end_date IS NULL`,
    metrics: `SELECT grid_id, courtyard_id, 'registry.households' AS metric, sign FROM rows
      UNION ALL SELECT grid_id, courtyard_id, 'registry.rentals', sign FROM rows WHERE type = 'rented'
      UNION ALL SELECT w.grid_id, w.courtyard_id, 'registry.vacant',
             (CASE WHEN c.now_open = 0 THEN 1 ELSE 0 END) - (CASE WHEN c.now_open - t.opened = 0 THEN 1 ELSE 0 END)
      FROM (SELECT dwelling_id, sum(sign) AS opened FROM rows GROUP BY dwelling_id) t
      JOIN dwellings w ON w.district_id = d AND w.id = t.dwelling_id AND w.retired_at IS NULL
      CROSS JOIN LATERAL (SELECT count(*) AS now_open FROM occupancies x
                          WHERE x.district_id = d AND x.dwelling_id = t.dwelling_id AND x.end_date IS NULL) c`,
  },
};

export async function registryCountersByDistrict(db: Kysely<unknown>): Promise<void> {
  await run(db, 'DROP FUNCTION apply_registry_deltas(jsonb)');
  // deltas: [{ grid, courtyard (or null), metric, delta }] of one district, summed before they are applied.
  await run(
    db,
    `CREATE FUNCTION apply_registry_deltas(district bigint, deltas jsonb) RETURNS void LANGUAGE plpgsql AS $$
    DECLARE e record;
    BEGIN
      FOR e IN SELECT (x->>'grid')::bigint AS grid, x->>'metric' AS metric, sum((x->>'delta')::bigint) AS delta
               FROM jsonb_array_elements(coalesce(deltas, '[]')) x GROUP BY 1, 2 HAVING sum((x->>'delta')::bigint) <> 0 LOOP
        INSERT INTO area_counters (district_id, area_id, metric, value) VALUES (district, e.grid, e.metric, e.delta)
        ON CONFLICT (district_id, area_id, metric) DO UPDATE SET value = area_counters.value + EXCLUDED.value;
      END LOOP;
      FOR e IN SELECT (x->>'courtyard')::uuid AS courtyard, x->>'metric' AS metric, sum((x->>'delta')::bigint) AS delta
               FROM jsonb_array_elements(coalesce(deltas, '[]')) x WHERE x->>'courtyard' IS NOT NULL
               GROUP BY 1, 2 HAVING sum((x->>'delta')::bigint) <> 0 LOOP
        INSERT INTO courtyard_counters (district_id, courtyard_id, metric, value) VALUES (district, e.courtyard, e.metric, e.delta)
        ON CONFLICT (district_id, courtyard_id, metric) DO UPDATE SET value = courtyard_counters.value + EXCLUDED.value;
      END LOOP;
    END $$`,
  );

  for (const [table, c] of Object.entries(COUNTERS)) {
    const events = {
      insert: c.rows('n', 1),
      update: `${c.rows('n', 1)} UNION ALL ${c.rows('o', -1)}`,
      delete: c.rows('o', -1),
    };
    for (const [event, rows] of Object.entries(events)) {
      await run(
        db,
        `CREATE OR REPLACE FUNCTION ${table}_count_${event}() RETURNS trigger LANGUAGE plpgsql AS $fn$
        DECLARE d bigint; js jsonb; deltas jsonb;
        BEGIN
          FOR d, js IN SELECT s.district_id, jsonb_agg(to_jsonb(s) - 'district_id') FROM (${rows}) s GROUP BY s.district_id LOOP
            WITH rows AS (SELECT * FROM jsonb_to_recordset(js) AS ${ROW}), counted AS (${c.metrics})
            SELECT jsonb_agg(jsonb_build_object('grid', grid_id, 'courtyard', courtyard_id, 'metric', metric, 'delta', s)) INTO deltas
            FROM (SELECT grid_id, courtyard_id, metric, sum(sign) AS s FROM counted GROUP BY 1, 2, 3) x;
            PERFORM apply_registry_deltas(d, deltas);
          END LOOP;
          RETURN NULL;
        END $fn$`,
      );
    }
  }

  // Recounting one district from its rows: after a bulk load that ran with the counter
  // triggers disabled, and as a check that the triggers kept up.
  await run(db, 'DROP FUNCTION rebuild_registry_counters()');
  await run(
    db,
    `CREATE FUNCTION rebuild_registry_counters(district bigint) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM area_counters WHERE district_id = district AND metric LIKE 'registry.%';
      DELETE FROM courtyard_counters WHERE district_id = district;
      CREATE TEMP TABLE registry_recount ON COMMIT DROP AS
      WITH dwelling_state AS (
        SELECT d.grid_id, d.courtyard_id,
               NOT EXISTS (SELECT 1 FROM occupancies o WHERE o.district_id = district AND o.dwelling_id = d.id AND o.end_date IS NULL) AS vacant
        FROM dwellings d WHERE d.district_id = district AND d.retired_at IS NULL)
      SELECT grid_id, NULL::uuid AS courtyard_id, 'registry.courtyards' AS metric, count(*) AS n
        FROM courtyards WHERE district_id = district AND retired_at IS NULL GROUP BY 1
      UNION ALL SELECT grid_id, NULL, 'registry.persons', count(*) FROM persons WHERE district_id = district AND merged_into IS NULL GROUP BY 1
      UNION ALL SELECT grid_id, courtyard_id, 'registry.dwellings', count(*) FROM dwelling_state GROUP BY 1, 2
      UNION ALL SELECT grid_id, courtyard_id, 'registry.vacant', count(*) FROM dwelling_state WHERE vacant GROUP BY 1, 2
      UNION ALL SELECT grid_id, courtyard_id, 'registry.households', count(*) FROM occupancies
        WHERE district_id = district AND end_date IS NULL GROUP BY 1, 2
      UNION ALL SELECT grid_id, courtyard_id, 'registry.rentals', count(*) FROM occupancies
        WHERE district_id = district AND end_date IS NULL AND type = 'rented' GROUP BY 1, 2;
      PERFORM apply_registry_deltas(district, (SELECT jsonb_agg(jsonb_build_object(
        'grid', grid_id, 'courtyard', courtyard_id, 'metric', metric, 'delta', n)) FROM registry_recount));
      DROP TABLE registry_recount;
    END $$`,
  );
}
