/** Isolation sites (集中隔离点, with rooms) and designated hospitals (定点医院, with beds), shared by the server and the console. */
import { z } from 'zod';
import { defineRoutes } from '../../../http/contract.js';
import { areaId, idParams, placeLabel, placeName } from '../../../kernel/schemas.js';

export const siteKind = z.enum(['isolation_site', 'hospital']);
export type SiteKind = z.infer<typeof siteKind>;

const name = placeName(100, 2);
const address = z.string().trim().min(1).max(200).nullable().optional();
const label = placeLabel();
const capacity = z.number().int().min(1).max(20).describe('persons the room takes (1–20)');
const beds = z.number().int().min(1).max(100000);

export const newRoom = z.object({ label, capacity });
const newRooms = z.array(newRoom).min(1).max(500);

export const createSite = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('isolation_site'),
    name,
    address,
    areaId: areaId.describe('the area the site belongs to (usually the district)'),
    rooms: newRooms,
  }),
  z.object({
    kind: z.literal('hospital'),
    name,
    address,
    areaId: areaId.describe('the area the hospital belongs to (usually the district)'),
    beds,
  }),
]);
export type CreateSite = z.infer<typeof createSite>;

export const addRooms = z.object({ rooms: newRooms });

export const updateSite = z.object({
  name: name.optional(),
  address,
  beds: beds.optional().describe('hospitals only; not below the patients placed now'),
  rooms: z
    .array(z.object({ id: z.uuid(), label: label.optional(), capacity: capacity.optional() }))
    .max(500)
    .optional()
    .describe('isolation sites only: relabel rooms or change their capacity (not below the persons placed now)'),
});
export type UpdateSite = z.infer<typeof updateSite>;

export const siteQuery = z.object({
  kind: siteKind.optional(),
  includeRetired: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
});

const occupancy = {
  capacity: z.number().int().describe('sum of room capacities, or beds'),
  occupied: z.number().int().describe('persons under a measure placed here now'),
  free: z.number().int(),
};

export const room = z.object({ id: z.uuid(), label: z.string(), ...occupancy });

export const site = z.object({
  id: z.uuid(),
  kind: siteKind,
  name: z.string(),
  address: z.string().nullable(),
  area: z.object({ id: z.string(), name: z.string(), level: z.string() }),
  beds: z.number().int().nullable(),
  roomCount: z.number().int(),
  ...occupancy,
  retiredAt: z.string().nullable(),
  createdAt: z.string(),
});
export type SiteDto = z.infer<typeof site>;

export const siteDetail = site.extend({ rooms: z.array(room) });
export type SiteDetailDto = z.infer<typeof siteDetail>;

export const siteList = z.object({ items: z.array(site) });
export type SiteListDto = z.infer<typeof siteList>;

const tags = ['care sites'];

export const careSiteRoutes = defineRoutes({
  'GET /api/care-sites': {
    tags,
    summary: 'Isolation sites and designated hospitals serving the scope (on its path or inside it), with occupancy',
    query: siteQuery,
    response: siteList,
  },
  'GET /api/care-sites/:id': {
    tags,
    summary: 'A site with its rooms and their occupancy',
    params: idParams,
    response: siteDetail,
  },
  'POST /api/care-sites': {
    tags,
    summary: 'Create an isolation site with its rooms, or a designated hospital with its beds (audited)',
    body: createSite,
    status: 201,
    response: siteDetail,
  },
  'POST /api/care-sites/:id/rooms': {
    tags,
    summary: 'Add rooms to an isolation site (audited)',
    params: idParams,
    body: addRooms,
    status: 201,
    response: siteDetail,
  },
  'PATCH /api/care-sites/:id': {
    tags,
    summary:
      'Rename, change the address, the beds or room labels and capacities — never below the persons placed now (audited)',
    params: idParams,
    body: updateSite,
    response: siteDetail,
  },
  'POST /api/care-sites/:id/retire': {
    tags,
    summary: 'Retire a site no one is placed in any more (kept with its history; audited)',
    params: idParams,
    response: siteDetail,
  },
});
