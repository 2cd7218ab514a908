/**
 * Key persons for the health benchmark, generated set-based on top of a loaded
 * registry: `under` persons under a measure today and `released` whose measure ended
 * weeks ago, chosen evenly over every grid; measures and planned ends from the rule
 * rows (category or status → measure, days, from the last contact), central
 * isolation in rooms of five district sites; daily check-ins for every day under a
 * measure (about 5% missing, 0.5% with fever) and 90% of today's by the bench's
 * 15:00, written in the order they would have arrived. One transaction with the counter triggers off and one recount at the end
 * (as the COPY demo load does), then every past day of every district closed with health_close_day().
 */
import pg from 'pg';
import { addDays } from '../src/domain/clock.js';

const SUBJECTS = `CASE
  WHEN n % 100 < 30 THEN 'from_hubei' WHEN n % 100 < 40 THEN 'from_wuhan'
  WHEN n % 100 < 60 THEN 'local_visited_hubei' WHEN n % 100 < 78 THEN 'from_key_areas'
  WHEN n % 100 < 84 THEN 'close_contact' WHEN n % 100 < 86 THEN 'from_abroad'
  WHEN n % 100 < 94 THEN 'status:secondary_contact' ELSE 'status:recovered' END`;

export async function generateKeyPersons(
  url: string,
  opts: { day: string; under: number; released: number; log?: (m: string) => void },
) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const q = async <R extends pg.QueryResultRow = Record<string, unknown>>(text: string, values: unknown[] = []) => {
    const t0 = performance.now();
    const r = await c.query<R>(text, values);
    const ms = performance.now() - t0;
    if (ms > 1000) opts.log?.(`  ${(ms / 1000).toFixed(1)} s: ${text.replace(/\s+/g, ' ').slice(0, 60)}…`);
    return r;
  };
  try {
    await q('BEGIN');
    await q('ALTER TABLE health_measures DISABLE TRIGGER health_measures_count');
    await q('ALTER TABLE health_checkins DISABLE TRIGGER health_checkins_count');
    await q(
      `CREATE TEMP TABLE bench_people ON COMMIT DROP AS
       SELECT p.district_id, p.id AS person_id, p.grid_id, x.n, x.n <= $2 AS active,
              CASE WHEN x.n <= $2 THEN $1::date - (x.n % 16)::int ELSE $1::date - 30 - (x.n % 10)::int END AS start_day
       FROM (SELECT district_id, id, row_number() OVER (ORDER BY md5(id::text)) AS n FROM persons WHERE merged_into IS NULL) x
       JOIN persons p ON p.district_id = x.district_id AND p.id = x.id WHERE x.n <= $2 + $3`,
      [opts.day, opts.under, opts.released],
    );
    await q(`ALTER TABLE bench_people ADD COLUMN subject text, ADD COLUMN last_contact date`);
    await q(
      `UPDATE bench_people SET subject = ${SUBJECTS}, last_contact = CASE WHEN ${SUBJECTS} IN ('close_contact', 'status:secondary_contact') THEN start_day - 1 END`,
    );
    // Five district isolation sites with rooms for four: a quarter more places than the 8% who need one.
    const rooms = Math.max(50, Math.ceil((opts.under * 0.08 * 1.25) / 20));
    await q(
      `WITH d AS (SELECT id FROM areas WHERE level = 'district' LIMIT 1),
       s AS (INSERT INTO isolation_sites (kind, district_id, area_id, name, address)
             SELECT 'isolation_site', d.id, d.id, '集中隔离点' || i, '演示地址' FROM d, generate_series(1, 5) i RETURNING district_id, id)
       INSERT INTO isolation_rooms (district_id, site_id, label, capacity)
       SELECT s.district_id, s.id, r::text, 4 FROM s, generate_series(1, $1::int) r`,
      [rooms],
    );
    await q(
      `INSERT INTO health_profiles (district_id, person_id, grid_id, status, status_since, categories, last_contact, created_at, updated_at)
       SELECT district_id, person_id, grid_id, CASE WHEN subject = 'close_contact' THEN 'close_contact' WHEN subject LIKE 'status:%' THEN substr(subject, 8) ELSE 'none' END,
              CASE WHEN subject = 'close_contact' OR subject LIKE 'status:%' THEN start_day END,
              CASE WHEN subject LIKE 'status:%' THEN '{}'::text[] ELSE ARRAY[subject] END, last_contact, now(), now()
       FROM bench_people`,
    );
    await q(
      `INSERT INTO health_person_categories (person_id, district_id, category_key, from_day, last_contact)
       SELECT person_id, district_id, subject, start_day, last_contact FROM bench_people WHERE subject NOT LIKE 'status:%'`,
    );
    // Measures in two statements, the rooms last: the capacity trigger counts a room's
    // occupants with a plan made when the table was still empty, so it gets statistics first.
    const measures = (which: string) =>
      q(
        `WITH rooms AS (SELECT district_id, id, site_id, row_number() OVER (ORDER BY site_id, label) - 1 AS k FROM isolation_rooms),
         rule AS (SELECT DISTINCT ON (district_id, applies_to) * FROM health_rules WHERE effective_from <= $1::date
                  ORDER BY district_id, applies_to, effective_from DESC),
         chosen AS (SELECT b.*, r.id AS rule_id, r.measure, r.days, r.from_last_contact, r.negative_tests, r.hours_apart, r.symptom_free_days,
                           row_number() OVER (PARTITION BY r.measure = 'central_isolation' AND b.active ORDER BY b.n) - 1 AS slot
                    FROM bench_people b JOIN rule r ON r.district_id = b.district_id AND r.applies_to = b.subject)
         INSERT INTO health_measures (district_id, id, person_id, grid_id, measure, site_id, room_id, start_day, planned_end, actual_end, end_reason, release, basis, categories, status, last_contact, created_at, updated_at)
         SELECT c.district_id, gen_random_uuid(), c.person_id, c.grid_id, c.measure, rooms.site_id, rooms.id, c.start_day,
                CASE WHEN c.from_last_contact THEN c.last_contact ELSE c.start_day END + c.days,
                CASE WHEN NOT c.active THEN c.start_day + c.days END, CASE WHEN NOT c.active THEN 'released' END,
                jsonb_build_object('negativeTests', c.negative_tests, 'hoursApart', c.hours_apart, 'symptomFreeDays', c.symptom_free_days),
                ARRAY[c.rule_id], CASE WHEN c.subject LIKE 'status:%' THEN '{}'::text[] ELSE ARRAY[c.subject] END,
                CASE WHEN c.subject = 'close_contact' THEN 'close_contact' WHEN c.subject LIKE 'status:%' THEN substr(c.subject, 8) ELSE 'none' END,
                c.last_contact, now(), now()
         FROM chosen c LEFT JOIN rooms ON rooms.district_id = c.district_id AND c.measure = 'central_isolation'
                                          AND rooms.k = c.slot % (SELECT count(*) FROM isolation_rooms)
         WHERE (c.measure = 'central_isolation') = $2
         ORDER BY c.n`,
        [opts.day, which === 'rooms'],
      );
    await measures('others');
    await q('ANALYZE health_measures');
    await measures('rooms');
    // Every day under a measure, today too (90% by 15:00); about 5% of past days missing.
    const checkins = await q(
      `INSERT INTO health_checkins (person_id, day, district_id, grid_id, area_path, temperature, symptoms, channel, client_id, created_at, updated_at)
       SELECT m.person_id, d::date, m.district_id, m.grid_id, m.area_path,
              CASE WHEN h % 200 = 0 THEN 37.6 ELSE 36.0 + (h % 12) / 10.0 END,
              CASE WHEN h % 200 = 0 THEN ARRAY['发热'] ELSE '{}'::text[] END,
              'self', gen_random_uuid(), t, t
       FROM health_measures m
       CROSS JOIN LATERAL generate_series(m.start_day, coalesce(m.actual_end - 1, $1::date), interval '1 day') d
       CROSS JOIN LATERAL (SELECT abs(hashtext(m.person_id::text || d::date::text)) AS h) x
       CROSS JOIN LATERAL (SELECT (d::date + time '07:00' + (h % 400) * interval '1 minute') AT TIME ZONE 'Asia/Shanghai' AS t) y
       WHERE CASE WHEN d::date = $1::date THEN h % 100 < 90 ELSE h % 100 >= 5 END
       ORDER BY t -- as they arrive: a day's check-ins lie together, as in production`,
      [opts.day],
    );
    await q(`DELETE FROM area_counters WHERE metric LIKE 'health.%'`);
    await q(
      `INSERT INTO area_counters (district_id, area_id, metric, value)
       SELECT district_id, grid_id, 'health.under.' || measure, count(*) FROM health_measures WHERE actual_end IS NULL GROUP BY 1, 2, 3`,
    );
    await q('DELETE FROM health_day_counters');
    await q(
      `INSERT INTO health_day_counters (district_id, area_id, day, metric, value)
       SELECT district_id, grid_id, start_day, 'health.new', count(*) FROM health_measures WHERE previous_id IS NULL GROUP BY 1, 2, 3
       UNION ALL SELECT district_id, grid_id, actual_end, 'health.released', count(*) FROM health_measures
                 WHERE end_reason = 'released' GROUP BY 1, 2, 3
       UNION ALL SELECT district_id, grid_id, day, 'health.checked_in', count(*) FROM health_checkins GROUP BY 1, 2, 3
       UNION ALL SELECT district_id, grid_id, day, 'health.symptomatic', count(*) FROM health_checkins
                 WHERE state = 'symptomatic' GROUP BY 1, 2, 3`,
    );
    await q('ALTER TABLE health_measures ENABLE TRIGGER health_measures_count');
    await q('ALTER TABLE health_checkins ENABLE TRIGGER health_checkins_count');
    // Half the communities have filed today's report.
    await q(
      `INSERT INTO daily_reports (id, district_id, community_id, area_path, day, counts, zero, filed_by, filed_at)
       SELECT gen_random_uuid(), a.district_id, a.id, a.path, $1::date, '{}', false, (SELECT id FROM users WHERE username = 'demo-community'), now()
       FROM areas a WHERE a.level = 'community' AND a.id % 2 = 0`,
      [opts.day],
    );
    await q('COMMIT');
    for (const t of [
      'health_profiles',
      'health_person_categories',
      'health_measures',
      'health_checkins',
      'daily_reports',
    ])
      await q(`ANALYZE ${t}`);
    const first = (await q<{ d: string }>(`SELECT min(start_day)::text AS d FROM health_measures`)).rows[0]!.d;
    const districts = (await q<{ id: string }>(`SELECT id FROM areas WHERE level = 'district' ORDER BY id`)).rows;
    let closed = 0;
    for (let d = first; d < opts.day; d = addDays(d, 1), closed++)
      for (const district of districts) await q('SELECT health_close_day($1::bigint, $2::date)', [district.id, d]);
    // Settled before measuring, as a live database would be: statistics, visibility map, no checkpoint pending.
    await q('VACUUM ANALYZE health_checkins, health_measures, health_profiles, health_day_counters, area_counters');
    await q('CHECKPOINT');
    const counts = (
      await q<{ active: number; released: number }>(
        `SELECT count(*) FILTER (WHERE actual_end IS NULL)::int AS active, count(*) FILTER (WHERE actual_end IS NOT NULL)::int AS released FROM health_measures`,
      )
    ).rows[0]!;
    return {
      active: counts.active,
      released: counts.released,
      checkins: checkins.rowCount ?? 0,
      days: closed,
    };
  } catch (err) {
    await q('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await c.end();
  }
}
