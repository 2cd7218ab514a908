/** Household SQL: occupancies with their dwelling's address, members with persons. */
import type { ActorContext } from '../../../kernel/context.js';
import { presenter } from '../../../kernel/present.js';
import { inScope } from '../../../kernel/scope.js';
import { presentPerson, selectPersons } from '../persons/index.js';

export function selectOccupancies(c: ActorContext) {
  return c.db
    .selectFrom('occupancies as o')
    .innerJoin('dwellings as d', (j) =>
      j.onRef('d.district_id', '=', 'o.district_id').onRef('d.id', '=', 'o.dwelling_id'),
    )
    .innerJoin('courtyards as c', (j) =>
      j.onRef('c.district_id', '=', 'o.district_id').onRef('c.id', '=', 'o.courtyard_id'),
    )
    .leftJoin('buildings as b', (j) =>
      j.onRef('b.district_id', '=', 'd.district_id').onRef('b.id', '=', 'd.building_id'),
    )
    .leftJoin('units as u', (j) => j.onRef('u.district_id', '=', 'd.district_id').onRef('u.id', '=', 'd.unit_id'))
    .select([
      'o.id',
      'o.household_id',
      'o.dwelling_id',
      'o.courtyard_id',
      'o.area_path',
      'o.type',
      'o.start_date',
      'o.end_date',
      'c.name as courtyard_name',
      'b.label as building_label',
      'u.label as unit_label',
      'd.room',
    ])
    .where(inScope(c, 'o.area_path'));
}
type OccupancyRow = Awaited<ReturnType<ReturnType<typeof selectOccupancies>['executeTakeFirstOrThrow']>>;

/** The full address only for a grid worker in their own grid; building level otherwise. */
export function addressOf(
  c: ActorContext,
  r: {
    courtyard_id: string;
    courtyard_name: string;
    building_label: string | null;
    unit_label: string | null;
    room: string;
    area_path: string;
  },
) {
  const parts = { courtyard: r.courtyard_name, building: r.building_label, unit: r.unit_label, room: r.room };
  return { courtyardId: r.courtyard_id, ...presenter(c).address(parts, r.area_path) };
}

export function occupancyDto(c: ActorContext, r: OccupancyRow) {
  return {
    id: r.id,
    householdId: r.household_id,
    dwellingId: r.dwelling_id,
    address: addressOf(c, r),
    type: r.type,
    startDate: r.start_date,
    endDate: r.end_date,
  };
}

export async function membersOf(c: ActorContext, householdIds: string[]) {
  if (householdIds.length === 0) return [];
  const persons = selectPersons(c).innerJoin('household_members as m', (j) =>
    j.onRef('m.district_id', '=', 'p.district_id').onRef('m.person_id', '=', 'p.id'),
  );
  const rows = await persons
    .select([
      'm.id as member_id',
      'm.household_id',
      'm.relationship',
      'm.start_date as member_start',
      'm.end_date as member_end',
    ])
    .where('m.household_id', 'in', householdIds)
    .where(inScope(c, 'p.area_path'))
    .execute();
  // Current members first, the head of household first among them.
  const rank = { head: 0, spouse: 1, parent: 2, child: 3, other: 4 } as const;
  rows.sort(
    (a, b) =>
      Number(a.member_end !== null) - Number(b.member_end !== null) ||
      rank[a.relationship] - rank[b.relationship] ||
      a.member_start.localeCompare(b.member_start),
  );
  return rows.map((r) => ({
    householdId: r.household_id,
    dto: {
      id: r.member_id,
      relationship: r.relationship,
      startDate: r.member_start,
      endDate: r.member_end,
      person: presentPerson(c, r),
    },
  }));
}
