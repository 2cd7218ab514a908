/** Dwellings (户室): under a unit, a building, or directly under a rural courtyard. */
import { sql } from 'kysely';
import { authorize, type Context } from '../../../kernel/context.js';
import { decodeCursor, page } from '../../../http/cursor.js';
import { fieldProblem, notFound, validationError } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { inScope, recordInScope } from '../../../kernel/scope.js';
import { recordVersion } from '../../../kernel/versions.js';
import { checkBuildingIn } from './service.js';

interface NewDwelling {
  id?: string;
  courtyardId: string;
  buildingId?: string | null;
  unitId?: string | null;
  room: string;
  floor?: number | null;
  areaM2?: number | null;
  use: 'residential' | 'commercial' | 'other';
}

const COLUMNS = ['id', 'courtyard_id', 'building_id', 'unit_id', 'room', 'floor', 'area_m2', 'use'] as const;

type Row = {
  id: string;
  courtyard_id: string;
  building_id: string | null;
  unit_id: string | null;
  room: string;
  floor: number | null;
  area_m2: string | null;
  use: 'residential' | 'commercial' | 'other';
  occupied?: boolean;
};

function toDto(r: Row) {
  return {
    id: r.id,
    courtyardId: r.courtyard_id,
    buildingId: r.building_id,
    unitId: r.unit_id,
    room: r.room,
    floor: r.floor,
    areaM2: r.area_m2 === null ? null : Number(r.area_m2),
    use: r.use,
    occupied: r.occupied ?? false,
  };
}

/** Whether a household lives in the dwelling now (a vacant one has none). */
const occupied = sql<boolean>`EXISTS (SELECT 1 FROM occupancies o
    WHERE o.district_id = dwellings.district_id AND o.dwelling_id = dwellings.id AND o.end_date IS NULL)`.as(
  'occupied',
);

export async function createDwelling(ctx: Context, input: NewDwelling) {
  const c = authorize(ctx, 'place.manage');
  const yard = await c.db
    .selectFrom('courtyards')
    .select(['id', 'kind', 'grid_id', 'area_path', 'district_id'])
    .where('id', '=', input.courtyardId)
    .where('retired_at', 'is', null)
    .where(inScope(c, 'area_path'))
    .executeTakeFirst();
  if (!yard) throw notFound();
  if (input.id) {
    const same = await c.db
      .selectFrom('dwellings')
      .select(COLUMNS)
      .where('district_id', '=', yard.district_id)
      .where('id', '=', input.id)
      .where('courtyard_id', '=', yard.id)
      .executeTakeFirst();
    if (same) return toDto(same);
  }
  // The chain must hold together: the unit in the building, the building in the courtyard.
  if (input.buildingId) await checkBuildingIn(c, input.buildingId, yard);
  else if (yard.kind !== 'rural_scattered') throw validationError([fieldProblem('buildingId', 'building_required')]);
  if (input.unitId) {
    const u = await c.db
      .selectFrom('units')
      .select('building_id')
      .where('district_id', '=', yard.district_id)
      .where('id', '=', input.unitId)
      .executeTakeFirst();
    if (!input.buildingId || u?.building_id !== input.buildingId)
      throw validationError([fieldProblem('unitId', 'invalid')]);
  }
  const values = {
    ...(input.id ? { id: input.id } : {}),
    grid_id: yard.grid_id,
    courtyard_id: yard.id,
    building_id: input.buildingId ?? null,
    unit_id: input.unitId ?? null,
    room: input.room,
    floor: input.floor ?? null,
    area_m2: input.areaM2 ?? null,
    use: input.use,
  };
  // A taken address is refused by the unique index dwellings_address (kernel/pg-errors.ts: CONFLICT on room).
  const row = await c.db
    .insertInto('dwellings')
    .values({ ...values, district_id: yard.district_id })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  await recordVersion(c, { type: 'dwelling', id: row.id, place: yard, before: null, after: values });
  await audit(c, {
    action: 'dwelling.create',
    resourceType: 'dwelling',
    resourceId: row.id,
    area: { id: yard.grid_id, path: yard.area_path, districtId: yard.district_id },
  });
  return toDto(row);
}

/** A courtyard's dwellings (optionally one building's), in keyset pages. */
export async function listDwellings(
  ctx: Context,
  courtyardId: string,
  f: { buildingId?: string; after?: string; limit: number },
) {
  const c = authorize(ctx, 'place.read');
  await recordInScope(c, 'courtyards', courtyardId);
  let q = c.db
    .selectFrom('dwellings')
    .select(COLUMNS)
    .select(occupied)
    .where('district_id', '=', c.actor.districtId)
    .where('courtyard_id', '=', courtyardId)
    .where('retired_at', 'is', null);
  if (f.buildingId) q = q.where('building_id', '=', f.buildingId);
  const after = decodeCursor(f.after, 2);
  if (after) q = q.where(sql<boolean>`(sort_key, id) > (${String(after[0])}, ${String(after[1])}::uuid)`);
  const rows = await q
    .select('sort_key')
    .orderBy('sort_key')
    .orderBy('id')
    .limit(f.limit + 1)
    .execute();
  const p = page(rows, f.limit, (r) => [r.sort_key, r.id]);
  return { items: p.items.map(toDto), nextCursor: p.nextCursor };
}
