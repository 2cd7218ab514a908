/**
 * A job worker in its own process, for the test that kills one mid-import:
 * `node --import tsx test/support/import-worker.ts` with TEST_WORKER_URL set.
 */
import pino from 'pino';
import { systemClock } from '../../src/domain/clock.js';
import { loadConfig } from '../../src/server/config.js';
import { connect } from '../../src/server/db/connection.js';
import { jobHandlers } from '../../src/server/jobs/kinds.js';
import { JobRunner } from '../../src/server/jobs/runner.js';

const db = connect(process.env.TEST_WORKER_URL!, 2);
const config = loadConfig(
  { SESSION_SECRET: 'x'.repeat(32), LOG_LEVEL: 'silent', DATA_DIR: process.env.TEST_WORKER_DATA_DIR },
  'demo',
);
const runner = new JobRunner(db, systemClock, pino({ level: 'silent' }), jobHandlers(db, systemClock, config), {
  leaseMs: 2_000,
  pollMs: 20,
  workerId: 'doomed-worker',
});
runner.start();
process.stdout.write('ready\n');
