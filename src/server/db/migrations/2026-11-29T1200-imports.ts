/**
 * Ledger imports: uploaded files (kept under DATA_DIR/uploads, described here) and
 * the rows an import refused, with row, column, value and reason for the report.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE uploads (
      id          uuid PRIMARY KEY,
      district_id bigint NOT NULL,
      filename    text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
      kind        text NOT NULL CHECK (kind IN ('csv', 'xlsx')),
      size        bigint NOT NULL CHECK (size > 0),
      path        text NOT NULL,
      created_by  uuid NOT NULL REFERENCES users(id),
      created_at  timestamptz NOT NULL
    )`.execute(db);
  await sql`
    CREATE TABLE import_errors (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      job_id      uuid NOT NULL REFERENCES jobs(id),
      row_no      integer NOT NULL,
      column_name text,
      value       text,
      reason      text NOT NULL,
      severity    text NOT NULL DEFAULT 'error' CHECK (severity IN ('error', 'warning'))
    )`.execute(db);
  await sql`CREATE INDEX import_errors_job ON import_errors (job_id, row_no, id)`.execute(db);
  // Documents an import has taken so far, committed with each batch: a duplicate row
  // is recognised even when its first occurrence was written by a worker that died.
  await sql`
    CREATE TABLE import_seen (
      job_id  uuid NOT NULL REFERENCES jobs(id),
      doc_key text NOT NULL,
      row_no  integer NOT NULL,
      PRIMARY KEY (job_id, doc_key)
    )`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TABLE IF EXISTS import_seen`.execute(db);
  await sql`DROP TABLE IF EXISTS import_errors`.execute(db);
  await sql`DROP TABLE IF EXISTS uploads`.execute(db);
}
