/**
 * The work lists (GET /api/measures) page through a scope's active measures in
 * planned-end order. With only the scope index (area_path, planned_end) a street or
 * the district had to read and sort every active measure in scope before the first
 * page: with 50,000 persons under measures the district's "not checked in today"
 * list took ~205 ms, most of it sorting (bench/health.ts, docs/PERFORMANCE.md). In
 * the list's own order the first page is read from the index, checking each measure
 * against today's check-ins only until the page is full: ~4 ms for the district,
 * ~7 ms for a street (a single grid stays ~20 ms).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX health_measures_due ON health_measures ((coalesce(planned_end, '9999-12-31'::date)), id) WHERE actual_end IS NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS health_measures_due`.execute(db);
}
