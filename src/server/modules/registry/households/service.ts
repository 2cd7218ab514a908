/**
 * Registering a household in a dwelling: the household, its members (existing or
 * new persons), its occupancy — one transaction, versions and audit included — and
 * reading a household with its members and occupancy history.
 */
import type { Channel, OccupancyType } from '../../../db/types-registry.js';
import type { ActorContext, Context } from '../../../kernel/context.js';
import { authorize } from '../../../kernel/context.js';
import { AppError, fieldProblem, notFound, validationError } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { type NewPerson, registerPerson } from '../persons/index.js';
import { inScope } from '../../../kernel/scope.js';
import { recordVersion } from '../../../kernel/versions.js';
import { membersOf, occupancyDto, selectOccupancies } from './queries.js';
import type { HouseholdDto } from './schemas.js';

type Relationship = 'head' | 'spouse' | 'child' | 'parent' | 'other';
export type NewMember = { personId?: string; person?: Omit<NewPerson, 'gridId'>; relationship: Relationship };

export async function dwellingInScope(c: ActorContext, dwellingId: string) {
  const d = await c.db
    .selectFrom('dwellings')
    .select(['id', 'grid_id', 'courtyard_id', 'area_path', 'district_id', 'retired_at'])
    .where('id', '=', dwellingId)
    .where(inScope(c, 'area_path'))
    .executeTakeFirst();
  if (!d || d.retired_at) throw notFound();
  return d;
}

/** Errors about one member carry the member's path: members.2.person.docNumber. */
async function asMember<T>(index: number, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof AppError)
      throw new AppError(
        e.code,
        e.fields.map((f) => ({
          ...f,
          field: `members.${index}.${f.field.startsWith('personId') ? f.field : `person.${f.field}`}`,
        })),
        e.details,
      );
    throw e;
  }
}

/** The household the person (of the actor's district) is a member of now, if any. */
export async function currentHousehold(c: ActorContext, personId: string): Promise<string | null> {
  const row = await c.db
    .selectFrom('household_members')
    .select('household_id')
    .where('district_id', '=', c.actor.districtId)
    .where('person_id', '=', personId)
    .where('end_date', 'is', null)
    .executeTakeFirst();
  return row?.household_id ?? null;
}

/** Adds members (creating new persons on the household's grid); returns their person ids. */
export async function addMembers(
  c: ActorContext,
  household: { id: string; grid_id: string; area_path: string; district_id: string },
  members: NewMember[],
  startDate: string,
  offset = 0,
  channel: Channel = 'staff',
) {
  for (const [i, m] of members.entries()) {
    const personId = await asMember(offset + i, async () => {
      if (m.person) return (await registerPerson(c, { ...m.person, gridId: household.grid_id }, channel)).id;
      const p = await c.db
        .selectFrom('persons')
        .select('id')
        .where('id', '=', m.personId!)
        .where('merged_into', 'is', null)
        .where(inScope(c, 'area_path'))
        .executeTakeFirst();
      if (!p) throw new AppError('NOT_FOUND', [fieldProblem('personId', 'person_not_in_scope')]);
      return p.id;
    });
    const current = await currentHousehold(c, personId);
    if (current && current !== household.id) {
      throw new AppError('CONFLICT', [fieldProblem(`members.${offset + i}.personId`, 'in_other_household')]);
    }
    if (current) continue;
    const values = {
      district_id: household.district_id,
      household_id: household.id,
      person_id: personId,
      relationship: m.relationship,
      start_date: startDate,
    };
    const row = await c.db.insertInto('household_members').values(values).returning('id').executeTakeFirstOrThrow();
    await recordVersion(c, { type: 'member', id: row.id, place: household, before: null, after: values, channel });
  }
}

export async function create(
  ctx: Context,
  input: {
    id?: string;
    dwellingId: string;
    occupancyType: 'owned' | 'rented' | 'lodging' | 'temporary';
    startDate: string;
    members: NewMember[];
  },
): Promise<HouseholdDto> {
  const c = authorize(ctx, 'person.create');
  const dwelling = await dwellingInScope(c, input.dwellingId);
  if (input.id) {
    const same = await c.db
      .selectFrom('households')
      .select('id')
      .where('id', '=', input.id)
      .where(inScope(c, 'area_path'))
      .executeTakeFirst();
    if (same) return get(c, same.id);
  }
  const heads = input.members.filter((m) => m.relationship === 'head').length;
  if (heads !== 1) {
    throw validationError([fieldProblem('members', 'one_head')]);
  }
  const household = await insertHousehold(c, dwelling, {
    id: input.id,
    occupancyType: input.occupancyType,
    startDate: input.startDate,
  });
  await addMembers(c, household, input.members, input.startDate);
  await audit(c, {
    action: 'household.create',
    resourceType: 'household',
    resourceId: household.id,
    area: { id: dwelling.grid_id, path: dwelling.area_path, districtId: dwelling.district_id },
    details: { members: input.members.length, occupancyType: input.occupancyType },
  });
  return get(c, household.id);
}

/**
 * A new household living in the dwelling from `startDate`: the household, its occupancy,
 * their versions. The dwelling lies in the actor's scope, so in the actor's district.
 */
export async function insertHousehold(
  c: ActorContext,
  dwelling: { id: string; grid_id: string; courtyard_id: string },
  input: { id?: string | undefined; occupancyType: OccupancyType; startDate: string },
  channel: Channel = 'staff',
) {
  const household = await c.db
    .insertInto('households')
    .values({ ...(input.id ? { id: input.id } : {}), district_id: c.actor.districtId, grid_id: dwelling.grid_id })
    .returning(['id', 'grid_id', 'area_path', 'district_id'])
    .executeTakeFirstOrThrow();
  await recordVersion(c, {
    type: 'household',
    id: household.id,
    place: household,
    before: null,
    after: { grid_id: dwelling.grid_id },
    channel,
  });
  const occupancy = {
    household_id: household.id,
    dwelling_id: dwelling.id,
    grid_id: dwelling.grid_id,
    courtyard_id: dwelling.courtyard_id,
    type: input.occupancyType,
    start_date: input.startDate,
  };
  const o = await c.db
    .insertInto('occupancies')
    .values({ ...occupancy, district_id: household.district_id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordVersion(c, { type: 'occupancy', id: o.id, place: household, before: null, after: occupancy, channel });
  return household;
}

export async function householdInScope(c: ActorContext, id: string) {
  const h = await c.db
    .selectFrom('households as h')
    .innerJoin('areas as g', 'g.id', 'h.grid_id')
    .select(['h.id', 'h.grid_id', 'h.area_path', 'h.district_id', 'g.name as grid_name'])
    .where('h.id', '=', id)
    .where(inScope(c, 'h.area_path'))
    .executeTakeFirst();
  if (!h) throw notFound();
  return h;
}

export async function get(ctx: Context, id: string): Promise<HouseholdDto> {
  const c = authorize(ctx, 'person.read');
  const h = await householdInScope(c, id);
  const occupancies = (
    await selectOccupancies(c)
      .where('o.household_id', '=', id)
      .orderBy('o.start_date', 'desc')
      .orderBy('o.created_at', 'desc')
      .execute()
  ).map((r) => occupancyDto(c, r));
  const members = (await membersOf(c, [id])).map((m) => m.dto);
  return {
    id: h.id,
    grid: { id: h.grid_id, name: h.grid_name },
    current: occupancies.find((o) => o.endDate === null) ?? null,
    members,
    occupancies,
  };
}
