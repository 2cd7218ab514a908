import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { emptyDatabase } from '../../../test/support/empty-database.js';
import { migrateToLatest } from './migrate.js';

describe('migrations', () => {
  it('migrate an empty database to the latest schema, then find nothing left to do', async () => {
    const { db, drop } = await emptyDatabase('empty');
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
      await drop();
    }
  });
});
