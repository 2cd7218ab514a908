/** The grid a registry record is placed on: inside the actor's scope, a grid, not retired. */
import type { ActorContext } from './context.js';
import { AppError, fieldProblem, notFound } from './errors.js';

export async function gridInScope(c: ActorContext, gridId: string) {
  const grid = await c.db
    .selectFrom('areas')
    .select(['id', 'level', 'path', 'district_id', 'retired_at'])
    .where('id', '=', gridId)
    .where('path', 'like', `${c.actor.areaPath}%`)
    .executeTakeFirst();
  if (!grid) throw notFound();
  if (grid.level !== 'grid') throw new AppError('AREA_LEVEL_MISMATCH', [fieldProblem('gridId', 'invalid')]);
  if (grid.retired_at) throw new AppError('AREA_RETIRED', [fieldProblem('gridId', 'invalid')]);
  return grid;
}
