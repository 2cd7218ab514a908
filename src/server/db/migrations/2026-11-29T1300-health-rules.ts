/**
 * Health management, first part: exposure categories and the rule table as data.
 * Rules are versioned by effective date and never updated: a change is a new row,
 * so the table is its own history and past placements keep the rules they had.
 * Seeded with the 2020 Chengdu categories and Longquanyi defaults.
 */
import { type Kysely, sql } from 'kysely';
import { CATEGORIES_2020, RULES_2020 } from '../../../domain/health.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE health_categories (
      key            text PRIMARY KEY CHECK (key ~ '^[a-z][a-z0-9_]{1,39}$'),
      label          text NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 50),
      effective_from date NOT NULL,
      effective_until date,
      CONSTRAINT health_categories_dates CHECK (effective_until IS NULL OR effective_until > effective_from)
    )`.execute(db);
  await sql`
    CREATE TABLE health_rules (
      id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      applies_to         text NOT NULL CHECK (applies_to ~ '^(status:)?[a-z][a-z0-9_]{1,39}$'),
      measure            text NOT NULL CHECK (measure IN ('home_isolation', 'home_medical_observation', 'central_isolation', 'designated_hospital', 'health_monitoring')),
      days               smallint NOT NULL CHECK (days BETWEEN 0 AND 90),
      from_last_contact  boolean NOT NULL DEFAULT false,
      negative_tests     smallint NOT NULL DEFAULT 0 CHECK (negative_tests BETWEEN 0 AND 5),
      hours_apart        smallint NOT NULL DEFAULT 24 CHECK (hours_apart BETWEEN 0 AND 168),
      symptom_free_days  smallint NOT NULL DEFAULT 0 CHECK (symptom_free_days BETWEEN 0 AND 30),
      effective_from     date NOT NULL,
      note               text,
      created_by         uuid REFERENCES users(id),
      created_at         timestamptz NOT NULL DEFAULT now(),
      UNIQUE (applies_to, effective_from)
    )`.execute(db);
  for (const c of CATEGORIES_2020) {
    await sql`INSERT INTO health_categories (key, label, effective_from, effective_until) VALUES (${c.key}, ${c.label}, ${c.from}, ${c.until})`.execute(
      db,
    );
  }
  for (const r of RULES_2020) {
    await sql`
      INSERT INTO health_rules (applies_to, measure, days, from_last_contact, negative_tests, hours_apart, symptom_free_days, effective_from, note)
      VALUES (${r.appliesTo}, ${r.measure}, ${r.days}, ${r.fromLastContact}, ${r.release.negativeTests}, ${r.release.hoursApart}, ${r.release.symptomFreeDays}, ${r.effectiveFrom}, '2020 年龙泉驿区默认规则')`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS health_rules`.execute(db);
  await sql`DROP TABLE IF EXISTS health_categories`.execute(db);
}
