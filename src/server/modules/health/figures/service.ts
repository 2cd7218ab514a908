/**
 * The command center's health figures per area and day, from leaf counters (grid;
 * community for reports) summed over the subtree and per child for drill-down:
 * under each measure, new, released, symptomatic, not reported, reports missing.
 * Closed days read the counters the daily job recounted; today reads the live ones,
 * and counts who has not reported from the records (it changes by the minute).
 */
import { sql } from 'kysely';
import { addDays, shanghaiDay, shanghaiTime } from '../../../../domain/clock.js';
import { MEASURES } from '../../../../domain/health.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { areaInScope, inScope } from '../../../kernel/scope.js';

export const FIGURES = [
  'under',
  'new',
  'released',
  'symptomatic',
  'checkedIn',
  'notReported',
  'reportsMissing',
] as const;
type Figures = Record<(typeof FIGURES)[number], number> & { byMeasure: Record<string, number> };

const empty = (): Figures => ({
  under: 0,
  new: 0,
  released: 0,
  symptomatic: 0,
  checkedIn: 0,
  notReported: 0,
  reportsMissing: 0,
  byMeasure: Object.fromEntries(MEASURES.map((m) => [m, 0])),
});

const METRIC: Record<string, (typeof FIGURES)[number]> = {
  'health.new': 'new',
  'health.released': 'released',
  'health.symptomatic': 'symptomatic',
  'health.checked_in': 'checkedIn',
  'health.not_reported': 'notReported',
  'health.reports_missing': 'reportsMissing',
};

function add(f: Figures, metric: string, n: number) {
  if (metric.startsWith('health.under.')) {
    const m = metric.slice('health.under.'.length);
    f.byMeasure[m] = (f.byMeasure[m] ?? 0) + n;
    f.under += n;
  } else {
    const figure = METRIC[metric];
    if (figure) f[figure] += n;
  }
}

type Row = { child: string; metric: string; n: string | number };

export async function figures(ctx: Context, input: { areaId?: string | undefined; day?: string | undefined }) {
  const c = authorize(ctx, 'health.read');
  const area = await areaInScope(c, input.areaId ?? c.actor.areaId);
  const now = c.clock.now();
  const today = shanghaiDay(now);
  const day = input.day && input.day < today ? input.day : today;
  const live = day === today;
  // The split_part index of the child's id on a descendant's path: '/1/30/' splits in 4, a child's id is the 4th.
  const part = area.path.split('/').length;
  const inside = (column: 'a.path' | 'm.area_path') => inScope(area.scope, column);
  const district = area.district_id;
  const rows: Row[] = [];
  const dayRows = await sql<Row>`
    SELECT split_part(a.path, '/', ${part}) AS child, c.metric, sum(c.value) AS n
    FROM health_day_counters c JOIN areas a ON a.id = c.area_id
    WHERE c.district_id = ${district} AND ${inside('a.path')} AND c.day = ${day}::date ${live ? sql`AND c.metric NOT LIKE 'health.under.%' AND c.metric NOT IN ('health.not_reported', 'health.reports_missing')` : sql``}
    GROUP BY 1, 2`.execute(c.db);
  rows.push(...dayRows.rows);
  if (live) {
    const under = await sql<Row>`
      SELECT split_part(a.path, '/', ${part}) AS child, c.metric, sum(c.value) AS n
      FROM area_counters c JOIN areas a ON a.id = c.area_id
      WHERE c.district_id = ${district} AND ${inside('a.path')} AND c.metric LIKE 'health.under.%' GROUP BY 1, 2`.execute(
      c.db,
    );
    rows.push(...under.rows);
    if (shanghaiTime(now) >= c.config.HEALTH_CHECKIN_CUTOFF) {
      // NOT IN, not NOT EXISTS: the day's check-ins are hashed once (person_id is never
      // null). With the scope as a parameter, a prepared statement's generic plan guesses
      // it matches few measures, and an anti-join would then probe every measure's
      // check-in one by one (docs/PERFORMANCE.md, issue 5: 146 ms against 44 ms hashed).
      const missing = await sql<Row>`
        SELECT split_part(m.area_path, '/', ${part}) AS child, 'health.not_reported' AS metric, count(*) AS n
        FROM health_measures m
        WHERE m.actual_end IS NULL AND ${inside('m.area_path')} AND m.start_day <= ${day}::date AND m.person_id IS NOT NULL
          AND m.person_id NOT IN (SELECT k.person_id FROM health_checkins k WHERE k.district_id = ${district} AND k.day = ${day}::date)
        GROUP BY 1`.execute(c.db);
      rows.push(...missing.rows);
    }
    const reports = await sql<Row>`
      SELECT split_part(a.path, '/', ${part}) AS child, 'health.reports_missing' AS metric, count(*) AS n
      FROM areas a
      WHERE ${inside('a.path')} AND a.level = 'community' AND a.retired_at IS NULL
        AND NOT EXISTS (SELECT 1 FROM daily_reports r
                        WHERE r.district_id = ${district} AND r.community_id = a.id AND r.day = ${day}::date)
      GROUP BY 1`.execute(c.db);
    rows.push(...reports.rows);
  }
  const children = await c.db
    .selectFrom('areas')
    .select(['id', 'name', 'level'])
    .where('parent_id', '=', area.id)
    .where('retired_at', 'is', null)
    .orderBy('code')
    .execute();
  const own = empty();
  const per = new Map(children.map((ch) => [ch.id, empty()]));
  for (const r of rows) {
    const n = Number(r.n);
    add(own, r.metric, n);
    const bucket = per.get(r.child);
    if (bucket) add(bucket, r.metric, n);
  }
  return {
    day,
    live,
    cutOff: c.config.HEALTH_CHECKIN_CUTOFF,
    area: { id: area.id, name: area.name, level: area.level },
    figures: own,
    children: children.map((ch) => ({ ...ch, figures: per.get(ch.id)! })),
  };
}

/** Day by day over the last `days` days (closed days from the daily recount, today live). */
export async function trend(ctx: Context, input: { areaId?: string | undefined; days: number }) {
  const c = authorize(ctx, 'health.read');
  const area = await areaInScope(c, input.areaId ?? c.actor.areaId);
  const today = shanghaiDay(c.clock.now());
  const from = addDays(today, -(input.days - 1));
  const rows = await sql<{ day: string; metric: string; n: string }>`
    SELECT c.day::text AS day, c.metric, sum(c.value) AS n
    FROM health_day_counters c JOIN areas a ON a.id = c.area_id
    WHERE c.district_id = ${area.district_id} AND ${inScope(area.scope, 'a.path')} AND c.day >= ${from}::date AND c.day < ${today}::date
    GROUP BY 1, 2`.execute(c.db);
  const byDay = new Map<string, Figures>();
  for (let d = from; d < today; d = addDays(d, 1)) byDay.set(d, empty());
  for (const r of rows.rows) add(byDay.get(r.day)!, r.metric, Number(r.n));
  const now = await figures(ctx, { areaId: area.id });
  byDay.set(today, now.figures);
  return {
    area: { id: area.id, name: area.name, level: area.level },
    days: [...byDay.entries()].map(([day, f]) => ({ day, ...f })),
  };
}
