/**
 * The job kinds this process can run, and the schedules that enqueue them.
 * Modules that add background work register their kind here.
 */
import { healthJobs, healthSchedule, dayOf } from '../modules/health/alerts/index.js';
import { REPORT_REMINDER_KIND, reportReminders } from '../modules/health/daily-reports/index.js';
import { RETENTION_KIND, retentionPurge } from '../modules/health/data/index.js';
import { IMPORT_KIND, importJob, purgeUploads, UPLOADS_PURGE_KIND } from '../modules/registry/imports/index.js';
import { purgeSignInFailures, SIGN_IN_FAILURES_PURGE_KIND } from '../modules/platform/auth/index.js';
import { purgeExpiredSessions } from '../kernel/sessions.js';
import type { Context } from '../kernel/context.js';
import { enqueueSystem } from './queue.js';
import type { JobKind } from './runner.js';

export const jobKinds: Record<string, JobKind> = {
  'sessions.purge': { run: async (ctx) => ({ deleted: await purgeExpiredSessions(ctx) }) },
  [SIGN_IN_FAILURES_PURGE_KIND]: { run: async (ctx) => ({ deleted: await purgeSignInFailures(ctx) }) },
  [IMPORT_KIND]: importJob,
  [UPLOADS_PURGE_KIND]: { run: (ctx) => purgeUploads(ctx) },
  ...healthJobs,
  [REPORT_REMINDER_KIND]: { run: (ctx) => reportReminders(ctx, dayOf(ctx)) },
  [RETENTION_KIND]: { commits: 'batches', run: (ctx) => retentionPurge(ctx, dayOf(ctx)) },
};

/**
 * Maintenance and the health day's clockwork, enqueued hourly (and at start) for the
 * hours ahead; idempotency keys make each run exist once however many processes run.
 */
export async function enqueueSchedules(c: Context): Promise<void> {
  const now = c.clock.now();
  const slot = now.toISOString().slice(0, 13);
  await enqueueSystem(c, { kind: 'sessions.purge', idempotencyKey: slot, maxAttempts: 3 });
  await enqueueSystem(c, { kind: SIGN_IN_FAILURES_PURGE_KIND, idempotencyKey: slot, maxAttempts: 3 });
  await enqueueSystem(c, { kind: UPLOADS_PURGE_KIND, idempotencyKey: slot, maxAttempts: 3 });
  for (const job of healthSchedule(now, c.config)) await enqueueSystem(c, { ...job, maxAttempts: 5 });
}
