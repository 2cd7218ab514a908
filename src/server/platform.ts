/**
 * Starting and stopping the whole platform: database (embedded unless DATABASE_URL
 * is set), migrations, demo data in demo mode, the HTTP app and the job runner.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { logRequest } from './http/log-redact.js';
import pino, { type Logger } from 'pino';
import { type Clock, systemClock } from '../domain/clock.js';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { connect, type Database, ensureDatabase } from './db/connection.js';
import { startEmbedded, type EmbeddedDatabase } from './db/embedded.js';
import { migrateToLatest } from './db/migrate.js';
import { hasAreas, seedDemo } from './demo/seed.js';
import { enqueueSchedules, jobKinds } from './jobs/kinds.js';
import { JobRunner } from './jobs/runner.js';
import { AreaDirectory } from './kernel/area-directory.js';
import { baseContext } from './kernel/context.js';

export const VERSION = '0.1.0';

export interface Platform {
  app: FastifyInstance;
  db: Database;
  config: Config;
  /** Set when demo data was created by this start and the password was generated or given. */
  demo: { created: boolean; password: string | null };
  close(): Promise<void>;
}

/** The server's logger; `destination` for tests that read what it writes (default: stdout). */
export function createLogger(config: Pick<Config, 'LOG_LEVEL'>, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: config.LOG_LEVEL,
      redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      // Request lines carry the URL without tokens and personal query values (http/log-redact.ts).
      serializers: { req: logRequest },
    },
    destination,
  );
}

/** A secret kept in the data dir (demo mode only), created on first use. */
async function dataDirSecret(dir: string, name: string, make: () => string): Promise<string> {
  const file = path.join(dir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const value = make();
  await writeFile(file, `${value}\n`, { mode: 0o600 });
  return value;
}

/** The demo accounts' password: DEMO_PASSWORD, or one generated once and kept in the data dir. */
export function demoPassword(config: Config): Promise<string> {
  return config.DEMO_PASSWORD
    ? Promise.resolve(config.DEMO_PASSWORD)
    : dataDirSecret(config.DATA_DIR, 'demo-password.txt', () => `Demo-${randomBytes(6).toString('base64url')}-2020`);
}

/**
 * Demo mode without SESSION_SECRET: one generated once and kept in the data dir, so sessions
 * and registration-code tokens (which it also keys) survive restarts and `npm run demo`'s
 * codes print the same tokens the server later accepts.
 */
export async function withDemoSecret(config: Config): Promise<Config> {
  if (config.mode !== 'demo' || config.SESSION_SECRET) return config;
  return {
    ...config,
    SESSION_SECRET: await dataDirSecret(config.DATA_DIR, '.session-secret', () =>
      randomBytes(32).toString('base64url'),
    ),
  };
}

export async function openDatabase(
  config: Config,
  log: Logger,
): Promise<{ db: Database; url: string; embedded: EmbeddedDatabase | null }> {
  if (config.DATABASE_URL)
    return {
      db: connect(config.DATABASE_URL, config.DB_POOL_SIZE, {
        prepare: config.DB_PREPARE,
        waitMs: config.DB_WAIT_SECONDS * 1000,
      }),
      url: config.DATABASE_URL,
      embedded: null,
    };
  const embedded = await startEmbedded(config.DATA_DIR, log);
  await ensureDatabase(embedded.url('postgres'), 'shuangsheng');
  const url = embedded.url('shuangsheng');
  return {
    db: connect(url, config.DB_POOL_SIZE, { prepare: config.DB_PREPARE, waitMs: config.DB_WAIT_SECONDS * 1000 }),
    url,
    embedded,
  };
}

export async function startPlatform(
  config: Config,
  opts: { log?: Logger; clock?: Clock; listen?: boolean } = {},
): Promise<Platform> {
  const log = opts.log ?? createLogger(config);
  const clock = opts.clock ?? systemClock;
  config = await withDemoSecret(config);
  const { db, url, embedded } = await openDatabase(config, log);
  const closeDb = async () => {
    await db.destroy();
    await embedded?.stop();
  };
  try {
    const { applied } = await migrateToLatest(db);
    if (applied.length) log.info({ applied }, 'migrations applied');
    const demo: Platform['demo'] = { created: false, password: null };
    if (config.mode === 'demo' && !(await hasAreas(db))) {
      const password = await demoPassword(config);
      const seeded = await seedDemo(db, password, { persons: config.DEMO_PERSONS, clock, config });
      log.info(seeded, 'demo data created');
      demo.created = true;
      demo.password = password;
    }
    const areas = new AreaDirectory(db, log);
    await areas.listen(url);
    const app = await buildApp({ config, db, clock, version: VERSION, logger: log, areas });
    const shared = { db, clock, config, areas };
    const runner = config.JOB_WORKERS > 0 ? new JobRunner(shared, app.log, jobKinds) : null;
    const schedules = baseContext(shared, { actor: null, requestId: 'schedules', log: app.log });
    if (opts.listen !== false) {
      await app.listen({ port: config.PORT, host: config.HOST });
      await enqueueSchedules(schedules);
      runner?.start();
    }
    const hourly =
      opts.listen !== false
        ? setInterval(
            () => void enqueueSchedules(schedules).catch((err: unknown) => log.warn({ err }, 'schedule failed')),
            3_600_000,
          )
        : null;
    hourly?.unref();
    let closing: Promise<void> | null = null;
    return {
      app,
      db,
      config,
      demo,
      close: () =>
        (closing ??= (async () => {
          if (hourly) clearInterval(hourly);
          await runner?.stop();
          await app.close();
          await closeDb();
        })()),
    };
  } catch (err) {
    await closeDb().catch(() => undefined);
    throw err;
  }
}
