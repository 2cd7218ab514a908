/**
 * Every large table can be distributed by district on Citus (issue 13; db/layout.ts,
 * docs/SCALING.md), and is unchanged in meaning on one PostgreSQL:
 *  - the tables that had no district key get one, read from their parent row;
 *  - audit rows written before a district was known (a sign-in attempt for an unknown
 *    name) carry district 0, "the platform", instead of none;
 *  - every primary, unique and foreign key between distributed tables leads with
 *    district_id (parts/distributable-keys.ts), identity columns become sequences;
 *  - the triggers that stay name their district (parts/distributable-triggers.ts,
 *    parts/distributable-counters.ts); writers name the district of every row;
 *  - a public token (registration code, check-in link, edit link) resolves to its
 *    district in one lookup of `public_tokens`, kept on the coordinator.
 */
import { type Kysely, sql } from 'kysely';
import { registryCountersByDistrict } from './parts/distributable-counters.js';
import { DISTRICT_FROM, rekey } from './parts/distributable-keys.js';
import { rewriteTriggers } from './parts/distributable-triggers.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [table, fill] of DISTRICT_FROM) {
    await sql.raw(`ALTER TABLE ${table} ADD COLUMN district_id bigint`).execute(db);
    await sql.raw(fill).execute(db);
    await sql.raw(`ALTER TABLE ${table} ALTER COLUMN district_id SET NOT NULL`).execute(db);
  }
  // The one change to written audit rows: "no district" becomes district 0.
  await sql`ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update`.execute(db);
  await sql`UPDATE audit_log SET district_id = 0 WHERE district_id IS NULL`.execute(db);
  await sql`ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update`.execute(db);
  await sql`ALTER TABLE audit_log ALTER COLUMN district_id SET NOT NULL`.execute(db);
  await sql`ALTER TABLE audit_log ADD CONSTRAINT audit_log_district CHECK (district_id >= 0)`.execute(db);

  await rekey(db);
  await rewriteTriggers(db);
  await registryCountersByDistrict(db);

  await sql`
    CREATE TABLE public_tokens (
      token_hash  text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
      kind        text NOT NULL CHECK (kind IN ('reg_code', 'checkin_link', 'reg_edit')),
      district_id bigint NOT NULL
    )`.execute(db);
  await sql`
    INSERT INTO public_tokens (token_hash, kind, district_id)
    SELECT token_hash, 'reg_code', district_id FROM reg_codes
    UNION ALL SELECT token_hash, 'checkin_link', district_id FROM health_checkin_links
    UNION ALL SELECT edit_token_hash, 'reg_edit', district_id FROM reg_submissions`.execute(db);
}

export function down(): Promise<void> {
  return Promise.reject(
    new Error('2026-12-03T1000-distributable cannot be undone; restore the backup taken before it'),
  );
}
