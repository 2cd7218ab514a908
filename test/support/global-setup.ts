/**
 * One PostgreSQL for the whole run: the embedded one in a temp dir, or the server
 * in TEST_DATABASE_URL. Migrations run once into a template database; every test
 * file clones its own database from it.
 *
 * With TEST_CITUS_WORKERS (TEST_DATABASE_URL then names the coordinator) the run is on
 * a Citus cluster: there is no template (test/support/citus.ts), each test file creates
 * and migrates its own database on every node. The setup does it once first, so a
 * schema Citus refuses stops the run with one error naming each table.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import pino from 'pino';
import type { TestProject } from 'vitest/node';
import { connect } from '../../src/server/db/connection.js';
import { startEmbedded } from '../../src/server/db/embedded.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import {
  type Cluster,
  citusDatabases,
  citusWorkers,
  createCitusDatabase,
  dropCitusDatabase,
  nodeUrl,
} from './citus.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
    /** This run's prefix of test database names (`ss_t_<run>_`). */
    pgDatabasePrefix: string;
    /** The Citus workers ("host:port"); empty on plain PostgreSQL. */
    pgCitusWorkers: string[];
  }
}

/**
 * This run's test databases are named ss_t_<run>_…: two runs on one server (two
 * developers, or a run beside a helper's on one cluster) never drop each other's.
 */
const RUN = process.pid.toString(36);
/** This run's test files' databases, as a LIKE pattern: `_` escaped, so no other database matches. */
const TEST_DATABASES = `ss\\_t\\_${RUN}\\_%`;

/** Creates, migrates and drops one database as a test file does; says what it found. */
async function probeCitus(cluster: Cluster): Promise<string> {
  const name = `ss_t_${RUN}_probe`;
  const started = performance.now();
  await dropCitusDatabase(cluster, name);
  await createCitusDatabase(cluster, name);
  const db = connect(nodeUrl(cluster.adminUrl, null, name), 2);
  try {
    const { citus } = await migrateToLatest(db);
    if (!citus) throw new Error('TEST_CITUS_WORKERS is set but the test database has no citus extension');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const version = citus.citus.split(' on ')[0];
    return `${version}, coordinator + ${cluster.workers.length} workers (${cluster.workers.join(', ')}); one file's database: ${seconds} s, ${citus.placed.length} tables placed`;
  } finally {
    await db.destroy();
    await dropCitusDatabase(cluster, name);
  }
}

export default async function setup(project: TestProject) {
  const log = pino({ level: 'warn' });
  let adminUrl = process.env.TEST_DATABASE_URL;
  const workers = citusWorkers();
  if (workers.length > 0 && !adminUrl) throw new Error('TEST_CITUS_WORKERS needs TEST_DATABASE_URL (the coordinator)');
  let stopEmbedded: (() => Promise<void>) | null = null;
  let dir: string | null = null;
  if (!adminUrl) {
    dir = await mkdtemp(path.join(tmpdir(), 'ss-test-'));
    const embedded = await startEmbedded(dir, log);
    adminUrl = embedded.url('postgres');
    stopEmbedded = () => embedded.stop();
  }
  const cluster: Cluster | null = workers.length > 0 ? { adminUrl, workers } : null;
  const template = `ss_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const server = (await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v;
  if (cluster) {
    const found = await probeCitus(cluster).catch(async (e: unknown) => {
      await admin.end();
      throw e;
    });
    process.stdout.write(`test database: PostgreSQL ${server} on ${found}\n`);
  } else {
    await admin.query(`DROP DATABASE IF EXISTS ${template}`);
    await admin.query(
      `CREATE DATABASE ${template} ENCODING 'UTF8' TEMPLATE template0 LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
    );
    const db = connect(nodeUrl(adminUrl, null, template), 2);
    await migrateToLatest(db);
    await db.destroy();
    process.stdout.write(
      `test database: PostgreSQL ${server} (${process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'embedded'})\n`,
    );
  }
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  project.provide('pgDatabasePrefix', `ss_t_${RUN}_`);
  project.provide('pgCitusWorkers', workers);

  return async () => {
    if (cluster) {
      for (const name of await citusDatabases(cluster, TEST_DATABASES)) await dropCitusDatabase(cluster, name);
    } else {
      const { rows } = await admin.query<{ datname: string }>(
        `SELECT datname FROM pg_database WHERE datname LIKE $1 OR datname = $2`,
        [TEST_DATABASES, template],
      );
      for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    }
    await admin.end();
    await stopEmbedded?.();
    if (dir) await rm(dir, { recursive: true, force: true });
  };
}
