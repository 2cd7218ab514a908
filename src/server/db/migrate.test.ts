import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { connect } from './connection.js';
import { migrateToLatest } from './migrate.js';

describe('migrations', () => {
  it('migrate an empty database to the latest schema, then find nothing left to do', async () => {
    const adminUrl = inject('pgAdminUrl');
    const name = `ss_t_empty_${process.pid}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name}`);
    await admin.query(`CREATE DATABASE ${name} ENCODING 'UTF8' TEMPLATE template0`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const db = connect(url.toString(), 2);
    try {
      const first = await migrateToLatest(db);
      expect(first.applied).toContain('2026-11-29T0900-foundation');
      const { rows } = await sql<{
        t: string;
      }>`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`.execute(db);
      expect(rows.map((r) => r.t)).toEqual(
        expect.arrayContaining(['areas', 'area_counters', 'audit_log', 'jobs', 'sessions', 'users']),
      );
      expect((await migrateToLatest(db)).applied).toEqual([]);
    } finally {
      await db.destroy();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});
