/** Households, their members and occupancies (一房一户), shared by server and console. */
import { z } from 'zod';
import { defineRoutes } from '../../../http/contract.js';
import { areaId, idParams, page } from '../../../kernel/schemas.js';
import { createPerson, person } from '../persons/index.js';

export const occupancyType = z.enum(['owned', 'rented', 'lodging', 'temporary']);
export const relationship = z.enum(['head', 'spouse', 'child', 'parent', 'other']);
const day = z.iso.date();

/** A member is an existing person (personId) or a new one registered on the dwelling's grid. */
export const newMember = z
  .object({
    personId: z.uuid().optional(),
    person: createPerson.omit({ gridId: true }).optional(),
    relationship,
  })
  .refine((m) => (m.personId ? !m.person : !!m.person), {
    message: 'give personId or person, not both',
    path: ['personId'],
  });

export const createHousehold = z.object({
  id: z.uuid().optional().describe('client-generated id: sending the same household twice creates it once'),
  dwellingId: z.uuid(),
  occupancyType,
  startDate: day,
  members: z.array(newMember).min(1).max(30),
});

export const address = z.object({
  courtyardId: z.uuid(),
  text: z
    .string()
    .nullable()
    .describe(
      '小区 楼栋 单元 房号; to building level ("3栋 **") outside the actor\'s own grid; null when the role may not see addresses',
    ),
  masked: z.boolean(),
});

export const occupancy = z.object({
  id: z.uuid(),
  householdId: z.uuid(),
  dwellingId: z.uuid(),
  address,
  type: occupancyType,
  startDate: z.string(),
  endDate: z.string().nullable(),
});

export const member = z.object({
  id: z.uuid(),
  relationship,
  startDate: z.string(),
  endDate: z.string().nullable(),
  person,
});

export const household = z.object({
  id: z.uuid(),
  grid: z.object({ id: areaId, name: z.string() }),
  current: occupancy.nullable(),
  members: z.array(member).describe('current members first, then former ones'),
  occupancies: z.array(occupancy).describe('newest first'),
});
export type HouseholdDto = z.infer<typeof household>;

export const moveIn = z.object({ dwellingId: z.uuid(), occupancyType, startDate: day });
export const moveOut = z.object({ endDate: day });
export const addMember = z.object({ member: newMember, startDate: day });
export const memberLeaves = z.object({ endDate: day });

export const dwellingHistory = z.object({
  id: z.uuid(),
  address,
  occupancies: z
    .array(
      occupancy.extend({
        members: z.number().int(),
        head: z.string().nullable().describe("the head of household's name, masked by role"),
      }),
    )
    .describe('households over time, newest first'),
});

export const courtyardHouseholds = page(
  z.object({ householdId: z.uuid(), occupancy, members: z.array(member.pick({ relationship: true, person: true })) }),
);
export type CourtyardHouseholdsDto = z.infer<typeof courtyardHouseholds>;
export type DwellingHistoryDto = z.infer<typeof dwellingHistory>;
export const courtyardHouseholdsQuery = z.object({
  buildingId: z.uuid().optional(),
  after: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const rentalsChangedQuery = z.object({
  gridId: areaId,
  day: day.optional().describe('Asia/Shanghai day; default today'),
});
export const rentalsChanged = z.object({
  day: z.string(),
  movedIn: z.array(occupancy),
  movedOut: z.array(occupancy),
});
export type RentalsChangedDto = z.infer<typeof rentalsChanged>;

export const personHouseholds = z.object({
  items: z.array(
    z.object({
      householdId: z.uuid(),
      relationship,
      startDate: z.string(),
      endDate: z.string().nullable(),
      occupancies: z.array(occupancy),
    }),
  ),
});
export type PersonHouseholdsDto = z.infer<typeof personHouseholds>;

const tags = ['households'];
const memberParams = idParams.extend({ memberId: z.uuid() });

export const householdRoutes = defineRoutes({
  'POST /api/households': {
    tags,
    summary: 'Register a household in a dwelling with its members (new or existing persons) and occupancy',
    body: createHousehold,
    status: 201,
    response: household,
  },
  'GET /api/households/:id': {
    tags,
    summary: 'A household: members, current dwelling, occupancy history',
    params: idParams,
    response: household,
  },
  'POST /api/households/:id/move-out': {
    tags,
    summary: 'Record moving out (the occupancy ends; history is kept)',
    params: idParams,
    body: moveOut,
    response: household,
  },
  'POST /api/households/:id/move-in': {
    tags,
    summary: 'Record moving into a dwelling (a current occupancy ends the day before)',
    params: idParams,
    body: moveIn,
    response: household,
  },
  'POST /api/households/:id/members': {
    tags,
    summary: 'A member joins the household',
    params: idParams,
    body: addMember,
    response: household,
  },
  'POST /api/households/:id/members/:memberId/leave': {
    tags,
    summary: 'A member leaves the household',
    params: memberParams,
    body: memberLeaves,
    response: household,
  },
  'GET /api/dwellings/:id': {
    tags,
    summary: '一房一户: a dwelling and its households over time',
    params: idParams,
    response: dwellingHistory,
  },
  'GET /api/persons/:id/households': {
    tags,
    summary: "A person's households and the dwellings they lived in",
    params: idParams,
    response: personHouseholds,
  },
  'GET /api/courtyards/:id/households': {
    tags,
    summary: 'The households living in a courtyard now, with their members, building by building (keyset pages)',
    params: idParams,
    query: courtyardHouseholdsQuery,
    response: courtyardHouseholds,
  },
  'GET /api/rentals-changed': {
    tags,
    summary: "A grid's rentals that started or ended on a day (default today, Asia/Shanghai)",
    query: rentalsChangedQuery,
    response: rentalsChanged,
  },
});
