/**
 * The last line behind the shared name rules (src/domain/names.ts, issue 12): no name of
 * a person or a place may hold an invisible character — control (Cc) and format (Cf)
 * characters such as zero-width spaces, bidi overrides and the byte-order mark, the Hangul
 * fillers — or a noncharacter. The application refuses these before any query; this
 * catches a writer that forgets to (pg-errors.ts answers `invisible_character` on the
 * field). The list is Unicode 15's, fixed here; the application's rules follow the engine.
 *
 * Rows written before the rules (92 in production) are not changed here: a name is how a
 * person is known and only staff can say what it should be. Each constraint is therefore
 * added NOT VALID and validated at once where no row breaks it (every new database, the
 * demo); where some do, new and updated rows are still checked (correcting the name is the
 * way to change such a row) and `SELECT … WHERE NOT name_is_visible(name)` lists them.
 */
import { type Kysely, sql } from 'kysely';

/** table, column: where persons' and places' names are kept. */
export const NAME_COLUMNS = [
  ['persons', 'name'],
  ['courtyard_contacts', 'name'],
  ['users', 'display_name'],
  ['reg_codes', 'responsible_name'],
  ['areas', 'name'],
  ['courtyards', 'name'],
  ['buildings', 'label'],
  ['units', 'label'],
  ['dwellings', 'room'],
  ['isolation_sites', 'name'],
  ['isolation_rooms', 'label'],
  ['health_categories', 'label'],
] as const;

/** Cc (from U+0001), Cf, the Hangul fillers, and the noncharacters, as a PostgreSQL bracket expression. */
const BMP = [
  '\\u0001-\\u001F',
  '\\u007F-\\u009F',
  '\\u00AD',
  '\\u0600-\\u0605',
  '\\u061C',
  '\\u06DD',
  '\\u070F',
  '\\u0890-\\u0891',
  '\\u08E2',
  '\\u115F-\\u1160',
  '\\u180E',
  '\\u200B-\\u200F',
  '\\u202A-\\u202E',
  '\\u2060-\\u2064',
  '\\u2066-\\u206F',
  '\\u3164',
  '\\uFDD0-\\uFDEF',
  '\\uFEFF',
  '\\uFFA0',
  '\\uFFF9-\\uFFFB',
  '\\uFFFE-\\uFFFF',
];
const ASTRAL = [
  '\\U000110BD',
  '\\U000110CD',
  '\\U00013430-\\U0001343F',
  '\\U0001BCA0-\\U0001BCA3',
  '\\U0001D173-\\U0001D17A',
  '\\U000E0001',
  '\\U000E0020-\\U000E007F',
];
const hex8 = (n: number) => n.toString(16).toUpperCase().padStart(8, '0');
/** U+1FFFE, U+1FFFF … U+10FFFE, U+10FFFF. */
const PLANE_ENDS = Array.from(
  { length: 16 },
  (_, i) => `\\U${hex8((i + 1) * 0x10000 + 0xfffe)}-\\U${hex8((i + 1) * 0x10000 + 0xffff)}`,
);
export const HIDDEN_CLASS = `[${[...BMP, ...ASTRAL, ...PLANE_ENDS].join('')}]`;

const constraint = (table: string, column: string) => `${table}_${column}_visible`;

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE FUNCTION name_is_visible(t text) RETURNS boolean
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT t !~ ${sql.lit(HIDDEN_CLASS)} $$`.execute(db);
  for (const [table, column] of NAME_COLUMNS) {
    const name = sql.id(constraint(table, column));
    await sql`ALTER TABLE ${sql.table(table)} ADD CONSTRAINT ${name} CHECK (name_is_visible(${sql.ref(column)})) NOT VALID`.execute(
      db,
    );
    const broken = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE NOT name_is_visible(${sql.ref(column)})`.execute(db);
    if (broken.rows[0]!.n === 0) await sql`ALTER TABLE ${sql.table(table)} VALIDATE CONSTRAINT ${name}`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const [table, column] of NAME_COLUMNS)
    await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT IF EXISTS ${sql.id(constraint(table, column))}`.execute(
      db,
    );
  await sql`DROP FUNCTION IF EXISTS name_is_visible(text)`.execute(db);
}
