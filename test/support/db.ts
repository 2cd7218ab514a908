import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { connect } from '../../src/server/db/connection.js';
import { migrateToLatest } from '../../src/server/db/migrate.js';
import { createCitusDatabase, dropCitusDatabase, nodeUrl, type Cluster } from './citus.js';

/** The Citus cluster of this run (TEST_CITUS_WORKERS), or null on plain PostgreSQL. */
export function testCluster(): Cluster | null {
  const workers = inject('pgCitusWorkers');
  return workers.length > 0 ? { adminUrl: inject('pgAdminUrl'), workers } : null;
}

/**
 * A fresh, migrated database of its own; returns its URL. On plain PostgreSQL it is
 * cloned from the template the global setup migrated; on Citus it is created on every
 * node and migrated, which also distributes its tables (test/support/citus.ts).
 */
export async function createTestDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `${inject('pgDatabasePrefix')}${randomBytes(6).toString('hex')}`;
  const url = nodeUrl(adminUrl, null, name);
  const cluster = testCluster();
  if (cluster) {
    await createCitusDatabase(cluster, name);
    try {
      const db = connect(url, 2);
      try {
        await migrateToLatest(db);
      } finally {
        await db.destroy();
      }
    } catch (e) {
      await dropCitusDatabase(cluster, name);
      throw e;
    }
    return { url, drop: () => dropCitusDatabase(cluster, name) };
  }
  const template = inject('pgTemplate');
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  } finally {
    await admin.end();
  }
  return {
    url,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}
