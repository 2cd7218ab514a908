/**
 * QR family self-registration (扫码登记): registration codes bound to a place, the
 * families' submissions with every version kept (随时补录: nothing is overwritten),
 * and per-area day counters for the command center. Exposure categories gain the
 * criteria (places, window, contact) that let a resident's answers propose them.
 */
import { type Kysely, sql } from 'kysely';
import { CRITERIA_2020 } from '../../../domain/self-registration.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE health_categories ADD COLUMN criteria jsonb CHECK (criteria IS NULL OR criteria->>'kind' IN ('travel', 'contact'))`.execute(
    db,
  );
  for (const [key, criteria] of Object.entries(CRITERIA_2020)) {
    await sql`UPDATE health_categories SET criteria = ${JSON.stringify(criteria)}::jsonb WHERE key = ${key}`.execute(
      db,
    );
  }

  await sql`
    CREATE TABLE reg_codes (
      id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      district_id       bigint NOT NULL,
      area_id           bigint NOT NULL REFERENCES areas(id),
      area_path         text NOT NULL,
      courtyard_id      uuid REFERENCES courtyards(id),
      token             text NOT NULL UNIQUE CHECK (token ~ '^[A-Za-z0-9_-]{22,64}$'),
      purpose           text NOT NULL CHECK (purpose IN ('resident', 'rental', 'checkpoint', 'enterprise')),
      responsible_name  text NOT NULL CHECK (length(btrim(responsible_name)) BETWEEN 1 AND 30),
      responsible_phone text NOT NULL CHECK (responsible_phone ~ '^(1[3-9][0-9]{9}|0[0-9]{2,3}-[0-9]{7,8})$'),
      note              text CHECK (length(note) <= 200),
      ask_everyone      boolean NOT NULL DEFAULT false,
      status            text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'revoked')),
      status_reason     text,
      expires_at        timestamptz NOT NULL,
      created_by        uuid NOT NULL REFERENCES users(id),
      created_at        timestamptz NOT NULL,
      updated_at        timestamptz NOT NULL
    )`.execute(db);
  await sql`CREATE INDEX reg_codes_scope ON reg_codes (area_path text_pattern_ops, created_at DESC)`.execute(db);

  await sql`
    CREATE TABLE reg_submissions (
      id                   uuid PRIMARY KEY,
      district_id          bigint NOT NULL,
      code_id              uuid NOT NULL REFERENCES reg_codes(id),
      area_id              bigint NOT NULL REFERENCES areas(id),
      area_path            text NOT NULL,
      courtyard_id         uuid REFERENCES courtyards(id),
      dwelling_id          uuid REFERENCES dwellings(id),
      address              text CHECK (length(address) <= 200),
      edit_token_hash      text NOT NULL UNIQUE,
      family_code          text NOT NULL CHECK (family_code ~ '^[2-9A-HJKMNP-Z]{8}$'),
      phones               text[] NOT NULL,
      head_name            text NOT NULL,
      version              integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      status               text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'accepted', 'rejected')),
      members              smallint NOT NULL CHECK (members BETWEEN 1 AND 20),
      category_members     smallint NOT NULL DEFAULT 0,
      fever_members        smallint NOT NULL DEFAULT 0,
      conflict_members     smallint NOT NULL DEFAULT 0,
      changed_after_review boolean NOT NULL DEFAULT false,
      household_id         uuid REFERENCES households(id),
      persons              jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(persons) = 'object'),
      reviewed_version     integer,
      reviewed_by          uuid REFERENCES users(id),
      reviewed_at          timestamptz,
      decision_reason      text,
      submitted_at         timestamptz NOT NULL,
      updated_at           timestamptz NOT NULL,
      UNIQUE (district_id, family_code),
      CONSTRAINT reg_submissions_where CHECK (dwelling_id IS NOT NULL OR address IS NOT NULL),
      CONSTRAINT reg_submissions_reason CHECK (status <> 'rejected' OR decision_reason IS NOT NULL)
    )`.execute(db);
  // The review queue: open submissions of an area, oldest first.
  await sql`CREATE INDEX reg_submissions_queue ON reg_submissions (area_path text_pattern_ops, submitted_at) WHERE status = 'new'`.execute(
    db,
  );
  await sql`CREATE INDEX reg_submissions_scope ON reg_submissions (area_path text_pattern_ops, updated_at DESC)`.execute(
    db,
  );
  await sql`CREATE INDEX reg_submissions_code ON reg_submissions (code_id, submitted_at DESC)`.execute(db);

  await sql`
    CREATE TABLE reg_versions (
      id            uuid PRIMARY KEY,
      district_id   bigint NOT NULL,
      submission_id uuid NOT NULL REFERENCES reg_submissions(id),
      no            integer NOT NULL CHECK (no >= 1),
      form          jsonb NOT NULL,
      exposures     jsonb NOT NULL,
      matches       jsonb NOT NULL,
      channel       text NOT NULL CHECK (channel IN ('self', 'recovered')),
      created_at    timestamptz NOT NULL,
      UNIQUE (submission_id, no)
    )`.execute(db);

  // Per area (grid; the code's area while the dwelling is unknown) and day.
  await sql`
    CREATE TABLE reg_day_counters (
      area_id bigint NOT NULL REFERENCES areas(id),
      day     date NOT NULL,
      metric  text NOT NULL CHECK (metric IN ('submissions', 'persons', 'proposed', 'reviewed', 'accepted_persons', 'edits')),
      value   bigint NOT NULL DEFAULT 0,
      PRIMARY KEY (area_id, day, metric)
    )`.execute(db);
  await sql`CREATE INDEX reg_day_counters_day ON reg_day_counters (day)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE reg_day_counters, reg_versions, reg_submissions, reg_codes`.execute(db);
  await sql`ALTER TABLE health_categories DROP COLUMN criteria`.execute(db);
}
