/**
 * Area scope, the one primitive every module uses to decide what exists for whom.
 *
 * A `Scope` is an area subtree: the actor's own (`actorScope`), an area inside it that
 * a request names (`areaInScope`), or the area of a non-person principal read from the
 * database (a registration code, a job's target: `scopeOfArea`). Records carry the
 * materialized path of their area (`area_path`, or `path` on `areas`), so "inside the
 * scope" is a prefix match on an indexed column, written here and nowhere else:
 *
 *   q.where(inScope(c, 'p.area_path'))               // any Kysely query
 *   sql`… WHERE ${inScope(scope, 'a.path')} …`       // raw SQL
 *   await recordInScope(c, 'persons', id)             // one record, or 404
 *   const area = await areaInScope(c, areaId, { levels: ['grid'] })
 *
 * A record outside the scope answers 404, exactly like a missing one (deny by default:
 * no scope, nothing visible). A Scope can only be made here, so no query can be handed
 * a path typed by hand.
 */
import { type RawBuilder, sql, type SqlBool } from 'kysely';
import type { AreaLevel } from '../../domain/areas.js';
import type { DB } from '../db/types.js';
import type { ActorContext } from './context.js';
import { AppError, fieldProblem, notFound } from './errors.js';

declare const SCOPE: unique symbol;

export interface Scope {
  /** The root area of the subtree. */
  readonly areaId: string;
  /** Its materialized path, `/districtId/…/areaId/`. */
  readonly path: string;
  readonly districtId: string;
  readonly level: AreaLevel;
  readonly [SCOPE]: true;
}

interface AreaRow {
  id: string;
  path: string;
  district_id: string;
  level: AreaLevel;
}

function make(a: { areaId: string; path: string; districtId: string; level: AreaLevel }): Scope {
  return Object.freeze({ ...a }) as Scope;
}

const scopes = new WeakMap<object, Scope>();

/** The signed-in actor's subtree. */
export function actorScope(c: ActorContext): Scope {
  let s = scopes.get(c.actor);
  if (!s) {
    s = make({
      areaId: c.actor.areaId,
      path: c.actor.areaPath,
      districtId: c.actor.districtId,
      level: c.actor.areaLevel,
    });
    scopes.set(c.actor, s);
  }
  return s;
}

/**
 * The subtree of an area read from the database for a principal that is not a person:
 * a registration code's area, an import job's target. Never build one from input.
 */
export function scopeOfArea(area: AreaRow): Scope {
  return make({ areaId: String(area.id), path: area.path, districtId: String(area.district_id), level: area.level });
}

const of = (s: Scope | ActorContext): Scope => ('actor' in s ? actorScope(s) : s);

/** A column holding a materialized area path: `area_path`, `a.path`, `t.approver_path`… */
export type PathColumn = `${string}path`;

/**
 * The district key beside a path column: `p.area_path` → `p.district_id`, `path` →
 * `district_id`. Every table with an area path carries it (db/layout.ts).
 */
function districtOf(column: PathColumn): string {
  const dot = column.lastIndexOf('.');
  return dot < 0 ? 'district_id' : `${column.slice(0, dot)}.district_id`;
}

/**
 * `district_id = 1 AND column LIKE '/1/30/%'`: the row's area lies inside the scope (the
 * scope's own area included). The district key pins the query to the district's shard on
 * Citus (and is implied by the path everywhere else).
 */
export function inScope(s: Scope | ActorContext, column: PathColumn): RawBuilder<SqlBool> {
  const scope = of(s);
  return sql<SqlBool>`(${sql.ref(districtOf(column))} = ${scope.districtId} and ${sql.ref(column)} like ${`${scope.path}%`})`;
}

/**
 * Areas on the scope's branch in both directions: inside it, or one of its ancestors
 * (a care site of the district serves every grid; a grid's own site is not the street's).
 */
export function onBranch(s: Scope | ActorContext, column: PathColumn): RawBuilder<SqlBool> {
  const { path, districtId } = of(s);
  return sql<SqlBool>`(${sql.ref(districtOf(column))} = ${districtId} and (${sql.ref(column)} like ${`${path}%`} or ${path} like ${sql.ref(column)} || '%'))`;
}

/** For a path already read: does it lie inside the scope? */
export function contains(s: Scope | ActorContext, path: string): boolean {
  return path.startsWith(of(s).path);
}

/** True when the scope is exactly one area (a grid worker in their grid). */
export function isScopeArea(s: Scope | ActorContext, path: string): boolean {
  return of(s).path === path;
}

export interface ScopedArea {
  id: string;
  code: string;
  name: string;
  level: AreaLevel;
  path: string;
  district_id: string;
  retired_at: Date | null;
  /** The subtree under this area: narrows a query to it. */
  scope: Scope;
}

export interface AreaOptions {
  /** Levels the area must be at (AREA_LEVEL_MISMATCH otherwise). */
  levels?: readonly AreaLevel[];
  /** Refuse a retired area (AREA_RETIRED). */
  active?: boolean;
  /** The request field that named the area, for the field-level refusal. */
  field?: string;
}

/** An area the request names, inside the actor's scope (404 outside, like a missing one). */
export async function areaInScope(c: ActorContext, areaId: string, opts: AreaOptions = {}): Promise<ScopedArea> {
  const a = await c.db
    .selectFrom('areas')
    .select(['id', 'code', 'name', 'level', 'path', 'district_id', 'retired_at'])
    .where('id', '=', areaId)
    .where(inScope(c, 'path'))
    .executeTakeFirst();
  if (!a) throw notFound();
  const field = opts.field ?? 'areaId';
  if (opts.levels && !opts.levels.includes(a.level))
    throw new AppError('AREA_LEVEL_MISMATCH', [fieldProblem(field, 'invalid')]);
  if (opts.active && a.retired_at) throw new AppError('AREA_RETIRED', [fieldProblem(field, 'invalid')]);
  return { ...a, scope: scopeOfArea(a) };
}

/** An area the request may name or leave out: the named one, else the actor's own scope. */
export async function scopeOrArea(c: ActorContext, areaId: string | undefined, opts: AreaOptions = {}): Promise<Scope> {
  return areaId ? (await areaInScope(c, areaId, opts)).scope : actorScope(c);
}

/** The grid a registry record is placed on: inside the actor's scope, a grid, not retired. */
export function gridInScope(c: ActorContext, gridId: string): Promise<ScopedArea> {
  return areaInScope(c, gridId, { levels: ['grid'], active: true, field: 'gridId' });
}

/** Tables whose rows carry their area's path in `area_path`. */
export type ScopedTable = {
  [T in keyof DB]: DB[T] extends { area_path: unknown; id: unknown } ? T : never;
}[keyof DB];

/**
 * One record by id, inside the scope, or 404. `lock` takes the row lock for a write
 * that decides on it (FOR UPDATE).
 */
export async function recordInScope(
  c: ActorContext,
  table: ScopedTable,
  id: string,
  opts: { lock?: boolean; scope?: Scope } = {},
): Promise<void> {
  const found = await sql<{ id: string }>`select id from ${sql.table(table)} where id = ${id} and ${inScope(
    opts.scope ?? c,
    'area_path',
  )}${opts.lock ? sql` for update` : sql``}`.execute(c.db);
  if (found.rows.length === 0) throw notFound();
}
