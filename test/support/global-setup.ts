/**
 * One PostgreSQL for the whole run: the embedded one in a temp dir, or the server
 * in TEST_DATABASE_URL. Migrations run once into a template database; every test
 * file clones its own database from it.
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

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgTemplate: string;
  }
}

export default async function setup(project: TestProject) {
  const log = pino({ level: 'warn' });
  let adminUrl = process.env.TEST_DATABASE_URL;
  let stopEmbedded: (() => Promise<void>) | null = null;
  let dir: string | null = null;
  if (!adminUrl) {
    dir = await mkdtemp(path.join(tmpdir(), 'ss-test-'));
    const embedded = await startEmbedded(dir, log);
    adminUrl = embedded.url('postgres');
    stopEmbedded = () => embedded.stop();
  }
  const template = `ss_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(
    `CREATE DATABASE ${template} ENCODING 'UTF8' TEMPLATE template0 LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'`,
  );
  const url = new URL(adminUrl);
  url.pathname = `/${template}`;
  const db = connect(url.toString(), 2);
  await migrateToLatest(db);
  await db.destroy();
  const server = (await admin.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v;
  process.stdout.write(
    `test database: PostgreSQL ${server} (${process.env.TEST_DATABASE_URL ? 'TEST_DATABASE_URL' : 'embedded'})\n`,
  );
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);

  return async () => {
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname LIKE 'ss_t_%' OR datname = $1`,
      [template],
    );
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`);
    await admin.end();
    await stopEmbedded?.();
    if (dir) await rm(dir, { recursive: true, force: true });
  };
}
