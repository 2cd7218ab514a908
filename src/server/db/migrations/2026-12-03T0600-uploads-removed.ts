/**
 * Uploaded ledgers hold full ID numbers: the file is deleted when its import has ended
 * or its retention passed (imports/purge.ts), and the row says when (removed_at).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE uploads ADD COLUMN removed_at timestamptz`.execute(db);
  await sql`CREATE INDEX uploads_kept ON uploads (created_at) WHERE removed_at IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS uploads_kept`.execute(db);
  await sql`ALTER TABLE uploads DROP COLUMN IF EXISTS removed_at`.execute(db);
}
