/**
 * The Citus layout catalogue (db/layout.ts) against the schema the migrations build:
 * every table is placed, and a distributed table carries its distribution column in
 * every key. What the schema does not meet yet is listed in PENDING (issue 13): each
 * entry is asserted to still hold, so the entry goes when its table is fixed.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { DISTRIBUTION_COLUMN, LAYOUT, tablesOf } from './layout.js';

const t = await testApp({ seed: false });

/** Distributed tables whose `district_id` is missing or nullable today. */
const PENDING_COLUMN: string[] = [
  'alert_recipients',
  'area_counters',
  'audit_log',
  'buildings',
  'courtyard_contacts',
  'courtyard_counters',
  'health_day_counters',
  'isolation_rooms',
  'reg_day_counters',
  'units',
];
/** Keys (primary, unique, exclusion) of distributed tables without `district_id` today. */
const PENDING_KEYS: string[] = [
  'alert_recipients.alert_recipients_pkey',
  'alerts.alerts_dedup_key_key',
  'alerts.alerts_pkey',
  'area_counters.area_counters_pkey',
  'audit_log.audit_log_pkey',
  'buildings.buildings_courtyard_id_label_key',
  'buildings.buildings_pkey',
  'courtyard_contacts.courtyard_contacts_pkey',
  'courtyard_counters.courtyard_counters_pkey',
  'courtyards.courtyards_name_in_grid',
  'courtyards.courtyards_pkey',
  'daily_reports.daily_reports_community_id_day_key',
  'daily_reports.daily_reports_pkey',
  'dwellings.dwellings_address',
  'dwellings.dwellings_pkey',
  'health_checkin_links.health_checkin_links_pkey',
  'health_checkin_links.health_checkin_links_token_hash_key',
  'health_checkins.health_checkins_pkey',
  'health_day_counters.health_day_counters_pkey',
  'health_events.health_events_pkey',
  'health_measures.health_measures_active',
  'health_measures.health_measures_bed_taken',
  'health_measures.health_measures_pkey',
  'health_person_categories.health_person_categories_current',
  'health_person_categories.health_person_categories_pkey',
  'health_profiles.health_profiles_pkey',
  'household_members.household_members_current',
  'household_members.household_members_one_head',
  'household_members.household_members_pkey',
  'households.households_pkey',
  'isolation_rooms.isolation_rooms_pkey',
  'isolation_rooms.isolation_rooms_site_id_label_key',
  'isolation_sites.isolation_sites_pkey',
  'nucleic_tests.nucleic_tests_pkey',
  'occupancies.occupancies_current',
  'occupancies.occupancies_pkey',
  'person_transfers.person_transfers_open',
  'person_transfers.person_transfers_pkey',
  'persons.persons_pkey',
  'record_versions.record_versions_pkey',
  'reg_codes.reg_codes_pkey',
  'reg_codes.reg_codes_token_hash_key',
  'reg_day_counters.reg_day_counters_pkey',
  'reg_submissions.reg_submissions_edit_token_hash_key',
  'reg_submissions.reg_submissions_pkey',
  'reg_versions.reg_versions_pkey',
  'reg_versions.reg_versions_submission_id_no_key',
  'units.units_building_id_label_key',
  'units.units_pkey',
];

/** Foreign keys between distributed tables not on district_id, or from a distributed table to a local one, today. */
const PENDING_FOREIGN_KEYS: string[] = [
  'alert_recipients.alert_recipients_alert_id_fkey',
  'alerts.alerts_person_id_fkey',
  'buildings.buildings_courtyard_id_fkey',
  'courtyard_contacts.courtyard_contacts_building_id_fkey',
  'courtyard_contacts.courtyard_contacts_courtyard_id_fkey',
  'courtyard_counters.courtyard_counters_courtyard_id_fkey',
  'dwellings.dwellings_building_id_fkey',
  'dwellings.dwellings_courtyard_id_fkey',
  'dwellings.dwellings_unit_id_fkey',
  'health_checkin_links.health_checkin_links_person_id_fkey',
  'health_checkins.health_checkins_person_id_fkey',
  'health_checkins.health_checkins_reporter_person_fkey',
  'health_events.health_events_person_id_fkey',
  'health_measures.health_measures_person_id_fkey',
  'health_measures.health_measures_previous_id_fkey',
  'health_measures.health_measures_room_id_fkey',
  'health_measures.health_measures_site_id_fkey',
  'health_person_categories.health_person_categories_person_id_fkey',
  'health_profiles.health_profiles_person_id_fkey',
  'household_members.household_members_household_id_fkey',
  'household_members.household_members_person_id_fkey',
  'isolation_rooms.isolation_rooms_site_id_fkey',
  'nucleic_tests.nucleic_tests_person_id_fkey',
  'occupancies.occupancies_courtyard_id_fkey',
  'occupancies.occupancies_dwelling_id_fkey',
  'occupancies.occupancies_household_id_fkey',
  'person_transfers.person_transfers_person_id_fkey',
  'persons.persons_merged_into_fkey',
  'reg_codes.reg_codes_courtyard_id_fkey',
  'reg_submissions.reg_submissions_code_id_fkey',
  'reg_submissions.reg_submissions_courtyard_id_fkey',
  'reg_submissions.reg_submissions_dwelling_id_fkey',
  'reg_submissions.reg_submissions_household_id_fkey',
  'reg_versions.reg_versions_submission_id_fkey',
  'units.units_building_id_fkey',
];

/** Identity columns of distributed tables, today. */
const PENDING_IDENTITY: string[] = [
  'audit_log.id',
  'health_events.id',
  'health_person_categories.id',
  'record_versions.id',
];

/**
 * Triggers on reference and distributed tables, today. Counters, derived columns and
 * NOTIFY move into the writing code; a guard that only raises (audit_log's append-only
 * triggers) may stay once it is shown to run on the shards.
 */
const PENDING_TRIGGERS: string[] = [
  'areas.areas_count',
  'areas.areas_derive',
  'areas.areas_notify',
  'audit_log.audit_log_no_truncate',
  'audit_log.audit_log_no_update',
  'courtyards.courtyards_count_delete',
  'courtyards.courtyards_count_insert',
  'courtyards.courtyards_count_update',
  'courtyards.courtyards_place',
  'dwellings.dwellings_count_delete',
  'dwellings.dwellings_count_insert',
  'dwellings.dwellings_count_update',
  'dwellings.dwellings_place',
  'dwellings.dwellings_sort_key',
  'health_checkins.health_checkins_count',
  'health_measures.health_measures_capacity',
  'health_measures.health_measures_count',
  'health_measures.health_measures_place',
  'health_profiles.health_profiles_place',
  'households.households_place',
  'isolation_sites.isolation_sites_place',
  'occupancies.occupancies_count_delete',
  'occupancies.occupancies_count_insert',
  'occupancies.occupancies_count_update',
  'occupancies.occupancies_place',
  'persons.persons_count_delete',
  'persons.persons_count_insert',
  'persons.persons_count_update',
  'persons.persons_health_follow',
  'persons.persons_place',
  'users.users_count',
  'users.users_derive',
];

async function tables(): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND c.relname NOT LIKE 'kysely_%'
    ORDER BY 1`.execute(t.db);
  return rows.map((r) => r.name);
}

describe('the layout catalogue', () => {
  it('places every table of the schema, and lists no table the schema lacks', async () => {
    const inDatabase = await tables();
    expect(inDatabase.filter((name) => !(name in LAYOUT))).toEqual([]);
    expect(Object.keys(LAYOUT).filter((name) => !inDatabase.includes(name))).toEqual([]);
  });

  it('gives every distributed table a NOT NULL district_id (but those PENDING)', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = ANY(${tablesOf('distributed')})
        AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = ${DISTRIBUTION_COLUMN}
                        AND a.attnotnull AND NOT a.attisdropped)
      ORDER BY 1`.execute(t.db);
    expect(rows.map((r) => r.name)).toEqual(PENDING_COLUMN);
  });

  it('leads no key of a distributed table without district_id (but those PENDING)', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname || '.' || k.conname AS name
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = ANY(${tablesOf('distributed')}) AND k.contype IN ('p', 'u', 'x')
        AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum = ANY(k.conkey)
                        AND a.attname = ${DISTRIBUTION_COLUMN})
      UNION
      SELECT c.relname || '.' || i.relname
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = ANY(${tablesOf('distributed')}) AND x.indisunique
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
        AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum = ANY(x.indkey::int2[])
                        AND a.attname = ${DISTRIBUTION_COLUMN})
      ORDER BY 1`.execute(t.db);
    expect(rows.map((r) => r.name)).toEqual(PENDING_KEYS);
  });

  it('joins distributed tables by foreign keys on district_id, and points at no local table from them (but those PENDING)', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname || '.' || k.conname AS name
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND k.contype = 'f' AND c.relname = ANY(${tablesOf('distributed')})
        AND (r.relname = ANY(${tablesOf('local')})
             OR (r.relname = ANY(${tablesOf('distributed')})
                 AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum = ANY(k.conkey)
                                 AND a.attname = ${DISTRIBUTION_COLUMN})))
      ORDER BY 1`.execute(t.db);
    expect(rows.map((r) => r.name)).toEqual(PENDING_FOREIGN_KEYS);
  });

  it('gives no distributed table an identity column (but those PENDING)', async () => {
    // Citus refuses to distribute a table with an identity column ("cannot complete
    // operation on a table with identity column"): ids there are UUIDs or come from a
    // sequence-free rule.
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname || '.' || a.attname AS name
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = ANY(${tablesOf('distributed')}) AND a.attidentity <> ''
        AND NOT a.attisdropped
      ORDER BY 1`.execute(t.db);
    expect(rows.map((r) => r.name)).toEqual(PENDING_IDENTITY);
  });

  it('puts no trigger on a reference or distributed table (but those PENDING)', async () => {
    // On Citus a trigger runs on the shard (or on every copy of a reference table): one
    // that reads or writes other tables, sends NOTIFY or keeps a counter breaks there.
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname || '.' || g.tgname AS name
      FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT g.tgisinternal
        AND c.relname = ANY(${[...tablesOf('distributed'), ...tablesOf('reference')]})
      ORDER BY 1`.execute(t.db);
    expect(rows.map((r) => r.name)).toEqual(PENDING_TRIGGERS);
  });

  it('says why each table is where it is', () => {
    for (const [name, p] of Object.entries(LAYOUT)) expect(p.why.length, name).toBeGreaterThan(10);
  });
});
