/**
 * Actual-population registry (一标三实): courtyards → buildings → units → dwellings
 * under a grid; persons; households living in dwellings through occupancies, with
 * members and history; record versions; person transfers between areas.
 *
 * Scope: every row carries the grid it belongs to and that grid's area path, kept
 * by triggers, so reads filter by `area_path LIKE scope%` without joins; every
 * large table carries district_id (the Citus distribution key).
 * Counters: registry.* metrics kept at grid level (area_counters) and at courtyard
 * level (courtyard_counters) by triggers, in the same transaction as the change.
 */
import { type Kysely, sql } from 'kysely';
import { registryCounters } from './parts/registry-counters.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Grid placement shared by every place table: grid_id → district_id, area_path.
  await sql`
    CREATE FUNCTION registry_place() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE g areas%ROWTYPE;
    BEGIN
      SELECT * INTO g FROM areas WHERE id = NEW.grid_id;
      IF g.level IS DISTINCT FROM 'grid' THEN
        RAISE EXCEPTION 'registry records sit on a grid' USING ERRCODE = '23514', CONSTRAINT = 'registry_on_grid';
      END IF;
      NEW.district_id := g.district_id;
      NEW.area_path := g.path;
      RETURN NEW;
    END $$`.execute(db);

  await sql`
    CREATE TABLE courtyards (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      district_id bigint NOT NULL,
      grid_id     bigint NOT NULL REFERENCES areas(id),
      area_path   text NOT NULL,
      name        text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
      kind        text NOT NULL CHECK (kind IN ('urban_compound', 'resettlement', 'rural_scattered')),
      address     text CHECK (length(address) <= 200),
      gate_status text NOT NULL DEFAULT 'open' CHECK (gate_status IN ('open', 'closed')),
      gate_since  date,
      gate_until  date,
      retired_at  timestamptz,
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT courtyards_gate_dates CHECK (gate_until IS NULL OR gate_since IS NULL OR gate_until >= gate_since)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX courtyards_name_in_grid ON courtyards (grid_id, name) WHERE retired_at IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX courtyards_scope ON courtyards (area_path text_pattern_ops, name)`.execute(db);
  await sql`CREATE TRIGGER courtyards_place BEFORE INSERT OR UPDATE OF grid_id ON courtyards FOR EACH ROW EXECUTE FUNCTION registry_place()`.execute(
    db,
  );

  // People responsible for a courtyard (网格员, 楼栋长 …): people with phones, not necessarily users.
  await sql`
    CREATE TABLE courtyard_contacts (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      courtyard_id uuid NOT NULL REFERENCES courtyards(id),
      role         text NOT NULL CHECK (role IN ('grid_worker', 'building_head', 'property_manager', 'volunteer', 'other')),
      name         text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 50),
      phone        text NOT NULL,
      building_id  uuid,
      user_id      uuid REFERENCES users(id),
      created_at   timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX courtyard_contacts_courtyard ON courtyard_contacts (courtyard_id)`.execute(db);

  await sql`
    CREATE TABLE buildings (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      courtyard_id uuid NOT NULL REFERENCES courtyards(id),
      label        text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 30),
      floors       smallint CHECK (floors BETWEEN 1 AND 200),
      created_at   timestamptz NOT NULL DEFAULT now(),
      UNIQUE (courtyard_id, label)
    )`.execute(db);
  await sql`
    CREATE TABLE units (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      building_id uuid NOT NULL REFERENCES buildings(id),
      label       text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 30),
      created_at  timestamptz NOT NULL DEFAULT now(),
      UNIQUE (building_id, label)
    )`.execute(db);
  await sql`ALTER TABLE courtyard_contacts ADD FOREIGN KEY (building_id) REFERENCES buildings(id)`.execute(db);

  // A dwelling hangs off a unit, a building, or (rural courtyards) the courtyard itself.
  await sql`
    CREATE TABLE dwellings (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      district_id  bigint NOT NULL,
      grid_id      bigint NOT NULL REFERENCES areas(id),
      area_path    text NOT NULL,
      courtyard_id uuid NOT NULL REFERENCES courtyards(id),
      building_id  uuid REFERENCES buildings(id),
      unit_id      uuid REFERENCES units(id),
      room         text NOT NULL CHECK (length(btrim(room)) BETWEEN 1 AND 30),
      floor        smallint CHECK (floor BETWEEN -5 AND 200),
      area_m2      numeric(8, 2) CHECK (area_m2 > 0 AND area_m2 < 100000),
      use          text NOT NULL DEFAULT 'residential' CHECK (use IN ('residential', 'commercial', 'other')),
      sort_key     text NOT NULL DEFAULT '',
      retired_at   timestamptz,
      created_at   timestamptz NOT NULL DEFAULT now(),
      updated_at   timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT dwellings_unit_needs_building CHECK (unit_id IS NULL OR building_id IS NOT NULL)
    )`.execute(db);
  await sql`
    CREATE UNIQUE INDEX dwellings_address ON dwellings
      (courtyard_id, coalesce(building_id, '00000000-0000-0000-0000-000000000000'), coalesce(unit_id, '00000000-0000-0000-0000-000000000000'), room)
      WHERE retired_at IS NULL`.execute(db);
  await sql`CREATE INDEX dwellings_scope ON dwellings (area_path text_pattern_ops)`.execute(db);
  await sql`CREATE TRIGGER dwellings_place BEFORE INSERT OR UPDATE OF grid_id ON dwellings FOR EACH ROW EXECUTE FUNCTION registry_place()`.execute(
    db,
  );
  // The order a courtyard file lists its dwellings in (building, unit, room, as people
  // read them: 2栋 before 10栋, 201 before 1201), kept in an index so the first page of
  // a 10,000-dwelling compound is read, not sorted.
  await sql`
    CREATE FUNCTION dwelling_sort_key() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE b text; u text;
    BEGIN
      SELECT label INTO b FROM buildings WHERE id = NEW.building_id;
      SELECT label INTO u FROM units WHERE id = NEW.unit_id;
      NEW.sort_key := concat_ws(E'\x1f',
        lpad(coalesce(substring(b FROM '[0-9]+'), ''), 6, '0') || coalesce(b, ''),
        lpad(coalesce(substring(u FROM '[0-9]+'), ''), 6, '0') || coalesce(u, ''),
        lpad(coalesce(substring(NEW.room FROM '[0-9]+'), ''), 8, '0') || NEW.room);
      RETURN NEW;
    END $$`.execute(db);
  await sql`CREATE TRIGGER dwellings_sort_key BEFORE INSERT OR UPDATE OF building_id, unit_id, room ON dwellings FOR EACH ROW EXECUTE FUNCTION dwelling_sort_key()`.execute(
    db,
  );
  await sql`CREATE INDEX dwellings_listing ON dwellings (courtyard_id, sort_key, id) WHERE retired_at IS NULL`.execute(
    db,
  );

  // Search grams: every 1- and 2-character piece of a name, for fragments of 1–3
  // characters anywhere in a Chinese name (trigrams cannot serve 1–2 characters).
  await sql`
    CREATE FUNCTION name_grams(n text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
        SELECT substr(n, i, 1) AS g FROM generate_series(1, char_length(n)) AS i
        UNION
        SELECT substr(n, i, 2) FROM generate_series(1, char_length(n) - 1) AS i
      ) s
    $$`.execute(db);

  await sql`
    CREATE TABLE persons (
      id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      district_id     bigint NOT NULL,
      grid_id         bigint NOT NULL REFERENCES areas(id),
      area_path       text NOT NULL,
      name            text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 50),
      name_grams      text[] GENERATED ALWAYS AS (name_grams(name)) STORED,
      doc_type        text NOT NULL CHECK (doc_type IN ('resident_id', 'hmt_residence_permit', 'foreign_permanent_id', 'passport', 'other')),
      doc_number      text NOT NULL CHECK (doc_number ~ '^[A-Z0-9-]{3,30}$'),
      gender          text CHECK (gender IN ('male', 'female')),
      birth_date      date,
      phone           text CHECK (phone ~ '^(1[3-9][0-9]{9}|0[1-9][0-9]{1,2}-[2-9][0-9]{6,7})$'),
      phone_tail      text GENERATED ALWAYS AS (right(phone, 4)) STORED,
      population_type text NOT NULL DEFAULT 'registered' CHECK (population_type IN ('registered', 'floating', 'overseas')),
      hukou_place     text CHECK (length(hukou_place) <= 200),
      work_unit       text CHECK (length(work_unit) <= 200),
      tags            text[] NOT NULL DEFAULT '{}',
      merged_into     uuid REFERENCES persons(id),
      created_at      timestamptz NOT NULL DEFAULT now(),
      updated_at      timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT persons_gb11643_shape CHECK (doc_type NOT IN ('resident_id', 'hmt_residence_permit', 'foreign_permanent_id') OR doc_number ~ '^[0-9]{17}[0-9X]$')
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX persons_document ON persons (doc_type, doc_number) WHERE merged_into IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX persons_grams ON persons USING gin (name_grams)`.execute(db);
  await sql`CREATE INDEX persons_scope ON persons (area_path text_pattern_ops, id)`.execute(db);
  await sql`CREATE INDEX persons_phone ON persons (phone) WHERE phone IS NOT NULL`.execute(db);
  await sql`CREATE INDEX persons_phone_tail ON persons (phone_tail, area_path text_pattern_ops) WHERE phone IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE TRIGGER persons_place BEFORE INSERT OR UPDATE OF grid_id ON persons FOR EACH ROW EXECUTE FUNCTION registry_place()`.execute(
    db,
  );

  await sql`
    CREATE TABLE households (
      id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      district_id bigint NOT NULL,
      grid_id     bigint NOT NULL REFERENCES areas(id),
      area_path   text NOT NULL,
      created_at  timestamptz NOT NULL DEFAULT now(),
      updated_at  timestamptz NOT NULL DEFAULT now()
    )`.execute(db);
  await sql`CREATE INDEX households_scope ON households (area_path text_pattern_ops)`.execute(db);
  await sql`CREATE TRIGGER households_place BEFORE INSERT OR UPDATE OF grid_id ON households FOR EACH ROW EXECUTE FUNCTION registry_place()`.execute(
    db,
  );

  // Membership history: a person belongs to at most one household at a time.
  await sql`
    CREATE TABLE household_members (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      district_id  bigint NOT NULL,
      household_id uuid NOT NULL REFERENCES households(id),
      person_id    uuid NOT NULL REFERENCES persons(id),
      relationship text NOT NULL CHECK (relationship IN ('head', 'spouse', 'child', 'parent', 'other')),
      start_date   date NOT NULL,
      end_date     date,
      CONSTRAINT household_members_dates CHECK (end_date IS NULL OR end_date >= start_date)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX household_members_current ON household_members (person_id) WHERE end_date IS NULL`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX household_members_one_head ON household_members (household_id) WHERE end_date IS NULL AND relationship = 'head'`.execute(
    db,
  );
  await sql`CREATE INDEX household_members_household ON household_members (household_id)`.execute(db);

  // Occupancy history: a household lives in at most one dwelling at a time; moving
  // out sets end_date, never deletes.
  await sql`
    CREATE TABLE occupancies (
      id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      district_id  bigint NOT NULL,
      grid_id      bigint NOT NULL REFERENCES areas(id),
      area_path    text NOT NULL,
      household_id uuid NOT NULL REFERENCES households(id),
      dwelling_id  uuid NOT NULL REFERENCES dwellings(id),
      courtyard_id uuid NOT NULL REFERENCES courtyards(id),
      type         text NOT NULL CHECK (type IN ('owned', 'rented', 'lodging', 'temporary')),
      start_date   date NOT NULL,
      end_date     date,
      created_at   timestamptz NOT NULL DEFAULT now(),
      updated_at   timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT occupancies_dates CHECK (end_date IS NULL OR end_date >= start_date)
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX occupancies_current ON occupancies (household_id) WHERE end_date IS NULL`.execute(db);
  await sql`CREATE INDEX occupancies_dwelling ON occupancies (dwelling_id, start_date)`.execute(db);
  await sql`CREATE INDEX occupancies_courtyard_current ON occupancies (courtyard_id) WHERE end_date IS NULL`.execute(
    db,
  );
  await sql`CREATE INDEX occupancies_changed ON occupancies (area_path text_pattern_ops, updated_at)`.execute(db);
  await sql`CREATE TRIGGER occupancies_place BEFORE INSERT OR UPDATE OF grid_id ON occupancies FOR EACH ROW EXECUTE FUNCTION registry_place()`.execute(
    db,
  );

  // Who changed what, when and through which channel, with before/after values.
  await sql`
    CREATE TABLE record_versions (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      district_id bigint NOT NULL,
      area_path   text NOT NULL,
      record_type text NOT NULL CHECK (record_type IN ('courtyard', 'building', 'unit', 'dwelling', 'household', 'occupancy', 'person', 'member')),
      record_id   uuid NOT NULL,
      at          timestamptz NOT NULL,
      actor_id    uuid REFERENCES users(id),
      channel     text NOT NULL CHECK (channel IN ('staff', 'import', 'self_registration', 'survey')),
      before      jsonb,
      after       jsonb,
      request_id  text
    )`.execute(db);
  await sql`CREATE INDEX record_versions_record ON record_versions (record_type, record_id, id)`.execute(db);

  await sql`
    CREATE TABLE person_transfers (
      id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      district_id    bigint NOT NULL,
      person_id      uuid NOT NULL REFERENCES persons(id),
      from_grid_id   bigint NOT NULL REFERENCES areas(id),
      to_grid_id     bigint NOT NULL REFERENCES areas(id),
      approver_area  bigint NOT NULL REFERENCES areas(id),
      approver_path  text NOT NULL,
      reason         text NOT NULL CHECK (length(btrim(reason)) BETWEEN 2 AND 500),
      status         text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected', 'cancelled')),
      requested_by   uuid NOT NULL REFERENCES users(id),
      requested_at   timestamptz NOT NULL,
      decided_by     uuid REFERENCES users(id),
      decided_at     timestamptz,
      decision_note  text
    )`.execute(db);
  await sql`CREATE UNIQUE INDEX person_transfers_open ON person_transfers (person_id) WHERE status = 'pending'`.execute(
    db,
  );
  await sql`CREATE INDEX person_transfers_approver ON person_transfers (approver_path text_pattern_ops, status)`.execute(
    db,
  );

  await registryCounters(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of [
    'courtyard_counters',
    'person_transfers',
    'record_versions',
    'occupancies',
    'household_members',
    'households',
    'persons',
    'dwellings',
    'units',
    'buildings',
    'courtyard_contacts',
    'courtyards',
  ]) {
    await sql`DROP TABLE IF EXISTS ${sql.table(t)} CASCADE`.execute(db);
  }
  for (const t of ['courtyards', 'persons', 'dwellings', 'occupancies']) {
    for (const e of ['insert', 'update', 'delete'])
      await sql.raw(`DROP FUNCTION IF EXISTS ${t}_count_${e}() CASCADE`).execute(db);
  }
  for (const f of [
    'dwelling_sort_key()',
    'rebuild_registry_counters()',
    'apply_registry_deltas(jsonb)',
    'name_grams(text)',
    'registry_place()',
  ]) {
    await sql.raw(`DROP FUNCTION IF EXISTS ${f}`).execute(db);
  }
}
