/**
 * Registration-code tokens were stored as they are: a copy of the database opened every
 * posted code. Only their SHA-256 is kept now (as for check-in links and edit links), and
 * new tokens are derived from the code's id under a server secret so the console can still
 * print a code again (modules/self-registration/codes/tokens.ts). The existing tokens are
 * hashed here the way the server hashes a token it is given, so every poster already on a
 * wall keeps working; those codes cannot be printed again (the console says so).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE reg_codes ADD COLUMN token_hash text`.execute(db);
  await sql`UPDATE reg_codes SET token_hash = encode(sha256(convert_to(token, 'UTF8')), 'hex')`.execute(db);
  await sql`ALTER TABLE reg_codes ALTER COLUMN token_hash SET NOT NULL`.execute(db);
  await sql`ALTER TABLE reg_codes ADD CONSTRAINT reg_codes_token_hash_key UNIQUE (token_hash)`.execute(db);
  await sql`ALTER TABLE reg_codes ADD CONSTRAINT reg_codes_token_hash_hex CHECK (token_hash ~ '^[0-9a-f]{64}$')`.execute(
    db,
  );
  await sql`ALTER TABLE reg_codes DROP COLUMN token`.execute(db);
}

/**
 * The plaintext tokens are gone for good: going back gives every code a new random token,
 * so every printed poster stops working.
 */
export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`ALTER TABLE reg_codes ADD COLUMN token text`.execute(db);
  await sql`UPDATE reg_codes SET token = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`.execute(
    db,
  );
  await sql`ALTER TABLE reg_codes ALTER COLUMN token SET NOT NULL`.execute(db);
  await sql`ALTER TABLE reg_codes ADD CONSTRAINT reg_codes_token_key UNIQUE (token)`.execute(db);
  await sql`ALTER TABLE reg_codes ADD CONSTRAINT reg_codes_token_check CHECK (token ~ '^[A-Za-z0-9_-]{22,64}$')`.execute(
    db,
  );
  await sql`ALTER TABLE reg_codes DROP COLUMN token_hash`.execute(db);
}
