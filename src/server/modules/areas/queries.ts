/** Area SQL. Every query that reads takes the actor's scope path and stays inside it. */
import { sql } from 'kysely';
import { areaKind } from '../../../domain/areas.js';
import type { Area } from '../../db/types.js';
import type { RequestContext } from '../../http/context.js';
import type { AreaDto } from './schemas.js';

const childCount = (includeRetired: boolean) =>
  sql<number>`(SELECT count(*)::int FROM areas c WHERE c.parent_id = areas.id ${includeRetired ? sql`` : sql`AND c.retired_at IS NULL`})`.as('child_count');

/** The columns an area DTO needs; the audit columns stay in the database. */
const COLUMNS = ['id', 'district_id', 'parent_id', 'level', 'code', 'stat_code', 'vintage', 'name', 'path', 'depth', 'retired_at', 'demo'] as const;

export type AreaRow = Pick<Area, (typeof COLUMNS)[number]> & { child_count: number };

export function toDto(row: AreaRow): AreaDto {
  return {
    id: row.id,
    parentId: row.parent_id,
    level: row.level,
    kind: areaKind(row.level, row.code),
    code: row.code,
    statCode: row.stat_code,
    vintage: row.vintage,
    name: row.name,
    path: row.path,
    depth: row.depth,
    retiredAt: row.retired_at ? row.retired_at.toISOString() : null,
    demo: row.demo,
    childCount: row.child_count,
  };
}

export function findInScope(ctx: RequestContext, scopePath: string, id: string, opts: { lock?: boolean } = {}) {
  let q = ctx.db
    .selectFrom('areas')
    .select(COLUMNS)
    .select(childCount(false))
    .where('id', '=', id)
    .where('path', 'like', `${scopePath}%`);
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst() as Promise<AreaRow | undefined>;
}

/**
 * The children of `parentId` in one round trip, together with the scope root and
 * the parent themselves (both come back only when inside the scope).
 */
export async function listChildren(
  ctx: RequestContext,
  scope: { rootId: string; path: string },
  parentId: string,
  opts: { includeRetired: boolean; after: (string | number)[] | null; limit: number },
) {
  const rows = (await ctx.db
    .selectFrom('areas')
    .select(COLUMNS)
    .select(childCount(opts.includeRetired))
    .where('path', 'like', `${scope.path}%`)
    .where((eb) =>
      eb.or([
        eb('id', 'in', [scope.rootId, parentId]),
        eb.and([
          eb('parent_id', '=', parentId),
          ...(opts.includeRetired ? [] : [eb('retired_at', 'is', null)]),
          ...(opts.after ? [sql<boolean>`(code, id) > (${opts.after[0]}, ${opts.after[1]}::bigint)`] : []),
        ]),
      ]),
    )
    .orderBy(sql`id IN (${scope.rootId}, ${parentId})`, 'desc')
    .orderBy('code')
    .orderBy('id')
    .limit(opts.limit + 3)
    .execute()) as AreaRow[];
  const root = rows.find((r) => r.id === scope.rootId);
  const parent = rows.find((r) => r.id === parentId);
  const children = rows.filter((r) => r.parent_id === parentId && r.id !== scope.rootId).slice(0, opts.limit + 1);
  return { root, parent, children };
}

export function search(
  ctx: RequestContext,
  scopePath: string,
  text: string,
  opts: { includeRetired: boolean; after: (string | number)[] | null; limit: number },
) {
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  let q = ctx.db
    .selectFrom('areas')
    .select(COLUMNS)
    .select(childCount(opts.includeRetired))
    .where('path', 'like', `${scopePath}%`)
    .where((eb) => eb.or([eb('name', 'ilike', `%${escaped}%`), eb('code', 'like', `${escaped}%`)]));
  if (!opts.includeRetired) q = q.where('retired_at', 'is', null);
  if (opts.after) q = q.where(sql<boolean>`(depth, code, id) > (${opts.after[0]}, ${opts.after[1]}, ${opts.after[2]}::bigint)`);
  return q.orderBy('depth').orderBy('code').orderBy('id').limit(opts.limit + 1).execute() as Promise<AreaRow[]>;
}

export function ancestors(ctx: RequestContext, ids: string[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return ctx.db.selectFrom('areas').select(['id', 'name', 'level', 'code', 'depth']).where('id', 'in', ids).orderBy('depth').execute();
}

/** What ties an area down: sub-areas, accounts, jobs, or counters of records kept under it. */
export async function holdings(ctx: RequestContext, id: string) {
  const row = await ctx.db
    .selectNoFrom((eb) => [
      eb.selectFrom('areas').select(sql<number>`count(*)::int`.as('n')).where('parent_id', '=', id).where('retired_at', 'is', null).as('activeChildren'),
      eb.selectFrom('areas').select(sql<number>`count(*)::int`.as('n')).where('parent_id', '=', id).as('children'),
      eb.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).where('area_id', '=', id).where('disabled_at', 'is', null).as('activeUsers'),
      eb.selectFrom('users').select(sql<number>`count(*)::int`.as('n')).where('area_id', '=', id).as('users'),
      eb.selectFrom('jobs').select(sql<number>`count(*)::int`.as('n')).where('area_id', '=', id).as('jobs'),
      eb.selectFrom('area_counters').select(sql<number>`count(*)::int`.as('n')).where('area_id', '=', id).where('metric', 'not like', 'areas.%').where('value', '<>', '0').as('records'),
    ])
    .executeTakeFirstOrThrow();
  return row as { activeChildren: number; children: number; activeUsers: number; users: number; jobs: number; records: number };
}
