/** Part of migration 2026-11-29T1400-health: health counters, and measures that follow their person. */
import { type Kysely, sql } from 'kysely';

/**
 * Live counters: persons under each measure now (area_counters, per grid), and per
 * day (health_day_counters): new measures, releases, check-ins, symptomatic.
 */
export async function counters(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION health_count(area bigint, d date, m text, delta integer) RETURNS void LANGUAGE sql AS $$
      INSERT INTO health_day_counters (area_id, day, metric, value) VALUES (area, d, m, delta)
      ON CONFLICT (area_id, day, metric) DO UPDATE SET value = health_day_counters.value + EXCLUDED.value;
    $$`.execute(db);
  await sql`
    CREATE FUNCTION health_under(area bigint, m text, delta integer) RETURNS void LANGUAGE sql AS $$
      INSERT INTO area_counters (area_id, metric, value) VALUES (area, 'health.under.' || m, delta)
      ON CONFLICT (area_id, metric) DO UPDATE SET value = area_counters.value + EXCLUDED.value;
    $$`.execute(db);
  await sql`
    CREATE FUNCTION health_measures_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.actual_end IS NULL THEN PERFORM health_under(OLD.grid_id, OLD.measure, -1); END IF;
      IF NEW.actual_end IS NULL THEN PERFORM health_under(NEW.grid_id, NEW.measure, 1); END IF;
      IF TG_OP = 'INSERT' AND NEW.previous_id IS NULL THEN PERFORM health_count(NEW.grid_id, NEW.start_day, 'health.new', 1); END IF;
      IF TG_OP = 'UPDATE' AND OLD.actual_end IS NULL AND NEW.actual_end IS NOT NULL AND NEW.end_reason = 'released' THEN
        PERFORM health_count(NEW.grid_id, NEW.actual_end, 'health.released', 1);
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER health_measures_count AFTER INSERT OR UPDATE OF actual_end, grid_id, measure ON health_measures FOR EACH ROW EXECUTE FUNCTION health_measures_count()`.execute(
    db,
  );
  await sql`
    CREATE FUNCTION health_checkins_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM health_count(NEW.grid_id, NEW.day, 'health.checked_in', 1);
        IF NEW.state = 'symptomatic' THEN PERFORM health_count(NEW.grid_id, NEW.day, 'health.symptomatic', 1); END IF;
      ELSIF (OLD.state = 'symptomatic') <> (NEW.state = 'symptomatic') THEN
        PERFORM health_count(NEW.grid_id, NEW.day, 'health.symptomatic', CASE WHEN NEW.state = 'symptomatic' THEN 1 ELSE -1 END);
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER health_checkins_count AFTER INSERT OR UPDATE ON health_checkins FOR EACH ROW EXECUTE FUNCTION health_checkins_count()`.execute(
    db,
  );

  // A closed day, recounted from the records: who was under each measure, who did not
  // report, which communities filed no report. Run for yesterday by the daily job.
  await sql`
    CREATE FUNCTION health_close_day(d date) RETURNS void LANGUAGE sql AS $$
      DELETE FROM health_day_counters WHERE day = d AND (metric LIKE 'health.under.%' OR metric IN ('health.not_reported', 'health.reports_missing'));
      INSERT INTO health_day_counters (area_id, day, metric, value)
      SELECT grid_id, d, 'health.under.' || measure, count(*) FROM health_measures
      WHERE start_day <= d AND (actual_end IS NULL OR actual_end > d) GROUP BY grid_id, measure;
      INSERT INTO health_day_counters (area_id, day, metric, value)
      SELECT m.grid_id, d, 'health.not_reported', count(*) FROM health_measures m
      WHERE m.start_day <= d AND (m.actual_end IS NULL OR m.actual_end > d) AND m.person_id IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM health_checkins c WHERE c.person_id = m.person_id AND c.day = d)
      GROUP BY m.grid_id;
      INSERT INTO health_day_counters (area_id, day, metric, value)
      SELECT a.id, d, 'health.reports_missing', 1 FROM areas a
      WHERE a.level = 'community' AND a.retired_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM daily_reports r WHERE r.community_id = a.id AND r.day = d);
    $$`.execute(db);
}

/** A person moved to another grid takes their open health records along. */
export async function followPersons(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION health_follow_person() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      UPDATE health_profiles SET grid_id = NEW.grid_id, updated_at = now() WHERE person_id = NEW.id;
      UPDATE health_measures SET grid_id = NEW.grid_id WHERE person_id = NEW.id AND actual_end IS NULL;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER persons_health_follow AFTER UPDATE OF grid_id ON persons FOR EACH ROW WHEN (OLD.grid_id IS DISTINCT FROM NEW.grid_id) EXECUTE FUNCTION health_follow_person()`.execute(
    db,
  );
}
