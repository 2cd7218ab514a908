/**
 * The job kinds this process can run, and the schedules that enqueue them.
 * Modules that add background work register their handler here.
 */
import type { Clock } from '../../domain/clock.js';
import type { Config } from '../config.js';
import type { Database } from '../db/connection.js';
import { healthJobHandlers, healthSchedule } from '../modules/health/alerts/jobs.js';
import { REPORT_REMINDER_KIND, reportReminders } from '../modules/health/daily-reports/jobs.js';
import { RETENTION_KIND, retentionPurge } from '../modules/health/data/retention.js';
import { purgeExpiredSessions } from '../kernel/sessions.js';
import { IMPORT_KIND, importHandler } from '../modules/registry/imports/job.js';
import { enqueueSystem } from './queue.js';
import type { JobHandler } from './runner.js';

/** The day a scheduled job works on (its payload), so a late run still does its own day. */
const dayOf = (payload: Record<string, unknown>) => (typeof payload.day === 'string' ? payload.day : undefined);

export function jobHandlers(db: Database, clock: Clock, config: Config): Record<string, JobHandler> {
  return {
    'sessions.purge': async () => ({
      deleted: await purgeExpiredSessions(db, clock.now(), config.SESSION_IDLE_MINUTES),
    }),
    [IMPORT_KIND]: importHandler(db, clock, config),
    ...healthJobHandlers(db, clock, config),
    [REPORT_REMINDER_KIND]: (job) => reportReminders(db, clock, config, dayOf(job.payload)),
    [RETENTION_KIND]: (job) => retentionPurge(db, clock, config, dayOf(job.payload)),
  };
}

/**
 * Maintenance and the health day's clockwork, enqueued hourly (and at start) for the
 * hours ahead; idempotency keys make each run exist once however many processes run.
 */
export async function enqueueSchedules(db: Database, clock: Clock, config: Config): Promise<void> {
  const now = clock.now();
  const slot = now.toISOString().slice(0, 13);
  await enqueueSystem(db, now, { kind: 'sessions.purge', idempotencyKey: slot, maxAttempts: 3 });
  for (const job of healthSchedule(now, config)) await enqueueSystem(db, now, { ...job, maxAttempts: 5 });
}
