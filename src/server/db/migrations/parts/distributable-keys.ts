/**
 * Part of migration 2026-12-03T1000-distributable: the keys of the distributed tables,
 * each led by district_id (Citus refuses a primary, unique or foreign key between
 * distributed tables that does not carry the distribution column; leading with it keeps
 * a district's rows together in every index).
 */
import { type Kysely, sql } from 'kysely';

/** Tables that had no district key: where to read it from (a parent row). */
export const DISTRICT_FROM: [table: string, from: string][] = [
  ['buildings', 'UPDATE buildings x SET district_id = p.district_id FROM courtyards p WHERE p.id = x.courtyard_id'],
  ['units', 'UPDATE units x SET district_id = p.district_id FROM buildings p WHERE p.id = x.building_id'],
  [
    'courtyard_contacts',
    'UPDATE courtyard_contacts x SET district_id = p.district_id FROM courtyards p WHERE p.id = x.courtyard_id',
  ],
  [
    'courtyard_counters',
    'UPDATE courtyard_counters x SET district_id = p.district_id FROM courtyards p WHERE p.id = x.courtyard_id',
  ],
  [
    'isolation_rooms',
    'UPDATE isolation_rooms x SET district_id = p.district_id FROM isolation_sites p WHERE p.id = x.site_id',
  ],
  [
    'alert_recipients',
    'UPDATE alert_recipients x SET district_id = p.district_id FROM alerts p WHERE p.id = x.alert_id',
  ],
  ['area_counters', 'UPDATE area_counters x SET district_id = p.district_id FROM areas p WHERE p.id = x.area_id'],
  [
    'health_day_counters',
    'UPDATE health_day_counters x SET district_id = p.district_id FROM areas p WHERE p.id = x.area_id',
  ],
  ['reg_day_counters', 'UPDATE reg_day_counters x SET district_id = p.district_id FROM areas p WHERE p.id = x.area_id'],
];

/** Primary keys: the old key's columns after district_id. */
export const PRIMARY_KEYS: Record<string, string> = {
  alert_recipients: 'user_id, alert_id',
  alerts: 'id',
  area_counters: 'area_id, metric',
  audit_log: 'id',
  buildings: 'id',
  courtyard_contacts: 'id',
  courtyard_counters: 'courtyard_id, metric',
  courtyards: 'id',
  daily_reports: 'id',
  dwellings: 'id',
  health_checkin_links: 'id',
  health_checkins: 'person_id, day',
  health_day_counters: 'area_id, day, metric',
  health_events: 'id',
  health_measures: 'id',
  health_person_categories: 'id',
  health_profiles: 'person_id',
  household_members: 'id',
  households: 'id',
  isolation_rooms: 'id',
  isolation_sites: 'id',
  nucleic_tests: 'id',
  occupancies: 'id',
  person_transfers: 'id',
  persons: 'id',
  record_versions: 'id',
  reg_codes: 'id',
  reg_day_counters: 'area_id, day, metric',
  reg_submissions: 'id',
  reg_versions: 'id',
  units: 'id',
};

/** Unique constraints (dropped by their old name, added under the same name). */
export const UNIQUE_CONSTRAINTS: [table: string, name: string, columns: string][] = [
  ['alerts', 'alerts_dedup_key_key', 'dedup_key'],
  ['buildings', 'buildings_courtyard_id_label_key', 'courtyard_id, label'],
  ['daily_reports', 'daily_reports_community_id_day_key', 'community_id, day'],
  ['health_checkin_links', 'health_checkin_links_token_hash_key', 'token_hash'],
  ['isolation_rooms', 'isolation_rooms_site_id_label_key', 'site_id, label'],
  ['reg_codes', 'reg_codes_token_hash_key', 'token_hash'],
  ['reg_submissions', 'reg_submissions_edit_token_hash_key', 'edit_token_hash'],
  ['reg_versions', 'reg_versions_submission_id_no_key', 'submission_id, no'],
  ['units', 'units_building_id_label_key', 'building_id, label'],
];

/** Unique indexes (partial or on expressions), re-created with district_id first. */
export const UNIQUE_INDEXES: [name: string, table: string, columns: string, where: string][] = [
  ['courtyards_name_in_grid', 'courtyards', 'grid_id, name', 'retired_at IS NULL'],
  [
    'dwellings_address',
    'dwellings',
    `courtyard_id, coalesce(building_id, '00000000-0000-0000-0000-000000000000'::uuid),
     coalesce(unit_id, '00000000-0000-0000-0000-000000000000'::uuid), room`,
    'retired_at IS NULL',
  ],
  ['household_members_current', 'household_members', 'person_id', 'end_date IS NULL'],
  ['household_members_one_head', 'household_members', 'household_id', "end_date IS NULL AND relationship = 'head'"],
  ['occupancies_current', 'occupancies', 'household_id', 'end_date IS NULL'],
  ['person_transfers_open', 'person_transfers', 'person_id', "status = 'pending'"],
  ['health_person_categories_current', 'health_person_categories', 'person_id, category_key', 'until_day IS NULL'],
  ['health_measures_active', 'health_measures', 'person_id', 'actual_end IS NULL'],
  ['health_measures_bed_taken', 'health_measures', 'site_id, bed', 'actual_end IS NULL AND bed IS NOT NULL'],
];

/** Foreign keys between distributed tables: [table, name, columns, referenced table, its columns, action]. */
export const FOREIGN_KEYS: [table: string, name: string, columns: string, ref: string, refColumns: string][] = [
  ['alert_recipients', 'alert_recipients_alert_id_fkey', 'alert_id', 'alerts', 'id'],
  ['alerts', 'alerts_person_id_fkey', 'person_id', 'persons', 'id'],
  ['buildings', 'buildings_courtyard_id_fkey', 'courtyard_id', 'courtyards', 'id'],
  ['courtyard_contacts', 'courtyard_contacts_building_id_fkey', 'building_id', 'buildings', 'id'],
  ['courtyard_contacts', 'courtyard_contacts_courtyard_id_fkey', 'courtyard_id', 'courtyards', 'id'],
  ['courtyard_counters', 'courtyard_counters_courtyard_id_fkey', 'courtyard_id', 'courtyards', 'id'],
  ['dwellings', 'dwellings_building_id_fkey', 'building_id', 'buildings', 'id'],
  ['dwellings', 'dwellings_courtyard_id_fkey', 'courtyard_id', 'courtyards', 'id'],
  ['dwellings', 'dwellings_unit_id_fkey', 'unit_id', 'units', 'id'],
  ['health_checkin_links', 'health_checkin_links_person_id_fkey', 'person_id', 'persons', 'id'],
  ['health_checkins', 'health_checkins_person_id_fkey', 'person_id', 'persons', 'id'],
  ['health_checkins', 'health_checkins_reporter_person_fkey', 'reporter_person', 'persons', 'id'],
  ['health_events', 'health_events_person_id_fkey', 'person_id', 'persons', 'id'],
  ['health_measures', 'health_measures_person_id_fkey', 'person_id', 'persons', 'id'],
  ['health_measures', 'health_measures_previous_id_fkey', 'previous_id', 'health_measures', 'id'],
  ['health_measures', 'health_measures_room_id_fkey', 'room_id', 'isolation_rooms', 'id'],
  ['health_measures', 'health_measures_site_id_fkey', 'site_id', 'isolation_sites', 'id'],
  ['health_person_categories', 'health_person_categories_person_id_fkey', 'person_id', 'persons', 'id'],
  ['health_profiles', 'health_profiles_person_id_fkey', 'person_id', 'persons', 'id'],
  ['household_members', 'household_members_household_id_fkey', 'household_id', 'households', 'id'],
  ['household_members', 'household_members_person_id_fkey', 'person_id', 'persons', 'id'],
  ['isolation_rooms', 'isolation_rooms_site_id_fkey', 'site_id', 'isolation_sites', 'id'],
  ['nucleic_tests', 'nucleic_tests_person_id_fkey', 'person_id', 'persons', 'id'],
  ['occupancies', 'occupancies_courtyard_id_fkey', 'courtyard_id', 'courtyards', 'id'],
  ['occupancies', 'occupancies_dwelling_id_fkey', 'dwelling_id', 'dwellings', 'id'],
  ['occupancies', 'occupancies_household_id_fkey', 'household_id', 'households', 'id'],
  ['person_transfers', 'person_transfers_person_id_fkey', 'person_id', 'persons', 'id'],
  ['persons', 'persons_merged_into_fkey', 'merged_into', 'persons', 'id'],
  ['reg_codes', 'reg_codes_courtyard_id_fkey', 'courtyard_id', 'courtyards', 'id'],
  ['reg_submissions', 'reg_submissions_code_id_fkey', 'code_id', 'reg_codes', 'id'],
  ['reg_submissions', 'reg_submissions_courtyard_id_fkey', 'courtyard_id', 'courtyards', 'id'],
  ['reg_submissions', 'reg_submissions_dwelling_id_fkey', 'dwelling_id', 'dwellings', 'id'],
  ['reg_submissions', 'reg_submissions_household_id_fkey', 'household_id', 'households', 'id'],
  ['reg_versions', 'reg_versions_submission_id_fkey', 'submission_id', 'reg_submissions', 'id'],
  ['units', 'units_building_id_fkey', 'building_id', 'buildings', 'id'],
];

/** Foreign keys that delete with their parent. */
const CASCADE = new Set(['alert_recipients_alert_id_fkey']);

/** Identity columns become sequence defaults (Citus refuses identity columns on distributed tables). */
export const IDENTITIES = ['audit_log', 'health_events', 'health_person_categories', 'record_versions'];

const run = (db: Kysely<unknown>, text: string) => sql.raw(text).execute(db);

/** Re-keys every distributed table on district_id. */
export async function rekey(db: Kysely<unknown>): Promise<void> {
  for (const [table, name] of FOREIGN_KEYS) await run(db, `ALTER TABLE ${table} DROP CONSTRAINT ${name}`);
  for (const [table, name] of UNIQUE_CONSTRAINTS) await run(db, `ALTER TABLE ${table} DROP CONSTRAINT ${name}`);
  for (const [name] of UNIQUE_INDEXES) await run(db, `DROP INDEX ${name}`);
  for (const [table, columns] of Object.entries(PRIMARY_KEYS)) {
    await run(db, `ALTER TABLE ${table} DROP CONSTRAINT ${table}_pkey`);
    await run(db, `ALTER TABLE ${table} ADD CONSTRAINT ${table}_pkey PRIMARY KEY (district_id, ${columns})`);
  }
  for (const [table, name, columns] of UNIQUE_CONSTRAINTS)
    await run(db, `ALTER TABLE ${table} ADD CONSTRAINT ${name} UNIQUE (district_id, ${columns})`);
  for (const [name, table, columns, where] of UNIQUE_INDEXES)
    await run(db, `CREATE UNIQUE INDEX ${name} ON ${table} (district_id, ${columns}) WHERE ${where}`);
  for (const [table, name, columns, ref, refColumns] of FOREIGN_KEYS) {
    const action = CASCADE.has(name) ? ' ON DELETE CASCADE' : '';
    await run(
      db,
      `ALTER TABLE ${table} ADD CONSTRAINT ${name} FOREIGN KEY (district_id, ${columns}) REFERENCES ${ref} (district_id, ${refColumns})${action}`,
    );
  }
  for (const table of IDENTITIES) {
    await run(db, `ALTER TABLE ${table} ALTER COLUMN id DROP IDENTITY`);
    await run(db, `CREATE SEQUENCE ${table}_id_seq AS bigint OWNED BY ${table}.id`);
    await run(db, `SELECT setval('${table}_id_seq', coalesce((SELECT max(id) FROM ${table}), 0) + 1, false)`);
    await run(db, `ALTER TABLE ${table} ALTER COLUMN id SET DEFAULT nextval('${table}_id_seq')`);
  }
}
