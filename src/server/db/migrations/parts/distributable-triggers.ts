/**
 * Part of migration 2026-12-03T1000-distributable: the triggers that stay, rewritten so
 * they run on a Citus shard. There a trigger's query must name its district (a query
 * pinned to one district runs on the shard's own node; one that is not would fan out
 * from inside a shard query, which Citus refuses), counters are single-row upserts
 * carrying the district, and functions that touch distributed tables are PL/pgSQL
 * (Citus cannot plan a parameterized SQL-language function over distributed tables).
 *
 * A refusal names its constraint in the message too: an error relayed from a shard keeps
 * only the message (kernel/pg-errors.ts reads the name from it).
 *
 * Gone: the counters kept by triggers on the reference tables (areas, users: the
 * dashboard counts those small tables when it reads), and the NOTIFY of area changes
 * (the writing code sends it: a NOTIFY inside a trigger on every copy of a reference
 * table cannot take part in a two-phase commit).
 */
import { type Kysely, sql } from 'kysely';

const run = (db: Kysely<unknown>, text: string) => sql.raw(text).execute(db);

export async function rewriteTriggers(db: Kysely<unknown>): Promise<void> {
  // Reference tables keep only the triggers that derive a row's own columns.
  await run(db, 'DROP TRIGGER areas_count ON areas');
  await run(db, 'DROP TRIGGER users_count ON users');
  await run(db, 'DROP TRIGGER areas_notify ON areas');
  await run(db, 'DROP FUNCTION areas_count(), users_count(), areas_notify(), bump_counter(bigint, text, bigint)');
  await run(db, "DELETE FROM area_counters WHERE metric LIKE 'areas.%' OR metric = 'users.active'");

  // Placement: the writer names the district (Citus routes an insert by it); the
  // trigger checks it against the grid's and derives the path.
  await run(
    db,
    `CREATE OR REPLACE FUNCTION registry_place() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE g areas%ROWTYPE;
    BEGIN
      SELECT * INTO g FROM areas WHERE id = NEW.grid_id;
      IF g.level IS DISTINCT FROM 'grid' THEN
        RAISE EXCEPTION 'registry records sit on a grid (constraint "registry_on_grid")' USING ERRCODE = '23514', CONSTRAINT = 'registry_on_grid';
      END IF;
      IF NEW.district_id IS DISTINCT FROM g.district_id THEN
        RAISE EXCEPTION 'a record is written with its grid''s district (constraint "registry_district")' USING ERRCODE = '23514', CONSTRAINT = 'registry_district';
      END IF;
      NEW.area_path := g.path;
      RETURN NEW;
    END $$`,
  );
  await run(
    db,
    `CREATE OR REPLACE FUNCTION health_site_place() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE a areas%ROWTYPE;
    BEGIN
      SELECT * INTO a FROM areas WHERE id = NEW.area_id;
      IF NEW.district_id IS DISTINCT FROM a.district_id THEN
        RAISE EXCEPTION 'a site is written with its area''s district (constraint "registry_district")' USING ERRCODE = '23514', CONSTRAINT = 'registry_district';
      END IF;
      NEW.area_path := a.path;
      RETURN NEW;
    END $$`,
  );
  await run(
    db,
    `CREATE OR REPLACE FUNCTION dwelling_sort_key() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE b text; u text;
    BEGIN
      SELECT label INTO b FROM buildings WHERE district_id = NEW.district_id AND id = NEW.building_id;
      SELECT label INTO u FROM units WHERE district_id = NEW.district_id AND id = NEW.unit_id;
      NEW.sort_key := concat_ws(E'\\x1f',
        lpad(coalesce(substring(b FROM '[0-9]+'), ''), 6, '0') || coalesce(b, ''),
        lpad(coalesce(substring(u FROM '[0-9]+'), ''), 6, '0') || coalesce(u, ''),
        lpad(coalesce(substring(NEW.room FROM '[0-9]+'), ''), 8, '0') || NEW.room);
      RETURN NEW;
    END $$`,
  );
  await run(
    db,
    `CREATE OR REPLACE FUNCTION health_measures_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE cap integer; taken integer;
    BEGIN
      IF NEW.actual_end IS NOT NULL THEN RETURN NEW; END IF;
      IF NEW.room_id IS NOT NULL THEN
        SELECT capacity INTO cap FROM isolation_rooms
        WHERE district_id = NEW.district_id AND id = NEW.room_id AND site_id = NEW.site_id FOR UPDATE;
        IF cap IS NULL THEN
          RAISE EXCEPTION 'room not in site (constraint "health_measures_room_site")' USING ERRCODE = '23514', CONSTRAINT = 'health_measures_room_site';
        END IF;
        SELECT count(*) INTO taken FROM health_measures
        WHERE district_id = NEW.district_id AND room_id = NEW.room_id AND actual_end IS NULL AND id <> NEW.id;
        IF taken >= cap THEN
          RAISE EXCEPTION 'room full (constraint "isolation_room_full")' USING ERRCODE = '23514', CONSTRAINT = 'isolation_room_full';
        END IF;
      ELSIF NEW.bed IS NOT NULL THEN
        SELECT beds INTO cap FROM isolation_sites
        WHERE district_id = NEW.district_id AND id = NEW.site_id AND kind = 'hospital' FOR UPDATE;
        IF cap IS NULL THEN
          RAISE EXCEPTION 'not a hospital (constraint "health_measures_hospital")' USING ERRCODE = '23514', CONSTRAINT = 'health_measures_hospital';
        END IF;
        SELECT count(*) INTO taken FROM health_measures
        WHERE district_id = NEW.district_id AND site_id = NEW.site_id AND bed IS NOT NULL AND actual_end IS NULL AND id <> NEW.id;
        IF taken >= cap THEN
          RAISE EXCEPTION 'hospital full (constraint "hospital_full")' USING ERRCODE = '23514', CONSTRAINT = 'hospital_full';
        END IF;
      END IF;
      RETURN NEW;
    END $$`,
  );
  await run(
    db,
    `CREATE OR REPLACE FUNCTION health_follow_person() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE health_profiles SET grid_id = NEW.grid_id, updated_at = now()
      WHERE district_id = NEW.district_id AND person_id = NEW.id;
      UPDATE health_measures SET grid_id = NEW.grid_id
      WHERE district_id = NEW.district_id AND person_id = NEW.id AND actual_end IS NULL;
      RETURN NULL;
    END $$`,
  );
  await healthCounters(db);
}

/** The health counters: single-row upserts keyed by district. */
async function healthCounters(db: Kysely<unknown>): Promise<void> {
  await run(db, 'DROP FUNCTION health_count(bigint, date, text, integer), health_under(bigint, text, integer)');
  await run(
    db,
    `CREATE FUNCTION health_count(district bigint, area bigint, d date, m text, delta integer) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO health_day_counters (district_id, area_id, day, metric, value) VALUES (district, area, d, m, delta)
      ON CONFLICT (district_id, area_id, day, metric) DO UPDATE SET value = health_day_counters.value + EXCLUDED.value;
    END $$`,
  );
  await run(
    db,
    `CREATE FUNCTION health_under(district bigint, area bigint, m text, delta integer) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO area_counters (district_id, area_id, metric, value) VALUES (district, area, 'health.under.' || m, delta)
      ON CONFLICT (district_id, area_id, metric) DO UPDATE SET value = area_counters.value + EXCLUDED.value;
    END $$`,
  );
  await run(
    db,
    `CREATE OR REPLACE FUNCTION health_measures_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.actual_end IS NULL THEN PERFORM health_under(OLD.district_id, OLD.grid_id, OLD.measure, -1); END IF;
      IF NEW.actual_end IS NULL THEN PERFORM health_under(NEW.district_id, NEW.grid_id, NEW.measure, 1); END IF;
      IF TG_OP = 'INSERT' AND NEW.previous_id IS NULL THEN
        PERFORM health_count(NEW.district_id, NEW.grid_id, NEW.start_day, 'health.new', 1);
      END IF;
      IF TG_OP = 'UPDATE' AND OLD.actual_end IS NULL AND NEW.actual_end IS NOT NULL AND NEW.end_reason = 'released' THEN
        PERFORM health_count(NEW.district_id, NEW.grid_id, NEW.actual_end, 'health.released', 1);
      END IF;
      RETURN NULL;
    END $$`,
  );
  await run(
    db,
    `CREATE OR REPLACE FUNCTION health_checkins_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM health_count(NEW.district_id, NEW.grid_id, NEW.day, 'health.checked_in', 1);
        IF NEW.state = 'symptomatic' THEN PERFORM health_count(NEW.district_id, NEW.grid_id, NEW.day, 'health.symptomatic', 1); END IF;
      ELSIF (OLD.state = 'symptomatic') <> (NEW.state = 'symptomatic') THEN
        PERFORM health_count(NEW.district_id, NEW.grid_id, NEW.day, 'health.symptomatic',
                             CASE WHEN NEW.state = 'symptomatic' THEN 1 ELSE -1 END);
      END IF;
      RETURN NULL;
    END $$`,
  );
  // A closed day of one district, recounted from its records (the daily job runs it per district).
  await run(db, 'DROP FUNCTION health_close_day(date)');
  await run(
    db,
    `CREATE FUNCTION health_close_day(district bigint, d date) RETURNS void LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM health_day_counters WHERE district_id = district AND day = d
        AND (metric LIKE 'health.under.%' OR metric IN ('health.not_reported', 'health.reports_missing'));
      INSERT INTO health_day_counters (district_id, area_id, day, metric, value)
      SELECT district, grid_id, d, 'health.under.' || measure, count(*) FROM health_measures
      WHERE district_id = district AND start_day <= d AND (actual_end IS NULL OR actual_end > d) GROUP BY grid_id, measure;
      INSERT INTO health_day_counters (district_id, area_id, day, metric, value)
      SELECT district, m.grid_id, d, 'health.not_reported', count(*) FROM health_measures m
      WHERE m.district_id = district AND m.start_day <= d AND (m.actual_end IS NULL OR m.actual_end > d) AND m.person_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM health_checkins c WHERE c.district_id = district AND c.person_id = m.person_id AND c.day = d)
      GROUP BY m.grid_id;
      INSERT INTO health_day_counters (district_id, area_id, day, metric, value)
      SELECT district, a.id, d, 'health.reports_missing', 1 FROM areas a
      WHERE a.district_id = district AND a.level = 'community' AND a.retired_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM daily_reports r WHERE r.district_id = district AND r.community_id = a.id AND r.day = d);
    END $$`,
  );
}
