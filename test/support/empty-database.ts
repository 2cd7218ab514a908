/**
 * An empty database of its own on the test server (no migrations run), for tests of
 * the migrations themselves. `drop()` closes the pool and removes the database.
 */
import pg from 'pg';
import { inject } from 'vitest';
import { connect, type Database } from '../../src/server/db/connection.js';

export async function emptyDatabase(label: string): Promise<{ url: string; db: Database; drop: () => Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `ss_t_${label}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = connect(url.toString(), 2);
  return {
    url: url.toString(),
    db,
    drop: async () => {
      await db.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}
