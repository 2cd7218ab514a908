/**
 * Read views of the registry: 一房一户 (a dwelling's households over time), a
 * person's households and dwellings, a courtyard's current households, and each
 * grid's "rentals changed today" list.
 */
import { shanghaiDay } from '../../../../domain/clock.js';
import { sql } from 'kysely';
import { authorize, type Context } from '../../../kernel/context.js';
import { decodeCursor, page } from '../../../http/cursor.js';
import { notFound } from '../../../kernel/errors.js';
import { areaInScope, inScope, recordInScope } from '../../../kernel/scope.js';
import { addressOf, membersOf, occupancyDto, selectOccupancies } from './queries.js';

export async function dwellingHistory(ctx: Context, id: string) {
  const c = authorize(ctx, 'place.read');
  const d = await c.db
    .selectFrom('dwellings as d')
    .innerJoin('courtyards as c', (j) =>
      j.onRef('c.district_id', '=', 'd.district_id').onRef('c.id', '=', 'd.courtyard_id'),
    )
    .leftJoin('buildings as b', (j) =>
      j.onRef('b.district_id', '=', 'd.district_id').onRef('b.id', '=', 'd.building_id'),
    )
    .leftJoin('units as u', (j) => j.onRef('u.district_id', '=', 'd.district_id').onRef('u.id', '=', 'd.unit_id'))
    .select([
      'd.id',
      'd.courtyard_id',
      'd.area_path',
      'd.room',
      'c.name as courtyard_name',
      'b.label as building_label',
      'u.label as unit_label',
    ])
    .where('d.id', '=', id)
    .where(inScope(c, 'd.area_path'))
    .executeTakeFirst();
  if (!d) throw notFound();
  const rows = await selectOccupancies(c)
    .select((eb) =>
      eb
        .selectFrom('household_members as m')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.district_id', '=', 'o.district_id')
        .whereRef('m.household_id', '=', 'o.household_id')
        .where('m.end_date', 'is', null)
        .as('members'),
    )
    .where('o.dwelling_id', '=', id)
    .orderBy('o.start_date', 'desc')
    .execute();
  const heads = await membersOf(c, [...new Set(rows.map((r) => r.household_id))]);
  const headOf = (h: string) =>
    heads.find((m) => m.householdId === h && m.dto.relationship === 'head')?.dto.person.name ?? null;
  return {
    id: d.id,
    address: addressOf(c, d),
    occupancies: rows.map((r) => ({
      ...occupancyDto(c, r),
      members: Number(r.members ?? 0),
      head: headOf(r.household_id),
    })),
  };
}

export async function personHouseholds(ctx: Context, personId: string) {
  const c = authorize(ctx, 'person.read');
  await recordInScope(c, 'persons', personId);
  const memberships = await c.db
    .selectFrom('household_members')
    .select(['household_id', 'relationship', 'start_date', 'end_date'])
    .where('district_id', '=', c.actor.districtId)
    .where('person_id', '=', personId)
    .orderBy('start_date', 'desc')
    .execute();
  const ids = memberships.map((m) => m.household_id);
  const occupancies = ids.length
    ? await selectOccupancies(c).where('o.household_id', 'in', ids).orderBy('o.start_date', 'desc').execute()
    : [];
  return {
    items: memberships.map((m) => ({
      householdId: m.household_id,
      relationship: m.relationship,
      startDate: m.start_date,
      endDate: m.end_date,
      occupancies: occupancies.filter((o) => o.household_id === m.household_id).map((o) => occupancyDto(c, o)),
    })),
  };
}

/** The households living in a courtyard now, building by building, in keyset pages. */
export async function courtyardHouseholds(
  ctx: Context,
  courtyardId: string,
  f: { buildingId?: string; after?: string; limit: number },
) {
  const c = authorize(ctx, 'person.read');
  await recordInScope(c, 'courtyards', courtyardId);
  // In the courtyard's dwelling order (building, unit, room): read from the index, not sorted.
  let q = selectOccupancies(c)
    .select('d.sort_key')
    .where('d.courtyard_id', '=', courtyardId)
    .where('d.retired_at', 'is', null)
    .where('o.end_date', 'is', null);
  if (f.buildingId) q = q.where('d.building_id', '=', f.buildingId);
  const after = decodeCursor(f.after, 2);
  if (after) q = q.where(sql<boolean>`(d.sort_key, o.id) > (${String(after[0])}, ${String(after[1])}::uuid)`);
  const rows = await q
    .orderBy('d.sort_key')
    .orderBy('o.id')
    .limit(f.limit + 1)
    .execute();
  const p = page(rows, f.limit, (r) => [r.sort_key, r.id]);
  const members = await membersOf(
    c,
    p.items.map((r) => r.household_id),
  );
  return {
    items: p.items.map((r) => ({
      householdId: r.household_id,
      occupancy: occupancyDto(c, r),
      members: members
        .filter((m) => m.householdId === r.household_id && m.dto.endDate === null)
        .map((m) => ({ relationship: m.dto.relationship, person: m.dto.person })),
    })),
    nextCursor: p.nextCursor,
  };
}

/** Rentals that started or ended on a day (default: today in Asia/Shanghai) in a grid. */
export async function rentalsChanged(ctx: Context, gridId: string, day?: string) {
  const c = authorize(ctx, 'place.read');
  const grid = await areaInScope(c, gridId, { field: 'gridId' });
  const on = day ?? shanghaiDay(c.clock.now());
  const base = () => selectOccupancies(c).where(inScope(grid.scope, 'o.area_path')).where('o.type', '=', 'rented');
  const [movedIn, movedOut] = await Promise.all([
    base().where('o.start_date', '=', on).execute(),
    base().where('o.end_date', '=', on).execute(),
  ]);
  return {
    day: on,
    movedIn: movedIn.map((r) => occupancyDto(c, r)),
    movedOut: movedOut.map((r) => occupancyDto(c, r)),
  };
}
