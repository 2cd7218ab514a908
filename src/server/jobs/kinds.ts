/**
 * The job kinds this process can run, and the schedules that enqueue them.
 * Modules that add background work register their handler here.
 */
import type { Clock } from '../../domain/clock.js';
import type { Config } from '../config.js';
import type { Database } from '../db/connection.js';
import { purgeExpiredSessions } from '../modules/auth/sessions.js';
import { IMPORT_KIND, importHandler } from '../modules/imports/job.js';
import { enqueueSystem } from './queue.js';
import type { JobHandler } from './runner.js';

export function jobHandlers(db: Database, clock: Clock, config: Config): Record<string, JobHandler> {
  return {
    'sessions.purge': async () => ({ deleted: await purgeExpiredSessions(db, clock.now(), config.SESSION_IDLE_MINUTES) }),
    [IMPORT_KIND]: importHandler(db, clock, config),
  };
}

/** Hourly maintenance, enqueued once per hour slot however many processes run. */
export async function enqueueSchedules(db: Database, clock: Clock): Promise<void> {
  const now = clock.now();
  const slot = now.toISOString().slice(0, 13);
  await enqueueSystem(db, now, { kind: 'sessions.purge', idempotencyKey: slot, maxAttempts: 3 });
}
