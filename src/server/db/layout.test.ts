/**
 * The Citus layout catalogue (db/layout.ts) against the schema the migrations build:
 * every table is placed; a distributed table carries a NOT NULL district_id that leads
 * every one of its keys and foreign keys; no identity column; and only the triggers
 * listed here, each shown to run on a shard (docs/SCALING.md), sit on shared tables.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { DISTRIBUTION_COLUMN, LAYOUT, tablesOf } from './layout.js';

const t = await testApp({ seed: false });

/**
 * Triggers kept on reference and distributed tables. Each derives its own row's columns,
 * guards (raises), or keeps a counter with single-row upserts, and every query in it names
 * its district, so on Citus it runs on the shard's own node. A new one is reviewed against
 * that rule, then listed here.
 */
const KEPT_TRIGGERS: string[] = [
  'areas.areas_derive',
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

  it('gives every distributed table a NOT NULL district_id', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = ANY(${tablesOf('distributed')})
        AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = ${DISTRIBUTION_COLUMN}
                        AND a.attnotnull AND NOT a.attisdropped)
      ORDER BY 1`.execute(t.db);
    expect(rows.map((r) => r.name)).toEqual([]);
  });

  it('leads every key of a distributed table with district_id', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname || '.' || k.conname AS name
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = ANY(${tablesOf('distributed')}) AND k.contype IN ('p', 'u', 'x')
        AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum = k.conkey[1]
                        AND a.attname = ${DISTRIBUTION_COLUMN})
      UNION
      SELECT c.relname || '.' || i.relname
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = ANY(${tablesOf('distributed')}) AND x.indisunique
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid)
        AND NOT EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum = x.indkey[0]
                        AND a.attname = ${DISTRIBUTION_COLUMN})
      ORDER BY 1`.execute(t.db);
    expect(rows.map((r) => r.name)).toEqual([]);
  });

  it('joins distributed tables by foreign keys led by district_id on both sides, and points at no local table from them', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname || '.' || k.conname AS name
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND k.contype = 'f' AND c.relname = ANY(${tablesOf('distributed')})
        AND (r.relname = ANY(${tablesOf('local')})
             OR (r.relname = ANY(${tablesOf('distributed')})
                 AND NOT (EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum = k.conkey[1]
                                  AND a.attname = ${DISTRIBUTION_COLUMN})
                          AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = r.oid AND a.attnum = k.confkey[1]
                                      AND a.attname = ${DISTRIBUTION_COLUMN}))))
      ORDER BY 1`.execute(t.db);
    expect(rows.map((r) => r.name)).toEqual([]);
  });

  it('gives no distributed table an identity column', async () => {
    // Citus refuses to distribute a table with an identity column ("cannot complete
    // operation on a table with identity column"): ids there are UUIDs or sequence defaults.
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname || '.' || a.attname AS name
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relname = ANY(${tablesOf('distributed')}) AND a.attidentity <> ''
        AND NOT a.attisdropped
      ORDER BY 1`.execute(t.db);
    expect(rows.map((r) => r.name)).toEqual([]);
  });

  it('keeps only the reviewed triggers on reference and distributed tables, none of them sending NOTIFY', async () => {
    // On Citus a trigger runs on the shard (or on every copy of a reference table): one
    // that reads or writes other tables, sends NOTIFY or keeps a counter breaks there.
    const { rows } = await sql<{ name: string }>`
      SELECT c.relname || '.' || g.tgname AS name
      FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND NOT g.tgisinternal
        AND c.relname = ANY(${[...tablesOf('distributed'), ...tablesOf('reference')]})
      ORDER BY 1`.execute(t.db);
    expect(rows.map((r) => r.name)).toEqual(KEPT_TRIGGERS);
    // A NOTIFY in a trigger fails every write on Citus (no NOTIFY in a two-phase commit).
    const notifying = await sql<{ name: string }>`
      SELECT p.proname AS name FROM pg_trigger g JOIN pg_proc p ON p.oid = g.tgfoid
      WHERE NOT g.tgisinternal AND p.prosrc ~* 'notify'`.execute(t.db);
    expect(notifying.rows).toEqual([]);
  });

  it('says why each table is where it is', () => {
    for (const [name, p] of Object.entries(LAYOUT)) expect(p.why.length, name).toBeGreaterThan(10);
  });
});
