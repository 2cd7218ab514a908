/**
 * Public tokens (a registration code's, a check-in link's, a family's edit link) resolve
 * to their district in one indexed lookup, before the record itself is read: on Citus
 * `public_tokens` lives on the coordinator and the record's query then names its district,
 * so a public request touches one shard (db/layout.ts, docs/SCALING.md). Only the token's
 * SHA-256 is kept, as on the record.
 */
import { sql } from 'kysely';
import type { Database } from '../db/connection.js';

export type PublicTokenKind = 'reg_code' | 'checkin_link' | 'reg_edit';

/** Records the district of a token written in the same transaction as its record. */
export async function recordPublicToken(
  db: Database,
  kind: PublicTokenKind,
  tokenHash: string,
  districtId: string,
): Promise<void> {
  await db
    .insertInto('public_tokens')
    .values({ token_hash: tokenHash, kind, district_id: districtId })
    .onConflict((oc) => oc.column('token_hash').doNothing())
    .execute();
}

/** A token that no longer opens anything (an edit link replaced by a new one). */
export async function forgetPublicToken(db: Database, tokenHash: string): Promise<void> {
  await db.deleteFrom('public_tokens').where('token_hash', '=', tokenHash).execute();
}

/** The district a token belongs to, or null for a token nobody issued. */
export async function districtOfToken(db: Database, kind: PublicTokenKind, tokenHash: string): Promise<string | null> {
  const row = await sql<{ district_id: string }>`
    SELECT district_id FROM public_tokens WHERE token_hash = ${tokenHash} AND kind = ${kind}`.execute(db);
  return row.rows[0]?.district_id ?? null;
}
