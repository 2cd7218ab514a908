/**
 * What a district configures is the district's own: the exposure categories, the rule
 * table and the health datasets' retention carry the district key (issue 12). The rows
 * that stood for everyone are given to the first district and copied to every other;
 * measures of the other districts point at their own copies of the rules they used.
 * A district bootstrapped later gets the defaults from db/district-defaults.ts.
 * A document number is unique per district, no longer across the database.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TEMP TABLE config_districts AS SELECT id FROM areas WHERE level = 'district'`.execute(db);
  await sql`CREATE TEMP TABLE config_first AS SELECT min(id) AS id FROM config_districts`.execute(db);

  // Categories: keyed by (district, key); a person's category points into its district's list.
  await sql`ALTER TABLE health_person_categories DROP CONSTRAINT health_person_categories_category_key_fkey`.execute(
    db,
  );
  await sql`ALTER TABLE health_categories ADD COLUMN district_id bigint REFERENCES areas(id)`.execute(db);
  await sql`ALTER TABLE health_categories DROP CONSTRAINT health_categories_pkey`.execute(db);
  await sql`UPDATE health_categories SET district_id = (SELECT id FROM config_first)`.execute(db);
  await sql`
    INSERT INTO health_categories (district_id, key, label, effective_from, effective_until, criteria)
    SELECT d.id, k.key, k.label, k.effective_from, k.effective_until, k.criteria
    FROM health_categories k CROSS JOIN config_districts d
    WHERE d.id <> k.district_id`.execute(db);
  await sql`DELETE FROM health_categories WHERE district_id IS NULL`.execute(db);
  await sql`ALTER TABLE health_categories ALTER COLUMN district_id SET NOT NULL`.execute(db);
  await sql`ALTER TABLE health_categories ADD PRIMARY KEY (district_id, key)`.execute(db);
  await sql`
    ALTER TABLE health_person_categories ADD CONSTRAINT health_person_categories_category
    FOREIGN KEY (district_id, category_key) REFERENCES health_categories (district_id, key)`.execute(db);

  // Rules: each district its own versions; measures keep pointing at the versions they used.
  await sql`ALTER TABLE health_rules ADD COLUMN district_id bigint REFERENCES areas(id)`.execute(db);
  await sql`ALTER TABLE health_rules DROP CONSTRAINT health_rules_applies_to_effective_from_key`.execute(db);
  await sql`UPDATE health_rules SET district_id = (SELECT id FROM config_first)`.execute(db);
  await sql`
    INSERT INTO health_rules (district_id, applies_to, measure, days, from_last_contact, negative_tests,
                              hours_apart, symptom_free_days, effective_from, note, created_by, created_at)
    SELECT d.id, r.applies_to, r.measure, r.days, r.from_last_contact, r.negative_tests,
           r.hours_apart, r.symptom_free_days, r.effective_from, r.note, r.created_by, r.created_at
    FROM health_rules r CROSS JOIN config_districts d
    WHERE d.id <> r.district_id`.execute(db);
  await sql`
    CREATE TEMP TABLE config_rule_copies AS
    SELECT c.id AS new_id, c.district_id, o.id AS old_id
    FROM health_rules c JOIN health_rules o ON o.applies_to = c.applies_to AND o.effective_from = c.effective_from
    WHERE o.district_id = (SELECT id FROM config_first) AND c.district_id <> o.district_id`.execute(db);
  await sql`
    UPDATE health_measures m SET basis = ARRAY(
      SELECT coalesce(c.new_id, b.id) FROM unnest(m.basis) WITH ORDINALITY AS b(id, n)
      LEFT JOIN config_rule_copies c ON c.old_id = b.id AND c.district_id = m.district_id
      ORDER BY b.n)
    WHERE m.district_id <> (SELECT id FROM config_first)`.execute(db);
  await sql`DELETE FROM health_rules WHERE district_id IS NULL`.execute(db);
  await sql`ALTER TABLE health_rules ALTER COLUMN district_id SET NOT NULL`.execute(db);
  await sql`ALTER TABLE health_rules ADD CONSTRAINT health_rules_version UNIQUE (district_id, applies_to, effective_from)`.execute(
    db,
  );

  // The datasets' retention: each district decides its own.
  await sql`ALTER TABLE health_datasets ADD COLUMN district_id bigint REFERENCES areas(id)`.execute(db);
  await sql`ALTER TABLE health_datasets DROP CONSTRAINT health_datasets_pkey`.execute(db);
  await sql`UPDATE health_datasets SET district_id = (SELECT id FROM config_first)`.execute(db);
  await sql`
    INSERT INTO health_datasets (district_id, key, label, legal_basis, purpose, retention_days, action, updated_by, updated_at)
    SELECT d.id, s.key, s.label, s.legal_basis, s.purpose, s.retention_days, s.action, s.updated_by, s.updated_at
    FROM health_datasets s CROSS JOIN config_districts d
    WHERE d.id <> s.district_id`.execute(db);
  await sql`DELETE FROM health_datasets WHERE district_id IS NULL`.execute(db);
  await sql`ALTER TABLE health_datasets ALTER COLUMN district_id SET NOT NULL`.execute(db);
  await sql`ALTER TABLE health_datasets ADD PRIMARY KEY (district_id, key)`.execute(db);

  // One live record per document in each district.
  await sql`DROP INDEX persons_document`.execute(db);
  await sql`CREATE UNIQUE INDEX persons_document ON persons (district_id, doc_type, doc_number) WHERE merged_into IS NULL`.execute(
    db,
  );
  // The cross-district lookup ("known in another district") reads the document alone.
  await sql`CREATE INDEX persons_document_any ON persons (doc_number) WHERE merged_into IS NULL`.execute(db);
  await sql`DROP TABLE config_rule_copies, config_first, config_districts`.execute(db);
}

export function down(): Promise<void> {
  // Per-district configuration cannot be folded back into one list without losing a
  // district's choices: restore from a backup taken before the upgrade instead.
  return Promise.reject(
    new Error('2026-12-03T0700-district-config cannot be undone; restore the backup taken before it'),
  );
}
