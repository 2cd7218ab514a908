/**
 * Phase 1 of the health bench, 15:00 on day D (after the 14:00 cut-off; 90% have
 * checked in): the non-reporting work list as demo-street and demo-district, the
 * district figures and trend as demo-commander, each beside the same SQL run raw.
 */
import { sql } from 'kysely';
import type { Database } from '../src/server/db/connection.js';
import { load1 } from './health-watch.js';
import { signIn } from './session.js';
import { fmt, timed } from './timing.js';

export async function readsAfterCutoff(db: Database, base: string, day: string) {
  console.log(`\n### day ${day} 15:00 (after the 14:00 cut-off; ${load1()})`);
  for (const [who, code] of [
    ['demo-street', '510112005'],
    ['demo-district', '510112'],
  ] as const) {
    const as = await signIn(base, who);
    const area = await db
      .selectFrom('areas')
      .select(['path', 'district_id'])
      .where('code', '=', code)
      .executeTakeFirstOrThrow();
    const [scope, d] = [area.path, area.district_id];
    const counts = await sql<{ under: number; missing: number }>`
      SELECT count(*)::int AS under, count(*) FILTER (WHERE NOT EXISTS (SELECT 1 FROM health_checkins k
               WHERE k.district_id = m.district_id AND k.person_id = m.person_id AND k.day = ${day}::date))::int AS missing
      FROM health_measures m WHERE m.actual_end IS NULL AND m.district_id = ${d} AND m.area_path LIKE ${`${scope}%`}`.execute(
      db,
    );
    const { under, missing } = counts.rows[0]!;
    const raw = () =>
      sql`SELECT m.id, m.person_id, m.measure, m.start_day, m.planned_end, m.release, p.name, p.doc_number, p.phone, g.id AS grid_id, g.name AS grid_name,
                 k.temperature, k.symptoms, k.needs_review, k.state, coalesce(m.planned_end, '9999-12-31'::date)::text AS sort_end
          FROM health_measures m JOIN persons p ON p.district_id = m.district_id AND p.id = m.person_id JOIN areas g ON g.id = m.grid_id
          LEFT JOIN health_checkins k ON k.district_id = m.district_id AND k.person_id = m.person_id AND k.day = ${day}
          WHERE m.actual_end IS NULL AND (m.district_id = ${d} AND m.area_path LIKE ${`${scope}%`}) AND m.start_day <= ${day} AND k.person_id IS NULL
          ORDER BY coalesce(m.planned_end, '9999-12-31'::date), m.id LIMIT 51`.execute(db);
    const api = await timed(200, () => as.get('/api/measures?list=not_checked_in'));
    const rawSql = await timed(200, raw);
    console.log(
      `not checked in, ${who} (${under.toLocaleString()} under measures, ${missing.toLocaleString()} not reported): API ${fmt(api)} | raw SQL ${fmt(rawSql)} | ratio p99 ${(api.p99 / rawSql.p99).toFixed(1)}× | target < 200 ms`,
    );
  }
  const commander = await signIn(base, 'demo-commander');
  const district = await db
    .selectFrom('areas')
    .select(['id', 'path', 'depth', 'district_id'])
    .where('code', '=', '510112')
    .executeTakeFirstOrThrow();
  const like = `${district.path}%`;
  const d = district.district_id;
  const part = district.depth + 3;
  const rawFigures = async () => {
    await sql`SELECT split_part(a.path, '/', ${part}) AS child, c.metric, sum(c.value) AS n FROM health_day_counters c JOIN areas a ON a.id = c.area_id
              WHERE c.district_id = ${d} AND (a.district_id = ${d} AND a.path LIKE ${like}) AND c.day = ${day}::date AND c.metric NOT LIKE 'health.under.%' AND c.metric NOT IN ('health.not_reported', 'health.reports_missing') GROUP BY 1, 2`.execute(
      db,
    );
    await sql`SELECT split_part(a.path, '/', ${part}) AS child, c.metric, sum(c.value) AS n FROM area_counters c JOIN areas a ON a.id = c.area_id
              WHERE c.district_id = ${d} AND (a.district_id = ${d} AND a.path LIKE ${like}) AND c.metric LIKE 'health.under.%' GROUP BY 1, 2`.execute(
      db,
    );
    await sql`SELECT split_part(m.area_path, '/', ${part}) AS child, 'health.not_reported' AS metric, count(*) AS n FROM health_measures m
              WHERE m.actual_end IS NULL AND (m.district_id = ${d} AND m.area_path LIKE ${sql.lit(like)}) AND m.start_day <= ${day}::date AND m.person_id IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM health_checkins k WHERE k.district_id = m.district_id AND k.person_id = m.person_id AND k.day = ${day}::date) GROUP BY 1`.execute(
      db,
    );
    await sql`SELECT split_part(a.path, '/', ${part}) AS child, count(*) AS n FROM areas a WHERE (a.district_id = ${d} AND a.path LIKE ${like}) AND a.level = 'community' AND a.retired_at IS NULL
                AND NOT EXISTS (SELECT 1 FROM daily_reports r WHERE r.district_id = ${d} AND r.community_id = a.id AND r.day = ${day}::date) GROUP BY 1`.execute(
      db,
    );
    await sql`SELECT id, name, level FROM areas WHERE parent_id = ${district.id} AND retired_at IS NULL ORDER BY code`.execute(
      db,
    );
  };
  const figures = await timed(200, () => commander.get('/api/health-figures'));
  const raw = await timed(200, rawFigures);
  console.log(
    `district figures, demo-commander: API ${fmt(figures)} | raw SQL (the same 5 queries) ${fmt(raw)} | ratio p99 ${(figures.p99 / raw.p99).toFixed(1)}× | target < 200 ms`,
  );
  // Most of it is today's not-reported count: the service sends the scope as a parameter, so after
  // five runs PostgreSQL may settle on a generic plan that probes every measure's check-in.
  const notReported = (scope: unknown) =>
    sql`SELECT split_part(m.area_path, '/', ${part}) AS child, count(*) AS n FROM health_measures m
        WHERE m.actual_end IS NULL AND (m.district_id = ${d} AND m.area_path LIKE ${scope}) AND m.start_day <= ${day}::date AND m.person_id IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM health_checkins k WHERE k.district_id = m.district_id AND k.person_id = m.person_id AND k.day = ${day}::date) GROUP BY 1`.execute(
      db,
    );
  const asParameter = await timed(100, () => notReported(like));
  const inlined = await timed(100, () => notReported(sql.lit(like)));
  console.log(
    `  of which today's not-reported count: scope as a parameter (as the service sent it before) ${fmt(asParameter)} | scope inlined as a literal ${fmt(inlined)}`,
  );
  const trend = await timed(50, () => commander.get('/api/health-figures/trend'));
  console.log(`30-day trend, demo-commander: API ${fmt(trend)}`);
}
