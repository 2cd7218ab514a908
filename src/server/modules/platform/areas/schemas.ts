/** Area schemas, shared by the server (validation, OpenAPI, response whitelist) and the console. */
import { z } from 'zod';
import { defineRoutes } from '../../../http/contract.js';
import { areaId, areaLevel, placeName } from '../../../kernel/schemas.js';

export const area = z.object({
  id: areaId,
  parentId: areaId.nullable(),
  level: areaLevel,
  kind: z.string(),
  code: z.string(),
  statCode: z.string().nullable(),
  vintage: z.number().int(),
  name: z.string(),
  path: z.string(),
  depth: z.number().int(),
  retiredAt: z.string().nullable(),
  demo: z.boolean().describe('created by the demo seeder: illustrative name and code'),
  childCount: z.number().int(),
});
export type AreaDto = z.infer<typeof area>;

export const areaListQuery = z.object({
  parentId: areaId.optional().describe('list the children of this area'),
  q: z
    .string()
    .trim()
    .min(1)
    .max(50)
    .optional()
    .describe('name or code fragment, searched in the whole visible subtree'),
  includeRetired: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  after: z.string().max(200).optional().describe('cursor from the previous page'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const areaList = z.object({
  items: z.array(area),
  /** The actor's scope root, so a client can start its tree there. */
  scopeRoot: area,
  nextCursor: z.string().nullable(),
});

export type AreaListDto = z.infer<typeof areaList>;

export const areaDetail = area.extend({
  ancestors: z.array(area.pick({ id: true, name: true, level: true, code: true })),
});
export type AreaDetailDto = z.infer<typeof areaDetail>;

export const createArea = z.object({
  parentId: areaId,
  code: z
    .string()
    .trim()
    .regex(/^[0-9]+$/, 'digits_only'),
  vintage: z.number().int(),
  name: placeName(),
});

export const updateArea = z.object({
  name: placeName().optional(),
  vintage: z.number().int().optional(),
  code: z
    .string()
    .trim()
    .regex(/^[0-9]+$/, 'digits_only')
    .optional(),
});

const areaParams = z.object({ id: areaId });
const tags = ['areas'];

export const areaRoutes = defineRoutes({
  'GET /api/areas': {
    tags,
    summary: "List the children of an area (default: the actor's scope root), or search the visible subtree",
    query: areaListQuery,
    response: areaList,
  },
  'GET /api/areas/:id': {
    tags,
    summary: 'One visible area with its ancestors inside the scope',
    params: areaParams,
    response: areaDetail,
  },
  'POST /api/areas': {
    tags,
    summary: 'Create a sub-area (level follows the parent)',
    body: createArea,
    status: 201,
    response: area,
  },
  'PATCH /api/areas/:id': {
    tags,
    summary: 'Rename, or correct code/vintage',
    params: areaParams,
    body: updateArea,
    response: area,
  },
  'POST /api/areas/:id/retire': {
    tags,
    summary: 'Retire an area (kept with its history)',
    params: areaParams,
    response: area,
  },
  'DELETE /api/areas/:id': {
    tags,
    summary: 'Delete an empty area created by mistake; areas with data answer 409 AREA_HAS_DATA',
    params: areaParams,
    status: 204,
  },
});
