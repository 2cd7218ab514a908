/**
 * Every committed change to areas notifies `areas_changed`, so each process can
 * drop its in-memory area directory (NOTIFY is delivered only on commit).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION areas_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('areas_changed', '');
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER areas_notify AFTER INSERT OR UPDATE OR DELETE ON areas FOR EACH STATEMENT EXECUTE FUNCTION areas_notify()`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS areas_notify ON areas`.execute(db);
  await sql`DROP FUNCTION IF EXISTS areas_notify()`.execute(db);
}
