/**
 * The health day's clockwork, run by the durable job queue: at the check-in cut-off,
 * alerts for those who have not reported; in the morning, periods ending today or
 * tomorrow and releases overdue; every few minutes, escalation of unhandled alerts;
 * after midnight, the closed day's counters. All take the day from the payload, so a
 * job that runs late still works on its own day, and go over the districts one by one.
 */
import { sql } from 'kysely';
import { addDays, shanghaiDay, shanghaiInstant } from '../../../../domain/clock.js';
import type { Config } from '../../../config.js';
import type { JobContext, JobKind } from '../../../jobs/runner.js';
import type { Context } from '../../../kernel/context.js';
import { districtIds, escalateDue, raiseFrom } from './raise.js';

/** The day in the job's payload, or today (Asia/Shanghai). */
export const dayOf = (ctx: JobContext) =>
  typeof ctx.job.payload.day === 'string' ? ctx.job.payload.day : shanghaiDay(ctx.clock.now());

/** Persons under a measure on `day` with no check-in for it. */
export async function raiseNotReported(c: Context, day: string): Promise<number> {
  let raised = 0;
  for (const d of await districtIds(c.db))
    raised += await raiseFrom(
      c,
      d,
      sql`SELECT 'not_reported', ${day}::date, m.grid_id, m.person_id, jsonb_build_object('measure', m.measure, 'cutOff', ${c.config.HEALTH_CHECKIN_CUTOFF}::text), 'not_reported:' || m.person_id || ':' || ${day}
          FROM health_measures m
          WHERE m.district_id = ${d} AND m.person_id IS NOT NULL AND m.start_day <= ${day}::date AND (m.actual_end IS NULL OR m.actual_end > ${day}::date)
            AND NOT EXISTS (SELECT 1 FROM health_checkins k WHERE k.district_id = m.district_id AND k.person_id = m.person_id AND k.day = ${day}::date)`,
    );
  return raised;
}

/** Measures whose period ends today or tomorrow, and those past their end and not released. */
export async function raiseEndings(c: Context, day: string): Promise<{ ending: number; overdue: number }> {
  const raised = { ending: 0, overdue: 0 };
  for (const d of await districtIds(c.db)) {
    raised.ending += await raiseFrom(
      c,
      d,
      sql`SELECT 'period_ending', ${day}::date, m.grid_id, m.person_id, jsonb_build_object('measure', m.measure, 'plannedEnd', m.planned_end::text, 'measureId', m.id), 'period_ending:' || m.person_id || ':' || ${day}
          FROM health_measures m
          WHERE m.district_id = ${d} AND m.actual_end IS NULL AND m.person_id IS NOT NULL AND m.planned_end IN (${day}::date, ${addDays(day, 1)}::date)`,
    );
    raised.overdue += await raiseFrom(
      c,
      d,
      sql`SELECT 'overdue_release', ${day}::date, m.grid_id, m.person_id, jsonb_build_object('measure', m.measure, 'plannedEnd', m.planned_end::text, 'measureId', m.id), 'overdue_release:' || m.person_id || ':' || ${day}
          FROM health_measures m
          WHERE m.district_id = ${d} AND m.actual_end IS NULL AND m.person_id IS NOT NULL AND m.planned_end < ${day}::date`,
    );
  }
  return raised;
}

/** Recounts a closed day's counters from the records, district by district. */
export async function closeDay(c: Context, day: string): Promise<void> {
  for (const d of await districtIds(c.db)) await sql`SELECT health_close_day(${d}::bigint, ${day}::date)`.execute(c.db);
}

/** The health day's job kinds; each runs in one transaction. */
export const healthJobs: Record<string, JobKind> = {
  'health.cutoff': {
    run: async (ctx) => {
      const day = dayOf(ctx);
      return { day, raised: await raiseNotReported(ctx, day) };
    },
  },
  'health.morning': {
    run: async (ctx) => {
      const day = dayOf(ctx);
      return { day, ...(await raiseEndings(ctx, day)) };
    },
  },
  'health.escalate': { run: async (ctx) => ({ escalated: await escalateDue(ctx) }) },
  'health.close': {
    run: async (ctx) => {
      const day =
        typeof ctx.job.payload.day === 'string' ? ctx.job.payload.day : addDays(shanghaiDay(ctx.clock.now()), -1);
      await closeDay(ctx, day);
      return { day };
    },
  },
};

/** The jobs of today and tomorrow at their times, each enqueued once (idempotency keys). */
export function healthSchedule(
  now: Date,
  config: Config,
): { kind: string; idempotencyKey: string; runAt: Date; payload: Record<string, unknown> }[] {
  const today = shanghaiDay(now);
  const out = [];
  for (const day of [today, addDays(today, 1)]) {
    out.push({
      kind: 'health.morning',
      idempotencyKey: day,
      runAt: shanghaiInstant(day, config.HEALTH_MORNING_AT),
      payload: { day },
    });
    out.push({
      kind: 'health.cutoff',
      idempotencyKey: day,
      runAt: shanghaiInstant(day, config.HEALTH_CHECKIN_CUTOFF),
      payload: { day },
    });
    out.push({
      kind: 'health.report_reminder',
      idempotencyKey: day,
      runAt: shanghaiInstant(day, config.HEALTH_REPORT_REMIND_AT),
      payload: { day },
    });
    out.push({ kind: 'health.retention', idempotencyKey: day, runAt: shanghaiInstant(day, '03:00'), payload: { day } });
  }
  // Closing a day after its midnight; yesterday too, in case no process ran then.
  for (const day of [addDays(today, -1), today])
    out.push({
      kind: 'health.close',
      idempotencyKey: day,
      runAt: shanghaiInstant(addDays(day, 1), '00:10'),
      payload: { day },
    });
  // Escalation every five minutes over the coming hour and a bit (schedules run hourly).
  const slot = 5 * 60_000;
  const first = Math.ceil(now.getTime() / slot) * slot;
  for (let t = first; t <= now.getTime() + 65 * 60_000; t += slot) {
    const at = new Date(t);
    out.push({ kind: 'health.escalate', idempotencyKey: at.toISOString(), runAt: at, payload: {} });
  }
  return out;
}
