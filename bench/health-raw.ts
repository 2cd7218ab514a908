/**
 * The raw insert rate beside the health bench's check-ins: the check-in row alone,
 * then the request's whole SQL, one transaction each, straight from pg clients.
 */
import { sql } from 'kysely';
import pg from 'pg';
import { addDays } from '../src/domain/clock.js';
import type { Database } from '../src/server/db/connection.js';
import { fmt, quantiles } from './timing.js';

/** Single-row autocommit statements from `connections` connections for `seconds`: rows/s and latency. */
async function rawRate(
  url: string,
  connections: number,
  seconds: number,
  statement: (client: pg.Client, i: number) => Promise<unknown>,
) {
  const clients = await Promise.all(
    Array.from({ length: connections }, async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      return c;
    }),
  );
  const lat: number[] = [];
  let i = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    clients.map(async (c) => {
      while (performance.now() < end) {
        const t0 = performance.now();
        await statement(c, i++);
        lat.push(performance.now() - t0);
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  await Promise.all(clients.map((c) => c.end()));
  return { perMinute: (lat.length / elapsed) * 60, ...quantiles(lat) };
}

/** Raw check-in inserts on day `next` and after (10 connections, 10 s each): the row alone, then the whole request's SQL. */
export async function rawCheckinRates(db: Database, url: string, next: string) {
  const person = await sql<{ person_id: string; grid_id: string; district_id: string; area_path: string }>`
    SELECT person_id, grid_id, district_id, area_path FROM health_measures WHERE actual_end IS NULL ORDER BY md5(person_id::text)`.execute(
    db,
  );
  const rows = person.rows;
  const actor = (
    await db.selectFrom('users').select(['id']).where('username', '=', 'demo-medical').executeTakeFirstOrThrow()
  ).id;
  const insert = `INSERT INTO health_checkins AS k (person_id, day, district_id, grid_id, area_path, temperature, symptoms, needs_review, channel, reported_by, reporter_person, client_id, created_at, updated_at)
    VALUES ($1, $2, $3, $4, $5, 36.5, '{}'::text[], false, 'staff_call', $6, NULL, gen_random_uuid(), now(), now())
    ON CONFLICT (district_id, person_id, day) DO UPDATE SET temperature = EXCLUDED.temperature, client_id = EXCLUDED.client_id, updated_at = EXCLUDED.updated_at, revisions = k.revisions + 1
    WHERE k.client_id <> EXCLUDED.client_id RETURNING temperature::text, symptoms, state, revisions, (xmax = 0) AS inserted`;
  const rowOnly = await rawRate(url, 10, 10, (c, i) => {
    const r = rows[i % rows.length]!;
    return c.query({
      name: 'ins',
      text: insert,
      values: [
        r.person_id,
        addDays(next, 1 + Math.floor(i / rows.length)),
        r.district_id,
        r.grid_id,
        r.area_path,
        actor,
      ],
    });
  });
  const whole = await rawRate(url, 10, 10, async (c, i) => {
    const r = rows[i % rows.length]!;
    const d = addDays(next, 10 + Math.floor(i / rows.length));
    await c.query('BEGIN');
    await c.query({
      name: 'p',
      text: 'SELECT id, name, district_id, grid_id, area_path FROM persons WHERE id = $1 AND merged_into IS NULL AND (district_id = $3 AND area_path LIKE $2)',
      values: [r.person_id, `/${r.district_id}/%`, r.district_id],
    });
    await c.query({
      name: 'h',
      text: 'SELECT * FROM health_profiles WHERE district_id = $1 AND person_id = $2',
      values: [r.district_id, r.person_id],
    });
    await c.query({
      name: 'm',
      text: 'SELECT grid_id, district_id, area_path FROM health_measures WHERE district_id = $3 AND person_id = $1 AND start_day <= $2 AND (actual_end IS NULL OR actual_end > $2) ORDER BY start_day DESC LIMIT 1',
      values: [r.person_id, d, r.district_id],
    });
    await c.query({
      name: 'ins',
      text: insert,
      values: [r.person_id, d, r.district_id, r.grid_id, r.area_path, actor],
    });
    await c.query({
      name: 'a',
      text: `INSERT INTO audit_log (at, district_id, actor_id, actor_username, action, resource_type, resource_id, area_id, area_path, ip, request_id, details) VALUES (now(), $1, $2, 'demo-medical', 'health.checkin', 'person', $3, $4, $5, '127.0.0.1', 'raw', '{}')`,
      values: [r.district_id, actor, r.person_id, r.grid_id, r.area_path],
    });
    await c.query('COMMIT');
  });
  console.log(
    `raw INSERT into health_checkins (the service's statement, one row per transaction, 10 connections, 10 s): ${Math.round(rowOnly.perMinute).toLocaleString()}/min, ${fmt(rowOnly)}`,
  );
  console.log(
    `raw SQL of the whole request (person, profile, measure, insert, audit; one transaction, 10 connections, 10 s): ${Math.round(whole.perMinute).toLocaleString()}/min, ${fmt(whole)}`,
  );
}
