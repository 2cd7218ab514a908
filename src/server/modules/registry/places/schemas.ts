/** Places under a grid: courtyards (小区/院落), buildings, units, dwellings. */
import { z } from 'zod';
import { defineRoutes } from '../../../http/contract.js';
import { areaId, idParams, page, personName, placeLabel, placeName } from '../../../kernel/schemas.js';

export const courtyardKind = z.enum(['urban_compound', 'resettlement', 'rural_scattered']);
export const gateStatus = z.enum(['open', 'closed']);
const day = z.iso.date();

export const createCourtyard = z.object({
  id: z.uuid().optional().describe('client-generated id: sending the same courtyard twice creates it once'),
  gridId: areaId,
  name: placeName(),
  kind: courtyardKind,
  address: z.string().trim().max(200).nullable().optional(),
});

export const updateCourtyard = z.object({
  name: placeName().optional(),
  kind: courtyardKind.optional(),
  address: z.string().trim().max(200).nullable().optional(),
  gateStatus: gateStatus.optional(),
  gateSince: day.nullable().optional(),
  gateUntil: day.nullable().optional(),
});

export const figures = z.record(z.string(), z.number());

export const courtyard = z.object({
  id: z.uuid(),
  grid: z.object({ id: z.string(), name: z.string() }),
  name: z.string(),
  kind: courtyardKind,
  address: z.string().nullable(),
  gateStatus,
  gateSince: z.string().nullable(),
  gateUntil: z.string().nullable(),
  figures: figures.describe('registry.* counters of this courtyard: dwellings, households, rentals, vacant'),
});
export type CourtyardDto = z.infer<typeof courtyard>;

export const courtyardList = page(courtyard);
export type CourtyardListDto = z.infer<typeof courtyardList>;
export const courtyardQuery = z.object({
  gridId: areaId.optional(),
  q: z.string().trim().min(1).max(50).optional(),
  after: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const building = z.object({
  id: z.uuid(),
  label: z.string(),
  floors: z.number().int().nullable(),
  units: z.array(z.object({ id: z.uuid(), label: z.string() })),
});
export const contactRole = z.enum(['grid_worker', 'building_head', 'property_manager', 'volunteer', 'other']);
export const contact = z.object({
  id: z.uuid(),
  role: contactRole,
  name: z.string(),
  phone: z.string().nullable().describe('masked or hidden (null) by the viewer’s role, like any resident’s phone'),
  buildingId: z.uuid().nullable(),
});
export const createContact = z.object({
  role: contactRole,
  name: personName(),
  phone: z.string().max(40),
  buildingId: z.uuid().nullable().optional(),
});

export const courtyardDetail = courtyard.extend({
  buildings: z.array(building),
  contacts: z.array(contact).describe('responsible people: 网格员, 楼栋长 … (phones presented by role)'),
});
export type CourtyardDetailDto = z.infer<typeof courtyardDetail>;
export type BuildingDto = z.infer<typeof building>;
export type UnitDto = z.infer<typeof unit>;
export type ContactDto = z.infer<typeof contact>;

export const createBuilding = z.object({
  id: z.uuid().optional(),
  label: placeLabel(),
  floors: z.number().int().min(1).max(200).nullable().optional(),
});
export const createUnit = z.object({ id: z.uuid().optional(), label: placeLabel() });
export const unit = z.object({ id: z.uuid(), label: z.string() });

export const createDwelling = z.object({
  id: z.uuid().optional(),
  courtyardId: z.uuid(),
  buildingId: z.uuid().nullable().optional(),
  unitId: z.uuid().nullable().optional(),
  room: placeLabel(),
  floor: z.number().int().min(-5).max(200).nullable().optional(),
  areaM2: z.number().positive().max(99999).nullable().optional(),
  use: z.enum(['residential', 'commercial', 'other']).default('residential'),
});
export const dwelling = z.object({
  id: z.uuid(),
  courtyardId: z.uuid(),
  buildingId: z.uuid().nullable(),
  unitId: z.uuid().nullable(),
  room: z.string(),
  floor: z.number().int().nullable(),
  areaM2: z.number().nullable(),
  use: z.enum(['residential', 'commercial', 'other']),
  occupied: z.boolean().describe('a household lives here now; false means vacant'),
});
export type DwellingDto = z.infer<typeof dwelling>;

export const dwellingQuery = z.object({
  buildingId: z.uuid().optional(),
  after: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
});
export const dwellingList = page(dwelling);
export type DwellingListDto = z.infer<typeof dwellingList>;

const tags = ['places'];

export const placeRoutes = defineRoutes({
  'GET /api/courtyards': {
    tags,
    summary: 'Courtyards (小区/院落) in the scope, with their figures',
    query: courtyardQuery,
    response: courtyardList,
  },
  'POST /api/courtyards': {
    tags,
    summary: 'Register a courtyard on a grid',
    body: createCourtyard,
    status: 201,
    response: courtyard,
  },
  'GET /api/courtyards/:id': {
    tags,
    summary: 'A courtyard with its buildings and units',
    params: idParams,
    response: courtyardDetail,
  },
  'PATCH /api/courtyards/:id': {
    tags,
    summary: 'Rename, retype, or set the gate status (open / closed management, with dates)',
    params: idParams,
    body: updateCourtyard,
    response: courtyard,
  },
  'POST /api/courtyards/:id/buildings': {
    tags,
    summary: 'Add a building (楼栋)',
    params: idParams,
    body: createBuilding,
    status: 201,
    response: building,
  },
  'POST /api/courtyards/:id/contacts': {
    tags,
    summary: 'Add a responsible person (网格员, 楼栋长 …) to a courtyard',
    params: idParams,
    body: createContact,
    status: 201,
    response: contact,
  },
  'POST /api/buildings/:id/units': {
    tags,
    summary: 'Add a unit (单元) to a building',
    params: idParams,
    body: createUnit,
    status: 201,
    response: unit,
  },
  'GET /api/courtyards/:id/dwellings': {
    tags,
    summary: 'Dwellings of a courtyard (or one building), in keyset pages',
    params: idParams,
    query: dwellingQuery,
    response: dwellingList,
  },
  'POST /api/dwellings': {
    tags,
    summary: 'Add a dwelling (户室) under a unit, a building, or a rural courtyard',
    body: createDwelling,
    status: 201,
    response: dwelling,
  },
});
