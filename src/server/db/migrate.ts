import { Migrator } from 'kysely';
import { applyLayout, type LayoutOutcome } from './citus.js';
import type { Database } from './connection.js';
import { migrationProvider } from './migrations/index.js';

export interface MigrationOutcome {
  applied: string[];
  /** What the Citus layout placed (db/citus.ts); null on plain PostgreSQL. */
  citus: LayoutOutcome | null;
}

/**
 * Applies every pending migration, then, on a database with the citus extension, the
 * table layout (db/layout.ts); throws with the failing migration's name, or with each
 * table Citus refused.
 */
export async function migrateToLatest(db: Database): Promise<MigrationOutcome> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error) {
    const cause = error instanceof Error ? error : new Error(JSON.stringify(error));
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause.message}`, { cause });
  }
  const applied = (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  return { applied, citus: await applyLayout(db) };
}
