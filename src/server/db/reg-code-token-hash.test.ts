/**
 * The migration that stops keeping registration-code tokens: an existing code's token is
 * replaced by its SHA-256 as the server hashes a token it is given (so posters already on
 * the walls keep working), the plaintext column is gone, and the hash stays unique.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Migrator, sql } from 'kysely';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { emptyDatabase } from '../../../test/support/empty-database.js';
import { migrateToLatest } from './migrate.js';
import { migrationProvider } from './migrations/index.js';

const MIGRATION = '2026-12-03T0810-reg-code-token-hash';

describe(`migration ${MIGRATION}`, () => {
  it('hashes the tokens of existing codes as the server does and drops the plaintext', async () => {
    // Plain even on a Citus run: the codes below skip their foreign keys, which Citus
    // checks when it distributes the table at the end of the migrations.
    const { url, db, drop } = await emptyDatabase('regtok', { citus: false });
    const direct = new pg.Client({ connectionString: url });
    try {
      const names = Object.keys(await migrationProvider.getMigrations()).sort();
      const before = names[names.indexOf(MIGRATION) - 1]!;
      const migrator = new Migrator({
        db,
        provider: migrationProvider,
        migrationTableName: 'schema_migrations',
        migrationLockTableName: 'schema_migrations_lock',
      });
      expect((await migrator.migrateTo(before)).error).toBeUndefined();

      // Two codes as the earlier schema kept them (their area and author do not matter here).
      const tokens = [randomBytes(18).toString('base64url'), randomBytes(18).toString('base64url')];
      await direct.connect();
      await direct.query(`SET session_replication_role = replica`);
      for (const token of tokens)
        await direct.query(
          `INSERT INTO reg_codes (id, district_id, area_id, area_path, token, purpose, responsible_name, responsible_phone, expires_at, created_by, created_at, updated_at)
           VALUES ($1, 1, 1, '/1/', $2, 'resident', '李网格', '13800138000', now(), $3, now(), now())`,
          [randomUUID(), token, randomUUID()],
        );

      expect((await migrateToLatest(db)).applied).toContain(MIGRATION);
      const { rows: columns } = await sql<{ c: string }>`
        SELECT column_name AS c FROM information_schema.columns WHERE table_name = 'reg_codes'`.execute(db);
      expect(columns.map((r) => r.c)).toContain('token_hash');
      expect(columns.map((r) => r.c)).not.toContain('token');
      const { rows } = await sql<{ token_hash: string }>`SELECT token_hash FROM reg_codes`.execute(db);
      expect(rows.map((r) => r.token_hash).sort()).toEqual(
        tokens.map((tk) => createHash('sha256').update(tk).digest('hex')).sort(),
      );
      // The hash stays unique (a lookup finds one code at most).
      await expect(
        direct.query(
          `INSERT INTO reg_codes (id, district_id, area_id, area_path, token_hash, purpose, responsible_name, responsible_phone, expires_at, created_by, created_at, updated_at)
           VALUES ($1, 1, 1, '/1/', $2, 'resident', '李网格', '13800138000', now(), $3, now(), now())`,
          [randomUUID(), rows[0]!.token_hash, randomUUID()],
        ),
      ).rejects.toMatchObject({ code: '23505', constraint: 'reg_codes_token_hash_key' });
    } finally {
      await direct.end().catch(() => undefined);
      await drop();
    }
  });
});
