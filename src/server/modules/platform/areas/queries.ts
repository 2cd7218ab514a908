/**
 * Area SQL for writes and checks inside transactions (reads of the tree go through
 * the in-memory directory). An area is found inside the actor's scope, or not at all.
 */
import { sql } from 'kysely';
import type { Area } from '../../../db/types.js';
import { AREA_COLUMNS } from '../../../kernel/area-directory.js';
import type { ActorContext, Context } from '../../../kernel/context.js';
import { inScope } from '../../../kernel/scope.js';
import type { AreaDto } from './schemas.js';
import { areaDto } from './tree.js';

const activeChildCount =
  sql<number>`(SELECT count(*)::int FROM areas c WHERE c.parent_id = areas.id AND c.retired_at IS NULL)`.as(
    'child_count',
  );

export type AreaRow = Pick<Area, (typeof AREA_COLUMNS)[number]> & { child_count: number };

export const toDto = (row: AreaRow): AreaDto => areaDto(row, row.child_count);

export function findInScope(c: ActorContext, id: string, opts: { lock?: boolean } = {}) {
  let q = c.db
    .selectFrom('areas')
    .select(AREA_COLUMNS)
    .select(activeChildCount)
    .where('id', '=', id)
    .where(inScope(c, 'path'));
  if (opts.lock) q = q.forUpdate();
  return q.executeTakeFirst() as Promise<AreaRow | undefined>;
}

/** The code of an area's parent, which may lie above the actor's scope (a code extends its parent's). */
export async function parentCode(ctx: Context, parentId: string | null): Promise<string | null> {
  if (!parentId) return null;
  const row = await ctx.db.selectFrom('areas').select('code').where('id', '=', parentId).executeTakeFirst();
  return row?.code ?? null;
}

/** What ties an area down: sub-areas, accounts, jobs, or counters of records kept under it (in its district's). */
export async function holdings(ctx: Context, area: { id: string; district_id: string }) {
  const id = area.id;
  const row = await ctx.db
    .selectNoFrom((eb) => [
      eb
        .selectFrom('areas')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('parent_id', '=', id)
        .where('retired_at', 'is', null)
        .as('activeChildren'),
      eb
        .selectFrom('areas')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('parent_id', '=', id)
        .as('children'),
      eb
        .selectFrom('users')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('area_id', '=', id)
        .where('disabled_at', 'is', null)
        .as('activeUsers'),
      eb
        .selectFrom('users')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('area_id', '=', id)
        .as('users'),
      eb
        .selectFrom('jobs')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('area_id', '=', id)
        .as('jobs'),
      eb
        .selectFrom('area_counters')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('district_id', '=', area.district_id)
        .where('area_id', '=', id)
        .where('value', '<>', '0')
        .as('records'),
    ])
    .executeTakeFirstOrThrow();
  return row as {
    activeChildren: number;
    children: number;
    activeUsers: number;
    users: number;
    jobs: number;
    records: number;
  };
}
