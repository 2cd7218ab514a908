/**
 * Moving in and out (landlords report to grid workers), members joining and
 * leaving. History is kept: an occupancy or membership ends, it is never deleted.
 */
import { addDays } from '../../../../domain/clock.js';
import { authorize, type ActorContext, type Context } from '../../../kernel/context.js';
import { AppError, fieldProblem } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { recordVersion } from '../../../kernel/versions.js';
import { addMembers, dwellingInScope, get, householdInScope, type NewMember } from './service.js';

type OccupancyType = 'owned' | 'rented' | 'lodging' | 'temporary';
type Place = { grid_id: string; area_path: string; district_id: string };

/** The version of an occupancy or membership that ends on `endDate` (history is kept). */
function recordEnd(c: ActorContext, type: 'occupancy' | 'member', id: string, place: Place, endDate: string) {
  return recordVersion(c, { type, id, place, before: { end_date: null }, after: { end_date: endDate } });
}

async function endOccupancy(c: ActorContext, h: Place, occupancyId: string, endDate: string) {
  await c.db
    .updateTable('occupancies')
    .set({ end_date: endDate, updated_at: c.clock.now() })
    .where('district_id', '=', h.district_id)
    .where('id', '=', occupancyId)
    .execute();
  await recordEnd(c, 'occupancy', occupancyId, h, endDate);
}

/** The audit row of a change to household `id`, on the grid of `place`. */
function auditHousehold(c: ActorContext, action: string, id: string, place: Place, details?: Record<string, unknown>) {
  return audit(c, {
    action,
    resourceType: 'household',
    resourceId: id,
    area: { id: place.grid_id, path: place.area_path, districtId: place.district_id },
    details,
  });
}

async function openOccupancy(c: ActorContext, h: Place, householdId: string) {
  return c.db
    .selectFrom('occupancies')
    .select(['id', 'start_date', 'type', 'dwelling_id'])
    .where('district_id', '=', h.district_id)
    .where('household_id', '=', householdId)
    .where('end_date', 'is', null)
    .executeTakeFirst();
}

export async function moveOut(ctx: Context, id: string, input: { endDate: string }) {
  const c = authorize(ctx, 'person.update');
  const h = await householdInScope(c, id);
  const open = await openOccupancy(c, h, id);
  if (!open) throw new AppError('CONFLICT', [fieldProblem('endDate', 'not_living_anywhere')]);
  if (input.endDate < open.start_date)
    throw new AppError('VALIDATION_FAILED', [fieldProblem('endDate', 'before_start')]);
  await endOccupancy(c, h, open.id, input.endDate);
  await auditHousehold(c, 'household.move_out', id, h, { occupancyId: open.id, endDate: input.endDate });
  return get(c, id);
}

/** Moves the household into a dwelling; a current occupancy ends the day before. */
export async function moveIn(
  ctx: Context,
  id: string,
  input: { dwellingId: string; occupancyType: OccupancyType; startDate: string },
) {
  const c = authorize(ctx, 'person.update');
  const h = await householdInScope(c, id);
  const dwelling = await dwellingInScope(c, input.dwellingId);
  const open = await openOccupancy(c, h, id);
  if (open) {
    if (input.startDate <= open.start_date) {
      throw new AppError('VALIDATION_FAILED', [fieldProblem('startDate', 'not_after_current')]);
    }
    await endOccupancy(c, h, open.id, addDays(input.startDate, -1));
  }
  const values = {
    household_id: id,
    dwelling_id: dwelling.id,
    grid_id: dwelling.grid_id,
    courtyard_id: dwelling.courtyard_id,
    type: input.occupancyType,
    start_date: input.startDate,
  };
  const o = await c.db
    .insertInto('occupancies')
    .values({ ...values, district_id: h.district_id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordVersion(c, { type: 'occupancy', id: o.id, place: dwelling, before: null, after: values });
  if (dwelling.grid_id !== h.grid_id) {
    // The household, and the persons living in it, now belong to the new grid.
    await c.db
      .updateTable('households')
      .set({ grid_id: dwelling.grid_id, updated_at: c.clock.now() })
      .where('district_id', '=', h.district_id)
      .where('id', '=', id)
      .execute();
    const members = c.db
      .selectFrom('household_members')
      .select('person_id')
      .where('district_id', '=', h.district_id)
      .where('household_id', '=', id)
      .where('end_date', 'is', null);
    await c.db
      .updateTable('persons')
      .set({ grid_id: dwelling.grid_id, updated_at: c.clock.now() })
      .where('district_id', '=', h.district_id)
      .where('id', 'in', members)
      .execute();
    await recordVersion(c, {
      type: 'household',
      id,
      place: dwelling,
      before: { grid_id: h.grid_id },
      after: { grid_id: dwelling.grid_id },
    });
  }
  await auditHousehold(c, 'household.move_in', id, dwelling, {
    dwellingId: dwelling.id,
    occupancyType: input.occupancyType,
    startDate: input.startDate,
  });
  return get(c, id);
}

export async function addMember(ctx: Context, id: string, input: { member: NewMember; startDate: string }) {
  const c = authorize(ctx, 'person.update');
  const h = await householdInScope(c, id);
  if (input.member.relationship === 'head') {
    const head = await c.db
      .selectFrom('household_members')
      .select('id')
      .where('district_id', '=', h.district_id)
      .where('household_id', '=', id)
      .where('relationship', '=', 'head')
      .where('end_date', 'is', null)
      .executeTakeFirst();
    if (head) throw new AppError('CONFLICT', [fieldProblem('member.relationship', 'one_head')]);
  }
  await addMembers(c, h, [input.member], input.startDate);
  await auditHousehold(c, 'household.member_added', id, h);
  return get(c, id);
}

export async function memberLeaves(ctx: Context, id: string, memberId: string, input: { endDate: string }) {
  const c = authorize(ctx, 'person.update');
  const h = await householdInScope(c, id);
  const m = await c.db
    .selectFrom('household_members')
    .select(['id', 'start_date', 'end_date'])
    .where('district_id', '=', h.district_id)
    .where('id', '=', memberId)
    .where('household_id', '=', id)
    .executeTakeFirst();
  if (!m || m.end_date) throw new AppError('NOT_FOUND');
  if (input.endDate < m.start_date) throw new AppError('VALIDATION_FAILED', [fieldProblem('endDate', 'before_start')]);
  await c.db
    .updateTable('household_members')
    .set({ end_date: input.endDate })
    .where('district_id', '=', h.district_id)
    .where('id', '=', memberId)
    .execute();
  await recordEnd(c, 'member', memberId, h, input.endDate);
  await auditHousehold(c, 'household.member_left', id, h);
  return get(c, id);
}
