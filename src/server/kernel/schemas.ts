/**
 * Schemas every module shares: area ids and levels, a record's id in the path, and
 * keyset pages. Modules build their own request and response schemas from these.
 */
import { z } from 'zod';
import { AREA_LEVELS } from '../../domain/areas.js';

/** Area ids are bigints, sent as decimal strings. */
export const areaId = z.string().regex(/^[1-9][0-9]{0,17}$/, 'area_id');
export const areaLevel = z.enum(AREA_LEVELS);

/** `/:id` of a record with a uuid. */
export const idParams = z.object({ id: z.uuid() });

/** A keyset page: the items and the cursor of the next page (null on the last). */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}
