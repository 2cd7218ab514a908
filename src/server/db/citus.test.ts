/**
 * The Citus layout's placement (db/citus.ts): the order tables are made in, and what it
 * does to a migrated test database — nothing on plain PostgreSQL, nothing more a second
 * time on Citus (TEST_CITUS_WORKERS).
 */
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testCluster } from '../../../test/support/db.js';
import { emptyDatabase } from '../../../test/support/empty-database.js';
import { applyLayout, creationOrder, linkedLocals } from './citus.js';
import { connect } from './connection.js';
import { type Placement, tablesOf } from './layout.js';

describe('creationOrder', () => {
  it('keeps the order given when no key constrains it', () => {
    expect(creationOrder(['c', 'a', 'b'], [])).toEqual(['c', 'a', 'b']);
  });

  it('puts a table after the tables its foreign keys point at, and otherwise keeps the order given', () => {
    const keys = [
      { from: 'persons', to: 'households' },
      { from: 'households', to: 'dwellings' },
      { from: 'dwellings', to: 'courtyards' },
      { from: 'alerts', to: 'persons' },
    ];
    expect(creationOrder(['alerts', 'persons', 'audit_log', 'households', 'dwellings', 'courtyards'], keys)).toEqual([
      'audit_log',
      'courtyards',
      'dwellings',
      'households',
      'persons',
      'alerts',
    ]);
  });

  it("ignores a table's keys to itself and keys to tables outside the list", () => {
    const keys = [
      { from: 'persons', to: 'persons' },
      { from: 'persons', to: 'areas' },
      { from: 'sessions', to: 'users' },
    ];
    expect(creationOrder(['persons', 'audit_log'], keys)).toEqual(['persons', 'audit_log']);
  });

  it('names the tables of a cycle', () => {
    const keys = [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'a' },
    ];
    expect(() => creationOrder(['c', 'a', 'b'], keys)).toThrow('foreign keys form a cycle among a, b');
  });
});

describe('linkedLocals', () => {
  it('finds the local tables linked to a Citus table, directly or through other local tables, either way', () => {
    const keys = [
      { from: 'sessions', to: 'users' },
      { from: 'import_errors', to: 'jobs' },
      { from: 'jobs', to: 'areas' },
      { from: 'audit_log', to: 'uploads' },
      { from: 'notes', to: 'drafts' },
    ];
    const locals = ['sign_in_failures', 'import_errors', 'jobs', 'sessions', 'uploads', 'notes', 'drafts'];
    expect(linkedLocals(locals, new Set(['users', 'areas', 'audit_log']), keys)).toEqual([
      'import_errors',
      'jobs',
      'sessions',
      'uploads',
    ]);
  });
});

const database = await createTestDatabase();
const db = connect(database.url, 2);
const cluster = testCluster();
afterAll(async () => {
  await db.destroy();
  await database.drop();
});

describe('applyLayout on the test database', () => {
  it.skipIf(cluster)('does nothing on plain PostgreSQL', async () => {
    expect(await applyLayout(db)).toBeNull();
  });

  it.runIf(cluster)('places nothing more a second time, and holds each table as the layout says', async () => {
    expect(await applyLayout(db)).toMatchObject({ placed: [] });
    const { rows } = await sql<{ name: string; type: string }>`
      SELECT c.relname AS name, t.citus_table_type AS type
      FROM citus_tables t JOIN pg_class c ON c.oid = t.table_name::oid ORDER BY 1`.execute(db);
    const held = (type: string) => rows.filter((r) => r.type === type).map((r) => r.name);
    expect(held('distributed')).toEqual([...tablesOf('distributed')].sort());
    expect(held('reference')).toEqual([...tablesOf('reference')].sort());
  });
});

describe.runIf(cluster)('applyLayout on a small schema of its own (Citus)', () => {
  // Listed children first: the order comes from the foreign keys, not from the list.
  const layout: Record<string, Placement> = {
    t_children: { kind: 'distributed', why: 'points at t_parents and at the reference table' },
    t_parents: { kind: 'distributed', why: 'pointed at by t_children' },
    t_kinds: { kind: 'reference', why: 'pointed at by the others' },
    t_local: { kind: 'local', why: 'points at the reference table' },
    t_alone: { kind: 'local', why: 'linked to no other table' },
  };

  it('makes the reference table first, then the distributed ones in key order, co-located, triggers and all', async () => {
    const { db: own, drop } = await emptyDatabase('layout');
    try {
      await sql
        .raw(
          `
        CREATE TABLE t_kinds (id int PRIMARY KEY);
        CREATE TABLE t_parents (district_id bigint NOT NULL, id int NOT NULL, PRIMARY KEY (district_id, id));
        CREATE TABLE t_children (district_id bigint NOT NULL, id int NOT NULL, parent_id int NOT NULL,
          kind_id int NOT NULL REFERENCES t_kinds, PRIMARY KEY (district_id, id),
          FOREIGN KEY (district_id, parent_id) REFERENCES t_parents (district_id, id));
        CREATE TABLE t_local (id int PRIMARY KEY, kind_id int REFERENCES t_kinds ON DELETE CASCADE);
        CREATE TABLE t_alone (id int PRIMARY KEY);
        CREATE FUNCTION t_touch() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END';
        CREATE TRIGGER t_children_touch BEFORE INSERT ON t_children FOR EACH ROW EXECUTE FUNCTION t_touch();
      `,
        )
        .execute(own);

      expect(await applyLayout(own, layout)).toMatchObject({
        placed: ['t_kinds', 't_parents', 't_children', 't_local'],
      });
      const { rows } = await sql<{ name: string; type: string; colocation: number }>`
        SELECT table_name::text AS name, citus_table_type AS type, colocation_id AS colocation
        FROM citus_tables ORDER BY 1`.execute(own);
      expect(rows.map((r) => [r.name, r.type])).toEqual([
        ['t_children', 'distributed'],
        ['t_kinds', 'reference'],
        ['t_local', 'local'], // a Citus local table, on the coordinator only
        ['t_parents', 'distributed'],
      ]);
      const colocation = (name: string) => rows.find((r) => r.name === name)?.colocation;
      expect(colocation('t_children')).toBe(colocation('t_parents'));

      // The local table's key works against the reference table: rows go with their kind.
      await sql
        .raw(`INSERT INTO t_kinds VALUES (1); INSERT INTO t_local VALUES (1, 1); DELETE FROM t_kinds`)
        .execute(own);
      expect((await sql<{ n: string }>`SELECT count(*) AS n FROM t_local`.execute(own)).rows[0]!.n).toBe('0');

      // Both settings reached every node (Citus propagates them for this database).
      const { rows: nodes } = await sql<{ result: string }>`
        SELECT result FROM run_command_on_all_nodes(
          $$SELECT setconfig::text FROM pg_db_role_setting WHERE setdatabase =
              (SELECT oid FROM pg_database WHERE datname = current_database())$$)`.execute(own);
      expect(nodes).toHaveLength(cluster!.workers.length + 1);
      for (const n of nodes) {
        expect(n.result).toContain('citus.enable_unsafe_triggers=on');
        expect(n.result).toContain('citus.enable_local_reference_table_foreign_keys=off');
      }

      expect(await applyLayout(own, layout)).toMatchObject({ placed: [] });
    } finally {
      await drop();
    }
  });
});
