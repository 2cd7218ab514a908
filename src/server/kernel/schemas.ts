/**
 * Schemas every module shares: area ids and levels, a record's id in the path, keyset
 * pages, and the names of persons and places. Modules build their own request and
 * response schemas from these.
 */
import { z } from 'zod';
import { AREA_LEVELS } from '../../domain/areas.js';
import { type NameBounds, normaliseName, PERSON_NAME, PLACE_LABEL, PLACE_NAME } from '../../domain/names.js';

/** Area ids are bigints, sent as decimal strings. */
export const areaId = z.string().regex(/^[1-9][0-9]{0,17}$/, 'area_id');
export const areaLevel = z.enum(AREA_LEVELS);

/** `/:id` of a record with a uuid. */
export const idParams = z.object({ id: z.uuid() });

/** A keyset page: the items and the cursor of the next page (null on the last). */
export function page<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}

/**
 * A name as the domain's normaliser keeps it (src/domain/names.ts): NFC, whitespace
 * collapsed and trimmed, bounded in characters. The handler gets the normalised value;
 * invisible, control and invalid characters, or nothing visible, are refused with the
 * normaliser's reason (`invisible_character`, `name_empty`, … in the error catalogue).
 * Persons and places use the three below; another short name staff write (a category's
 * label) uses this with its own bounds.
 */
export function nameText(bounds: NameBounds) {
  return z.string().transform((raw, ctx) => {
    const n = normaliseName(raw, bounds);
    if (n.ok) return n.value;
    ctx.addIssue({ code: 'custom', message: n.reason });
    return z.NEVER;
  });
}

/** A person's name: residents, members, contacts, accounts' display names (1–50 characters by default). */
export const personName = (max = PERSON_NAME.max) => nameText({ min: PERSON_NAME.min, max });
/** A place's name: areas, courtyards, care sites (1–100 characters by default). */
export const placeName = (max = PLACE_NAME.max, min = PLACE_NAME.min) => nameText({ min, max });
/** A building's, unit's or room's label (1–30 characters by default). */
export const placeLabel = (max = PLACE_LABEL.max) => nameText({ min: PLACE_LABEL.min, max });
