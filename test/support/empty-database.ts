/**
 * An empty database of its own on the test server (no migrations run), for tests of
 * the migrations themselves. `drop()` closes the pool and removes the database. On
 * Citus it exists on every node with the extension and the workers added, so the
 * migrations also place the tables there (test/support/citus.ts).
 */
import pg from 'pg';
import { inject } from 'vitest';
import { connect, type Database } from '../../src/server/db/connection.js';
import { createCitusDatabase, dropCitusDatabase, nodeUrl } from './citus.js';
import { testCluster } from './db.js';

export async function emptyDatabase(
  label: string,
  /** citus: false — a plain database even on a Citus run (on the coordinator, without the extension). */
  opts: { citus?: boolean } = {},
): Promise<{ url: string; db: Database; drop: () => Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `${inject('pgDatabasePrefix')}${label}_${process.pid}`;
  const url = nodeUrl(adminUrl, null, name);
  const cluster = opts.citus === false ? null : testCluster();
  if (cluster) {
    await dropCitusDatabase(cluster, name);
    await createCitusDatabase(cluster, name);
    const db = connect(url, 2);
    return {
      url,
      db,
      drop: async () => {
        await db.destroy();
        await dropCitusDatabase(cluster, name);
      },
    };
  }
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  const db = connect(url, 2);
  return {
    url,
    db,
    drop: async () => {
      await db.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
