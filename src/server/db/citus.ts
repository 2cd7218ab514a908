/**
 * Places the tables on a Citus cluster as `layout.ts` says (issue 13), after the
 * migrations: reference tables first, then the distributed ones by `district_id`, all
 * co-located, each after the tables its foreign keys point at. Local tables stay on the
 * coordinator; those linked to a Citus table by a foreign key become Citus local tables
 * there (see the end of applyLayout). On plain PostgreSQL (the embedded default, a
 * single server) it does nothing: the database has no citus extension.
 *
 * Idempotent: a table Citus already holds as the layout wants is left alone, so it runs
 * after every `migrateToLatest` and places only the tables new migrations added.
 */
import { type Kysely, type RawBuilder, sql } from 'kysely';
import { DISTRIBUTION_COLUMN, LAYOUT, type Placement } from './layout.js';

/** A foreign key: table `from` points at table `to`. */
export interface ForeignKey {
  from: string;
  to: string;
}

export interface LayoutOutcome {
  /** `citus_version()`, e.g. "Citus 13.2.2 on x86_64-pc-linux-gnu, …". */
  citus: string;
  /** Tables this call made reference, distributed or Citus local, in that order. */
  placed: string[];
}

/**
 * `tables` ordered so that each comes after the tables (of `tables`) its foreign keys
 * point at, otherwise in the order given. Keys to a table outside the list and a table's
 * keys to itself do not constrain the order. Throws on a cycle, naming its tables.
 */
export function creationOrder(tables: readonly string[], keys: readonly ForeignKey[]): string[] {
  const wanted = new Set(tables);
  const needs = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const { from, to } of keys) if (from !== to && wanted.has(to)) needs.get(from)?.add(to);
  const order: string[] = [];
  const done = new Set<string>();
  let left = [...new Set(tables)];
  while (left.length > 0) {
    const next = left.find((t) => [...needs.get(t)!].every((n) => done.has(n)));
    if (next === undefined) {
      throw new Error(`Citus layout: foreign keys form a cycle among ${left.join(', ')}`);
    }
    order.push(next);
    done.add(next);
    left = left.filter((t) => t !== next);
  }
  return order;
}

interface PgError {
  message: string;
  detail?: string;
  hint?: string;
}

function citusMessage(e: unknown): string {
  const err = e as Partial<PgError>;
  const parts = [err.message ?? String(e), err.detail && `(${err.detail})`, err.hint && `hint: ${err.hint}`];
  return parts.filter(Boolean).join(' ');
}

/** What Citus holds now: `citus_tables.citus_table_type` by table ('distributed', 'reference', 'local'). */
async function citusTables<DB>(conn: Kysely<DB>): Promise<Map<string, string>> {
  const { rows } = await sql<{ name: string; type: string }>`
    SELECT c.relname AS name, t.citus_table_type AS type
    FROM citus_tables t JOIN pg_class c ON c.oid = t.table_name::oid
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'`.execute(conn);
  return new Map(rows.map((r) => [r.name, r.type]));
}

/**
 * The local tables (of `locals`) linked by a foreign key, directly or through other such
 * local tables, to a table of `citus`, in the order given.
 */
export function linkedLocals(
  locals: readonly string[],
  citus: ReadonlySet<string>,
  keys: readonly ForeignKey[],
): string[] {
  const linked = new Set<string>();
  const reached = (t: string) => citus.has(t) || linked.has(t);
  for (let grew = true; grew;) {
    grew = false;
    for (const t of locals) {
      if (linked.has(t)) continue;
      if (keys.some((k) => (k.from === t && reached(k.to)) || (k.to === t && reached(k.from)))) {
        linked.add(t);
        grew = true;
      }
    }
  }
  return locals.filter((t) => linked.has(t));
}

/**
 * Makes `tables` Citus local tables, in one transaction. Citus adds a table linked by
 * foreign keys only with all the tables linked to it ("cascade_via_foreign_keys"), and
 * then drops and re-creates the keys of every table in the graph — the distributed
 * ones too, through the reference tables: 5 s here for six tables. Instead the keys
 * touching these tables are dropped, the tables added one by one, and the keys added
 * back (0.5 s).
 */
async function addLocalTables<DB>(conn: Kysely<DB>, tables: string[]): Promise<void> {
  const { rows: fks } = await sql<{ tbl: string; name: string; def: string }>`
    SELECT k.conrelid::regclass::text AS tbl, k.conname AS name, pg_get_constraintdef(k.oid) AS def
    FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE k.contype = 'f' AND n.nspname = 'public' AND (c.relname = ANY(${tables}) OR r.relname = ANY(${tables}))
    ORDER BY k.oid`.execute(conn);
  await sql`BEGIN`.execute(conn);
  try {
    for (const fk of fks) await sql`ALTER TABLE ${sql.raw(fk.tbl)} DROP CONSTRAINT ${sql.id(fk.name)}`.execute(conn);
    for (const table of tables) {
      await sql`SELECT citus_add_local_table_to_metadata(${`public.${table}`})`.execute(conn);
    }
    for (const fk of fks) {
      await sql`ALTER TABLE ${sql.raw(fk.tbl)} ADD CONSTRAINT ${sql.id(fk.name)} ${sql.raw(fk.def)}`.execute(conn);
    }
    await sql`COMMIT`.execute(conn);
  } catch (e) {
    await sql`ROLLBACK`.execute(conn);
    throw e;
  }
}

/**
 * Applies the layout when the database has the citus extension; returns what it did,
 * or null on plain PostgreSQL. Every table is tried; if any could not be placed, it
 * throws one error naming each such table with Citus' message.
 */
export async function applyLayout<DB>(db: Kysely<DB>, layout: Record<string, Placement> = LAYOUT) {
  const { rows: ext } = await sql<{ one: number }>`SELECT 1 AS one FROM pg_extension WHERE extname = 'citus'`.execute(
    db,
  );
  if (ext.length === 0) return null;

  // One connection for the whole placement: the session settings below hold on it.
  return db.connection().execute(async (conn): Promise<LayoutOutcome> => {
    const { rows: version } = await sql<{ v: string; d: string }>`
      SELECT citus_version() AS v, current_database() AS d`.execute(conn);
    const { v: citus, d: database } = version[0]!;

    // Two settings for this database (not the whole server). Citus reads them on the
    // coordinator, where DDL runs, and copies them to every worker: CREATE EXTENSION
    // citus makes the database a distributed object, so ALTER DATABASE … SET propagates,
    // and a worker added later receives it. ALTER DATABASE reaches new sessions only:
    // this one sets them for itself too.
    //  - citus.enable_unsafe_triggers: without it Citus refuses to distribute a table
    //    with triggers ("cannot distribute relation because it has triggers") and to
    //    create, enable or disable a trigger on a reference or distributed table. The
    //    schema keeps a few triggers that filter by district, and the bulk loads disable
    //    and re-enable the counter triggers.
    //  - citus.enable_local_reference_table_foreign_keys off: otherwise making a
    //    reference table (or creating a table with a key to one) turns every table linked
    //    to it by foreign keys into a "Citus local table", and those cannot then be
    //    distributed one by one (Citus drops and re-creates a converted table's keys, and
    //    refuses the re-created key between a distributed and a Citus local table).
    //    Tables are placed here, each as the layout says; the local ones last.
    for (const setting of [
      'citus.enable_unsafe_triggers = on',
      'citus.enable_local_reference_table_foreign_keys = off',
    ]) {
      await sql`ALTER DATABASE ${sql.id(database)} SET ${sql.raw(setting)}`.execute(conn);
      await sql`SET ${sql.raw(setting)}`.execute(conn);
    }

    const held = await citusTables(conn);
    const { rows: present } = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`.execute(conn);
    const { rows: keys } = await sql<ForeignKey>`
      SELECT c.relname AS "from", r.relname AS "to"
      FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class r ON r.oid = k.confrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE k.contype = 'f' AND n.nspname = 'public'`.execute(conn);
    const inDatabase = new Set(present.map((r) => r.name));
    const of = (kind: Placement['kind']) =>
      Object.entries(layout)
        .filter(([name, p]) => p.kind === kind && inDatabase.has(name))
        .map(([name]) => name);

    // The coordinator must be in the metadata: it then keeps its own copy of each
    // reference table, which the local tables' foreign keys (sessions → users, …) point at.
    const toReference = of('reference').filter((t) => held.get(t) !== 'reference');
    if (toReference.length > 0) {
      const { rows: coordinator } = await sql`SELECT 1 FROM pg_dist_node WHERE groupid = 0`.execute(conn);
      if (coordinator.length === 0) {
        throw new Error(
          `Citus layout: the coordinator is not in the cluster's metadata (run SELECT citus_set_coordinator_host('<host>', <port>) in ${database}); ${toReference.join(', ')} cannot become reference tables without it`,
        );
      }
    }

    const placed: string[] = [];
    const failures: string[] = [];
    const attempt = async (table: string, kind: Placement['kind'], statement: RawBuilder<unknown>) => {
      try {
        await statement.execute(conn);
        placed.push(table);
        return true;
      } catch (e) {
        failures.push(`${table} (${kind}): ${citusMessage(e)}`);
        return false;
      }
    };

    // Reference tables, then distributed ones, each after the tables its keys point at;
    // the distributed ones co-located with the first distributed table Citus holds.
    let anchor: string | null = null;
    for (const kind of ['reference', 'distributed'] as const) {
      for (const table of creationOrder(of(kind), keys)) {
        const type = held.get(table);
        const name = `public.${table}`;
        if (type === kind) {
          if (kind === 'distributed') anchor ??= table;
        } else if (type !== undefined && type !== 'local') {
          failures.push(`${table} (${kind}): Citus holds it as a ${type} table`);
        } else if (kind === 'reference') {
          await attempt(table, kind, sql`SELECT create_reference_table(${name})`);
        } else if (anchor === null) {
          if (await attempt(table, kind, sql`SELECT create_distributed_table(${name}, ${DISTRIBUTION_COLUMN})`))
            anchor = table;
        } else {
          await attempt(
            table,
            kind,
            sql`SELECT create_distributed_table(${name}, ${DISTRIBUTION_COLUMN}, colocate_with => ${`public.${anchor}`})`,
          );
        }
      }
    }

    // A local table linked by a foreign key to a Citus table becomes a Citus local table
    // (still only on the coordinator), with its keys on the coordinator's copy of the
    // reference table. Left a plain table, its key points at the empty shell Citus leaves
    // in the reference table's name: ON DELETE CASCADE from the reference table then
    // never reaches it (measured: a user's sessions would outlive the user).
    // Not after a failure: the tables Citus refused stay plain, to be placed by a run
    // after the fix.
    if (failures.length === 0) {
      const now = await citusTables(conn);
      const locals = linkedLocals(
        of('local').filter((t) => !now.has(t)),
        new Set(now.keys()),
        keys,
      );
      if (locals.length > 0) {
        try {
          await addLocalTables(conn, locals);
          placed.push(...locals);
        } catch (e) {
          failures.push(`${locals.join(', ')} (local): ${citusMessage(e)}`);
        }
      }
    }

    if (failures.length > 0) {
      const list = failures.map((f) => `\n  - ${f}`).join('');
      const done = placed.length > 0 ? ` (placed now: ${placed.join(', ')})` : '';
      throw new Error(`Citus layout: ${failures.length} table(s) could not be placed${done}:${list}`);
    }
    return { citus, placed };
  });
}
