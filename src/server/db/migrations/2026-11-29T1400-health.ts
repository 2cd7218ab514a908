/**
 * Key-population health management (BRIEF §4, §8): the three axes per person with
 * history (status, categories, measures), isolation sites and hospitals, nucleic-acid
 * tests, daily check-ins with their derived state, check-in links, alerts with
 * recipients, daily zero reports, per-day leaf counters and the datasets' retention.
 *
 * Health data lives apart from the baseline registry: a person has health rows only
 * once a category, status or measure applies (health_profiles is the gate).
 */
import { type Kysely, sql } from 'kysely';
import { counters, followPersons } from './parts/health-counters.js';
import { FEVER_AT, MEASURES, STATUSES, SYMPTOMS, TEMPERATURE_RANGE } from '../../../domain/health.js';
import { DATASETS } from '../../../domain/health-data.js';

const list = (xs: readonly string[]) => sql.raw(xs.map((x) => `'${x}'`).join(', '));

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE health_profiles (
      person_id    uuid PRIMARY KEY REFERENCES persons(id),
      district_id  bigint NOT NULL,
      grid_id      bigint NOT NULL REFERENCES areas(id),
      area_path    text NOT NULL,
      status       text NOT NULL DEFAULT 'none' CHECK (status IN (${list(STATUSES)})),
      status_since date,
      categories   text[] NOT NULL DEFAULT '{}',
      last_contact date,
      created_at   timestamptz NOT NULL DEFAULT now(),
      updated_at   timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX health_profiles_scope ON health_profiles (area_path text_pattern_ops)`.execute(db);
  await sql`CREATE TRIGGER health_profiles_place BEFORE INSERT OR UPDATE OF grid_id ON health_profiles FOR EACH ROW EXECUTE FUNCTION registry_place()`.execute(
    db,
  );

  // The person's timeline: every change to an axis, test and release decision.
  await sql`
    CREATE TABLE health_events (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      person_id   uuid NOT NULL REFERENCES persons(id),
      district_id bigint NOT NULL,
      at          timestamptz NOT NULL,
      day         date NOT NULL,
      kind        text NOT NULL CHECK (kind IN ('status', 'category_added', 'category_ended', 'measure_started', 'measure_extended', 'measure_changed', 'measure_released', 'test')),
      details     jsonb NOT NULL DEFAULT '{}',
      reason      text,
      actor_id    uuid REFERENCES users(id)
    )`.execute(db);
  await sql`CREATE INDEX health_events_person ON health_events (person_id, id)`.execute(db);

  await sql`
    CREATE TABLE health_person_categories (
      id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      person_id    uuid NOT NULL REFERENCES persons(id),
      district_id  bigint NOT NULL,
      category_key text NOT NULL REFERENCES health_categories(key),
      from_day     date NOT NULL,
      until_day    date,
      last_contact date,
      actor_id     uuid REFERENCES users(id),
      CONSTRAINT health_person_categories_dates CHECK (until_day IS NULL OR until_day >= from_day)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX health_person_categories_current ON health_person_categories (person_id, category_key) WHERE until_day IS NULL`.execute(
    db,
  );

  await sql`
    CREATE FUNCTION health_site_place() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      SELECT district_id, path INTO NEW.district_id, NEW.area_path FROM areas WHERE id = NEW.area_id;
      RETURN NEW;
    END $$`.execute(db);
  await sql`
    CREATE TABLE isolation_sites (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind        text NOT NULL CHECK (kind IN ('isolation_site', 'hospital')),
      area_id     bigint NOT NULL REFERENCES areas(id),
      district_id bigint NOT NULL,
      area_path   text NOT NULL,
      name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 2 AND 100),
      address     text,
      beds        integer CHECK (beds BETWEEN 1 AND 100000),
      retired_at  timestamptz,
      created_at  timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT isolation_sites_beds CHECK ((kind = 'hospital') = (beds IS NOT NULL))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX isolation_sites_name ON isolation_sites (district_id, name) WHERE retired_at IS NULL`.execute(
    db,
  );
  await sql`CREATE TRIGGER isolation_sites_place BEFORE INSERT OR UPDATE OF area_id ON isolation_sites FOR EACH ROW EXECUTE FUNCTION health_site_place()`.execute(
    db,
  );
  await sql`
    CREATE TABLE isolation_rooms (
      id       uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      site_id  uuid NOT NULL REFERENCES isolation_sites(id),
      label    text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 30),
      capacity smallint NOT NULL CHECK (capacity BETWEEN 1 AND 20),
      UNIQUE (site_id, label)
    )`.execute(db);

  await sql`
    CREATE TABLE health_measures (
      id           uuid PRIMARY KEY,
      person_id    uuid REFERENCES persons(id),
      district_id  bigint NOT NULL,
      grid_id      bigint NOT NULL REFERENCES areas(id),
      area_path    text NOT NULL,
      measure      text NOT NULL CHECK (measure IN (${list(MEASURES)})),
      site_id      uuid REFERENCES isolation_sites(id),
      room_id      uuid REFERENCES isolation_rooms(id),
      bed          text CHECK (length(btrim(bed)) BETWEEN 1 AND 30),
      start_day    date NOT NULL,
      planned_end  date,
      actual_end   date,
      end_reason   text CHECK (end_reason IN ('released', 'changed', 'cancelled')),
      previous_id  uuid REFERENCES health_measures(id),
      release      jsonb NOT NULL,
      basis        bigint[] NOT NULL DEFAULT '{}',
      categories   text[] NOT NULL DEFAULT '{}',
      status       text NOT NULL DEFAULT 'none',
      last_contact date,
      created_by   uuid REFERENCES users(id),
      created_at   timestamptz NOT NULL,
      updated_at   timestamptz NOT NULL,
      CONSTRAINT health_measures_room CHECK ((measure = 'central_isolation') = (room_id IS NOT NULL)),
      CONSTRAINT health_measures_bed CHECK ((measure = 'designated_hospital') = (bed IS NOT NULL)),
      CONSTRAINT health_measures_site CHECK ((measure IN ('central_isolation', 'designated_hospital')) = (site_id IS NOT NULL)),
      CONSTRAINT health_measures_dates CHECK (planned_end IS NULL OR planned_end >= start_day),
      CONSTRAINT health_measures_end CHECK (actual_end IS NULL OR (actual_end >= start_day AND end_reason IS NOT NULL))
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX health_measures_active ON health_measures (person_id) WHERE actual_end IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX health_measures_scope ON health_measures (area_path text_pattern_ops, planned_end) WHERE actual_end IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX health_measures_person ON health_measures (person_id, start_day)`.execute(db);
  await sql`CREATE INDEX health_measures_days ON health_measures (start_day, actual_end)`.execute(db);
  await sql`CREATE INDEX health_measures_room ON health_measures (room_id) WHERE actual_end IS NULL AND room_id IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX health_measures_bed_taken ON health_measures (site_id, bed) WHERE actual_end IS NULL AND bed IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE TRIGGER health_measures_place BEFORE INSERT OR UPDATE OF grid_id ON health_measures FOR EACH ROW EXECUTE FUNCTION registry_place()`.execute(
    db,
  );
  // Room capacity and hospital beds, checked under a lock on the room or hospital so
  // two placements at once cannot both take the last place.
  await sql`
    CREATE FUNCTION health_measures_capacity() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE cap integer; taken integer;
    BEGIN
      IF NEW.actual_end IS NOT NULL THEN RETURN NEW; END IF;
      IF NEW.room_id IS NOT NULL THEN
        SELECT capacity INTO cap FROM isolation_rooms WHERE id = NEW.room_id AND site_id = NEW.site_id FOR UPDATE;
        IF cap IS NULL THEN
          RAISE EXCEPTION 'room not in site' USING ERRCODE = '23514', CONSTRAINT = 'health_measures_room_site';
        END IF;
        SELECT count(*) INTO taken FROM health_measures WHERE room_id = NEW.room_id AND actual_end IS NULL AND id <> NEW.id;
        IF taken >= cap THEN
          RAISE EXCEPTION 'room full' USING ERRCODE = '23514', CONSTRAINT = 'isolation_room_full';
        END IF;
      ELSIF NEW.bed IS NOT NULL THEN
        SELECT beds INTO cap FROM isolation_sites WHERE id = NEW.site_id AND kind = 'hospital' FOR UPDATE;
        IF cap IS NULL THEN
          RAISE EXCEPTION 'not a hospital' USING ERRCODE = '23514', CONSTRAINT = 'health_measures_hospital';
        END IF;
        SELECT count(*) INTO taken FROM health_measures WHERE site_id = NEW.site_id AND bed IS NOT NULL AND actual_end IS NULL AND id <> NEW.id;
        IF taken >= cap THEN
          RAISE EXCEPTION 'hospital full' USING ERRCODE = '23514', CONSTRAINT = 'hospital_full';
        END IF;
      END IF;
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER health_measures_capacity BEFORE INSERT OR UPDATE OF room_id, bed, site_id, actual_end ON health_measures FOR EACH ROW EXECUTE FUNCTION health_measures_capacity()`.execute(
    db,
  );

  await sql`
    CREATE TABLE nucleic_tests (
      id          uuid PRIMARY KEY,
      person_id   uuid REFERENCES persons(id),
      district_id bigint NOT NULL,
      area_path   text NOT NULL,
      sampled_at  timestamptz NOT NULL,
      result      text NOT NULL CHECK (result IN ('pending', 'negative', 'positive')),
      lab         text CHECK (length(btrim(lab)) BETWEEN 1 AND 100),
      result_at   timestamptz,
      created_by  uuid REFERENCES users(id),
      created_at  timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX nucleic_tests_person ON nucleic_tests (person_id, sampled_at)`.execute(db);

  // One check-in per person per day; a second submission amends it. The state is
  // derived in the database so every reader agrees on it.
  await sql
    .raw(
      `
    CREATE TABLE health_checkins (
      person_id    uuid NOT NULL REFERENCES persons(id),
      day          date NOT NULL,
      district_id  bigint NOT NULL,
      grid_id      bigint NOT NULL REFERENCES areas(id),
      area_path    text NOT NULL,
      temperature  numeric(3,1) CHECK (temperature BETWEEN ${TEMPERATURE_RANGE.min} AND ${TEMPERATURE_RANGE.max}),
      symptoms     text[] NOT NULL DEFAULT '{}' CHECK (symptoms <@ ARRAY[${SYMPTOMS.map((s) => `'${s}'`).join(', ')}]::text[]),
      needs_review boolean NOT NULL DEFAULT false,
      state        text GENERATED ALWAYS AS (CASE
                     WHEN temperature >= ${FEVER_AT} OR cardinality(symptoms) > 0 THEN 'symptomatic'
                     WHEN temperature IS NULL OR needs_review THEN 'to_review'
                     ELSE 'normal' END) STORED,
      channel      text NOT NULL CHECK (channel IN ('self', 'household', 'staff_visit', 'staff_call')),
      reported_by  uuid REFERENCES users(id),
      reporter_person uuid REFERENCES persons(id),
      client_id    uuid NOT NULL,
      revisions    smallint NOT NULL DEFAULT 1,
      previous     jsonb,
      created_at   timestamptz NOT NULL,
      updated_at   timestamptz NOT NULL,
      PRIMARY KEY (person_id, day)
    )`,
    )
    .execute(db);
  await sql`CREATE INDEX health_checkins_symptomatic ON health_checkins (day, area_path text_pattern_ops) WHERE state = 'symptomatic'`.execute(
    db,
  );
  await sql`CREATE INDEX health_checkins_day ON health_checkins (day)`.execute(db);

  await sql`
    CREATE TABLE health_checkin_links (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      token_hash  text NOT NULL UNIQUE,
      district_id bigint NOT NULL,
      person_id   uuid NOT NULL REFERENCES persons(id),
      scope       text NOT NULL CHECK (scope IN ('person', 'household')),
      created_by  uuid REFERENCES users(id),
      created_at  timestamptz NOT NULL,
      expires_at  timestamptz NOT NULL,
      revoked_at  timestamptz,
      last_used_at timestamptz
    )`.execute(db);
  await sql`CREATE INDEX health_checkin_links_person ON health_checkin_links (person_id)`.execute(db);

  await sql`
    CREATE TABLE alerts (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      district_id bigint NOT NULL,
      area_id     bigint NOT NULL REFERENCES areas(id),
      area_path   text NOT NULL,
      person_id   uuid REFERENCES persons(id),
      kind        text NOT NULL CHECK (kind IN ('symptomatic', 'not_reported', 'period_ending', 'overdue_release', 'report_missing')),
      day         date NOT NULL,
      dedup_key   text NOT NULL UNIQUE,
      details     jsonb NOT NULL DEFAULT '{}',
      state       text NOT NULL DEFAULT 'new' CHECK (state IN ('new', 'acknowledged', 'handled')),
      level       smallint NOT NULL DEFAULT 0 CHECK (level BETWEEN 0 AND 2),
      escalate_at timestamptz,
      created_at  timestamptz NOT NULL,
      acknowledged_at timestamptz,
      acknowledged_by uuid REFERENCES users(id),
      handled_at  timestamptz,
      handled_by  uuid REFERENCES users(id),
      note        text,
      CONSTRAINT alerts_handled_note CHECK (state <> 'handled' OR length(btrim(note)) >= 2)
    )`.execute(db);
  await sql`CREATE INDEX alerts_escalation ON alerts (escalate_at) WHERE state <> 'handled' AND escalate_at IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE INDEX alerts_person ON alerts (person_id) WHERE person_id IS NOT NULL`.execute(db);
  await sql`
    CREATE TABLE alert_recipients (
      user_id  uuid NOT NULL REFERENCES users(id),
      alert_id uuid NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
      level    smallint NOT NULL,
      added_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, alert_id)
    )`.execute(db);
  await sql`CREATE INDEX alert_recipients_alert ON alert_recipients (alert_id)`.execute(db);

  await sql`
    CREATE TABLE daily_reports (
      id           uuid PRIMARY KEY,
      district_id  bigint NOT NULL,
      community_id bigint NOT NULL REFERENCES areas(id),
      area_path    text NOT NULL,
      day          date NOT NULL,
      counts       jsonb NOT NULL,
      zero         boolean NOT NULL,
      notes        text CHECK (length(notes) <= 2000),
      late         boolean NOT NULL DEFAULT false,
      filed_by     uuid NOT NULL REFERENCES users(id),
      filed_at     timestamptz NOT NULL,
      revisions    smallint NOT NULL DEFAULT 1,
      UNIQUE (community_id, day)
    )`.execute(db);
  await sql`CREATE INDEX daily_reports_scope ON daily_reports (day, area_path text_pattern_ops)`.execute(db);

  // Per area and day, at leaf level (grid; community for reports): the trend's source.
  await sql`
    CREATE TABLE health_day_counters (
      area_id bigint NOT NULL REFERENCES areas(id),
      day     date NOT NULL,
      metric  text NOT NULL,
      value   bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (area_id, day, metric)
    )`.execute(db);
  await sql`CREATE INDEX health_day_counters_day ON health_day_counters (day)`.execute(db);

  await sql`
    CREATE TABLE health_datasets (
      key            text PRIMARY KEY CHECK (key IN ('checkins', 'tests', 'measures')),
      label          text NOT NULL,
      legal_basis    text NOT NULL,
      purpose        text NOT NULL,
      retention_days integer NOT NULL CHECK (retention_days BETWEEN 1 AND 3650),
      action         text NOT NULL CHECK (action IN ('purge', 'deidentify')),
      updated_by     uuid REFERENCES users(id),
      updated_at     timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  for (const d of DATASETS) {
    await sql`INSERT INTO health_datasets (key, label, legal_basis, purpose, retention_days, action) VALUES (${d.key}, ${d.label}, ${d.legalBasis}, ${d.purpose}, ${d.retentionDays}, ${d.action})`.execute(
      db,
    );
  }

  await counters(db);
  await followPersons(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS persons_health_follow ON persons`.execute(db);
  for (const t of [
    'health_datasets',
    'health_day_counters',
    'daily_reports',
    'alert_recipients',
    'alerts',
    'health_checkin_links',
    'health_checkins',
    'nucleic_tests',
    'health_measures',
    'isolation_rooms',
    'isolation_sites',
    'health_person_categories',
    'health_events',
    'health_profiles',
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)} CASCADE`.execute(db);
  }
  for (const f of [
    'health_follow_person()',
    'health_close_day(date)',
    'health_checkins_count()',
    'health_measures_count()',
    'health_under(bigint, text, integer)',
    'health_count(bigint, date, text, integer)',
    'health_measures_capacity()',
    'health_site_place()',
  ]) {
    await sql.raw(`DROP FUNCTION IF EXISTS ${f}`).execute(db);
  }
  await sql`DELETE FROM area_counters WHERE metric LIKE 'health.%'`.execute(db);
}
