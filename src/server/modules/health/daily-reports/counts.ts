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

export async function deriveCounts(c: Context, community: Scope, day: string): Promise<ReportCounts> {
  // Active on d: start_day <= d AND (actual_end IS NULL OR actual_end > d); actual_end is the release day.
  const measures = await sql<{ measure: Measure; under: number; new: number; released: number }>`
    SELECT measure,
      count(*) FILTER (WHERE actual_end IS NULL OR actual_end > ${day}::date)::int AS under,
      count(*) FILTER (WHERE start_day = ${day}::date AND previous_id IS NULL)::int AS new,
      count(*) FILTER (WHERE end_reason = 'released' AND actual_end = ${day}::date)::int AS released
    FROM health_measures
    WHERE ${inScope(community, 'area_path')} AND start_day <= ${day}::date AND (actual_end IS NULL OR actual_end >= ${day}::date)
    GROUP BY measure`.execute(c.db);
  const symptomatic = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM health_checkins
    WHERE day = ${day}::date AND state = 'symptomatic' AND ${inScope(community, 'area_path')}`.execute(c.db);
  const transferred = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM person_transfers t
    JOIN areas f ON f.id = t.from_grid_id JOIN areas g ON g.id = t.to_grid_id
    WHERE t.district_id = ${community.districtId} AND t.status = 'approved' AND t.decided_at >= ${shanghaiInstant(day, '00:00')} AND t.decided_at < ${shanghaiInstant(addDays(day, 1), '00:00')}
      AND (${inScope(community, 'f.path')} OR ${inScope(community, 'g.path')})`.execute(c.db);
  const by = new Map(measures.rows.map((r) => [r.measure, r]));
  const sum = (k: 'new' | 'released') => measures.rows.reduce((n, r) => n + r[k], 0);
  return {
    under: Object.fromEntries(MEASURES.map((m) => [m, by.get(m)?.under ?? 0])) as ReportCounts['under'],
    new: sum('new'),
    released: sum('released'),
    symptomatic: symptomatic.rows[0]?.n ?? 0,
    transferred: transferred.rows[0]?.n ?? 0,
  };
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
