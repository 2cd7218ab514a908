/**
 * Whether the place a measure asks for is free: a room of an isolation site with a
 * place left, a hospital with a bed left. The room or the hospital is locked first, so
 * placements into it are decided one at a time, and the count that follows sees every
 * earlier one. The placement trigger checks the same when the measure is written; the
 * check here gives the form its answer even where the trigger's error comes back
 * without its constraint name (on Citus, a shard's error keeps only its message).
 */
import type { Context } from '../../../kernel/context.js';
import { AppError, fieldProblem, validationError } from '../../../kernel/errors.js';

export interface Place {
  site_id: string | null;
  room_id: string | null;
  bed: string | null;
}

/** Active measures in the room, or on a bed of the site; `replacing` (a measure being changed) left out. */
async function taken(
  c: Context,
  districtId: string,
  where: { room_id?: string; site_id?: string },
  replacing: string | null,
) {
  let q = c.db
    .selectFrom('health_measures')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('district_id', '=', districtId)
    .where('actual_end', 'is', null);
  if (where.room_id) q = q.where('room_id', '=', where.room_id);
  if (where.site_id) q = q.where('site_id', '=', where.site_id).where('bed', 'is not', null);
  if (replacing) q = q.where('id', '<>', replacing);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

/** Refuses a full room or hospital, and a room of another site; the site is known to be in scope. */
export async function checkCapacity(c: Context, districtId: string, place: Place, replacing: string | null) {
  if (place.room_id && place.site_id) {
    const room = await c.db
      .selectFrom('isolation_rooms')
      .select('capacity')
      .where('district_id', '=', districtId)
      .where('id', '=', place.room_id)
      .where('site_id', '=', place.site_id)
      .forUpdate()
      .executeTakeFirst();
    if (!room) throw validationError([fieldProblem('roomId', 'invalid')]);
    if ((await taken(c, districtId, { room_id: place.room_id }, replacing)) >= room.capacity)
      throw new AppError('ISOLATION_ROOM_FULL', [fieldProblem('roomId', 'conflict')]);
  } else if (place.bed && place.site_id) {
    const site = await c.db
      .selectFrom('isolation_sites')
      .select('beds')
      .where('district_id', '=', districtId)
      .where('id', '=', place.site_id)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if ((await taken(c, districtId, { site_id: place.site_id }, replacing)) >= (site.beds ?? 0))
      throw new AppError('HOSPITAL_FULL', [fieldProblem('siteId', 'conflict')]);
  }
}
