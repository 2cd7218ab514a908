/**
 * A job worker in its own process, for the test that kills one mid-import:
 * `node --import tsx test/support/import-worker.ts` with TEST_WORKER_URL set.
 */
import pino from 'pino';
import { systemClock } from '../../src/domain/clock.js';
import { loadConfig } from '../../src/server/config.js';
import { connect } from '../../src/server/db/connection.js';
import { jobKinds } from '../../src/server/jobs/kinds.js';
import { JobRunner } from '../../src/server/jobs/runner.js';
import { AreaDirectory } from '../../src/server/kernel/area-directory.js';

const db = connect(process.env.TEST_WORKER_URL!, 2);
const config = loadConfig(
  { SESSION_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent', DATA_DIR: process.env.TEST_WORKER_DATA_DIR },
  'demo',
);
const log = pino({ level: 'silent' });
const platform = { db, clock: systemClock, config, areas: new AreaDirectory(db, log) };
const runner = new JobRunner(platform, log, jobKinds, {
  leaseMs: 2_000,
  pollMs: 20,
  workerId: 'doomed-worker',
});
runner.start();
process.stdout.write('ready\n');
