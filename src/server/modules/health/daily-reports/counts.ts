/**
 * A daily report's figures, derived from the day's records in a community's subtree
 * (never typed in): who was under each measure, new measures, releases, symptomatic
 * check-ins and approved transfers touching the community.
 */
import { sql } from 'kysely';
import { addDays, shanghaiInstant } from '../../../../domain/clock.js';
import { type Measure, MEASURES } from '../../../../domain/health.js';
import type { Context } from '../../../kernel/context.js';
import { inScope, type Scope } from '../../../kernel/scope.js';
import type { ReportCounts } from './schemas.js';

/** A record's community from its grid's path (`/district/street/community/grid/`). */
const COMMUNITY = '^/[^/]+/[^/]+/[^/]+/';

/** The figures of a day with nothing in it. */
export const noCounts = (): ReportCounts => ({
  under: Object.fromEntries(MEASURES.map((m) => [m, 0])) as ReportCounts['under'],
  new: 0,
  released: 0,
  symptomatic: 0,
  transferred: 0,
});

/**
 * The figures of every community under `scope` (a community, or a street or district
 * whose reports are filed together), by the community's path; communities with nothing
 * on the day are left out. One statement on one district's shards.
 */
export async function deriveCountsUnder(c: Context, scope: Scope, day: string): Promise<Map<string, ReportCounts>> {
  // Active on d: start_day <= d AND (actual_end IS NULL OR actual_end > d); actual_end is the release day.
  const { rows } = await sql<{
    community: string;
    measure: Measure | null;
    under: number | null;
    new: number | null;
    released: number | null;
    symptomatic: number | null;
    transferred: number | null;
  }>`
    WITH k AS (
      SELECT substring(area_path FROM ${COMMUNITY}) AS community, count(*)::int AS n FROM health_checkins
      WHERE day = ${day}::date AND state = 'symptomatic' AND ${inScope(scope, 'area_path')}
      GROUP BY 1),
    t AS (
      SELECT v.community, count(DISTINCT t.id)::int AS n FROM person_transfers t
      JOIN areas f ON f.id = t.from_grid_id JOIN areas g ON g.id = t.to_grid_id
      CROSS JOIN LATERAL (VALUES (substring(f.path FROM ${COMMUNITY})), (substring(g.path FROM ${COMMUNITY}))) AS v(community)
      WHERE t.district_id = ${scope.districtId} AND t.status = 'approved' AND t.decided_at >= ${shanghaiInstant(day, '00:00')} AND t.decided_at < ${shanghaiInstant(addDays(day, 1), '00:00')}
        AND v.community LIKE ${`${scope.path}%`}
      GROUP BY 1),
    m AS (
      SELECT substring(area_path FROM ${COMMUNITY}) AS community, measure,
        count(*) FILTER (WHERE actual_end IS NULL OR actual_end > ${day}::date)::int AS under,
        count(*) FILTER (WHERE start_day = ${day}::date AND previous_id IS NULL)::int AS new,
        count(*) FILTER (WHERE end_reason = 'released' AND actual_end = ${day}::date)::int AS released
      FROM health_measures
      WHERE ${inScope(scope, 'area_path')} AND start_day <= ${day}::date AND (actual_end IS NULL OR actual_end >= ${day}::date)
      GROUP BY 1, 2)
    SELECT x.community, m.measure, m.under, m.new, m.released, k.n AS symptomatic, t.n AS transferred
    FROM (SELECT community FROM k UNION SELECT community FROM t UNION SELECT community FROM m) x
    LEFT JOIN k ON k.community = x.community LEFT JOIN t ON t.community = x.community
    LEFT JOIN m ON m.community = x.community`.execute(c.db);
  const out = new Map<string, ReportCounts>();
  for (const r of rows) {
    const k = out.get(r.community) ?? {
      ...noCounts(),
      symptomatic: r.symptomatic ?? 0,
      transferred: r.transferred ?? 0,
    };
    if (r.measure) {
      k.under[r.measure] = r.under ?? 0;
      k.new += r.new ?? 0;
      k.released += r.released ?? 0;
    }
    out.set(r.community, k);
  }
  return out;
}

/** A community's figures for the day. */
export async function deriveCounts(c: Context, community: Scope, day: string): Promise<ReportCounts> {
  return (await deriveCountsUnder(c, community, day)).get(community.path) ?? noCounts();
}

export const isZero = (k: ReportCounts) =>
  Object.values(k.under).every((v) => v === 0) && k.new + k.released + k.symptomatic + k.transferred === 0;

/** Stored flat in daily_reports.counts: { 'under.home_isolation': n, …, new, released, symptomatic, transferred }. */
export function toStored(k: ReportCounts): Record<string, number> {
  return {
    ...Object.fromEntries(MEASURES.map((m) => [`under.${m}`, k.under[m]])),
    new: k.new,
    released: k.released,
    symptomatic: k.symptomatic,
    transferred: k.transferred,
  };
}

export function fromStored(s: Record<string, number>): ReportCounts {
  return {
    under: Object.fromEntries(MEASURES.map((m) => [m, Number(s[`under.${m}`] ?? 0)])) as ReportCounts['under'],
    new: Number(s.new ?? 0),
    released: Number(s.released ?? 0),
    symptomatic: Number(s.symptomatic ?? 0),
    transferred: Number(s.transferred ?? 0),
  };
}
