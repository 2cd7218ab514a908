/**
 * Failed sign-ins are counted per (claimed username, client address), not per account
 * (issue 12): an address that fails too often for one name is paused for that name,
 * whether the name is an account's or not, and the account stays usable from elsewhere.
 * The account-wide count and lock (`users.failed_logins`, `locked_until`) go: they
 * told strangers which names exist and let them lock staff out.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE sign_in_failures (
      username       text NOT NULL,
      ip             inet NOT NULL,
      district_id    bigint REFERENCES areas(id),
      failures       integer NOT NULL CHECK (failures >= 0),
      window_from    timestamptz NOT NULL,
      last_failed_at timestamptz NOT NULL,
      paused_until   timestamptz,
      PRIMARY KEY (username, ip)
    )`.execute(db);
  await sql`CREATE INDEX sign_in_failures_last ON sign_in_failures (last_failed_at)`.execute(db);
  await sql`ALTER TABLE users DROP COLUMN failed_logins, DROP COLUMN locked_until`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE users ADD COLUMN failed_logins integer NOT NULL DEFAULT 0, ADD COLUMN locked_until timestamptz`.execute(
    db,
  );
  await sql`DROP TABLE IF EXISTS sign_in_failures`.execute(db);
}
