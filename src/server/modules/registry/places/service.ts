/**
 * Courtyards, buildings, units and dwellings under the actor's grids. Every write
 * keeps a record version and an audit row in the request's transaction.
 */
import { sql } from 'kysely';
import { type ActorContext, authorize, type Context } from '../../../kernel/context.js';
import { decodeCursor, page } from '../../../http/cursor.js';
import { checkPhone } from '../../../../domain/phone.js';
import { containing } from '../../../db/like.js';
import { fieldProblem, notFound, validationError } from '../../../kernel/errors.js';
import { audit, diff } from '../../../kernel/audit.js';
import { areaInScope, gridInScope, inScope } from '../../../kernel/scope.js';
import { recordVersion } from '../../../kernel/versions.js';
import { presenter } from '../../../kernel/present.js';
import type { CourtyardDto } from './schemas.js';

const COURTYARD = [
  'c.id',
  'c.grid_id',
  'g.name as grid_name',
  'c.area_path',
  'c.district_id',
  'c.name',
  'c.kind',
  'c.address',
  'c.gate_status',
  'c.gate_since',
  'c.gate_until',
] as const;

function courtyards(c: ActorContext) {
  return c.db
    .selectFrom('courtyards as c')
    .innerJoin('areas as g', 'g.id', 'c.grid_id')
    .select(COURTYARD)
    .select(
      sql<Record<string, string> | null>`(SELECT jsonb_object_agg(metric, value) FROM courtyard_counters k
        WHERE k.district_id = c.district_id AND k.courtyard_id = c.id)`.as('counters'),
    )
    .where('c.retired_at', 'is', null)
    .where(inScope(c, 'c.area_path'));
}
type CourtyardRow = Awaited<ReturnType<ReturnType<typeof courtyards>['executeTakeFirstOrThrow']>>;

function toDto(r: CourtyardRow): CourtyardDto {
  const figures = Object.fromEntries(
    ['registry.dwellings', 'registry.households', 'registry.rentals', 'registry.vacant'].map((m) => [
      m,
      Number(r.counters?.[m] ?? 0),
    ]),
  );
  return {
    id: r.id,
    grid: { id: r.grid_id, name: r.grid_name },
    name: r.name,
    kind: r.kind,
    address: r.address,
    gateStatus: r.gate_status,
    gateSince: r.gate_since,
    gateUntil: r.gate_until,
    figures,
  };
}

async function visibleCourtyard(c: ActorContext, id: string) {
  const row = await courtyards(c).where('c.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

export async function createCourtyard(
  ctx: Context,
  input: { id?: string; gridId: string; name: string; kind: CourtyardDto['kind']; address?: string | null },
) {
  const c = authorize(ctx, 'place.manage');
  const grid = await gridInScope(c, input.gridId);
  if (input.id) {
    const same = await courtyards(c).where('c.id', '=', input.id).executeTakeFirst();
    if (same) return toDto(same);
  }
  const values = {
    ...(input.id ? { id: input.id } : {}),
    grid_id: input.gridId,
    name: input.name,
    kind: input.kind,
    address: input.address ?? null,
  };
  const row = await c.db
    .insertInto('courtyards')
    .values({ ...values, district_id: grid.district_id })
    .returning(['id', 'area_path', 'district_id'])
    .executeTakeFirstOrThrow();
  await recordVersion(c, { type: 'courtyard', id: row.id, place: row, before: null, after: values });
  await audit(c, {
    action: 'courtyard.create',
    resourceType: 'courtyard',
    resourceId: row.id,
    area: { id: input.gridId, path: row.area_path, districtId: row.district_id },
  });
  return toDto(await visibleCourtyard(c, row.id));
}

export async function listCourtyards(ctx: Context, f: { gridId?: string; q?: string; after?: string; limit: number }) {
  const c = authorize(ctx, 'place.read');
  let q = courtyards(c);
  // A grid outside the scope is not there: 404, not an empty page.
  if (f.gridId) q = q.where('c.grid_id', '=', (await areaInScope(c, f.gridId, { field: 'gridId' })).id);
  if (f.q) q = q.where('c.name', 'like', containing(f.q));
  const after = decodeCursor(f.after, 2);
  if (after) q = q.where(sql<boolean>`(c.name, c.id) > (${String(after[0])}, ${String(after[1])}::uuid)`);
  const rows = await q
    .orderBy('c.name')
    .orderBy('c.id')
    .limit(f.limit + 1)
    .execute();
  const p = page(rows, f.limit, (r) => [r.name, r.id]);
  return { items: p.items.map(toDto), nextCursor: p.nextCursor };
}

export async function getCourtyard(ctx: Context, id: string) {
  const c = authorize(ctx, 'place.read');
  const row = await visibleCourtyard(c, id);
  const buildings = await c.db
    .selectFrom('buildings')
    .select(['id', 'label', 'floors'])
    .where('district_id', '=', row.district_id)
    .where('courtyard_id', '=', id)
    .orderBy('label')
    .execute();
  const units = buildings.length
    ? await c.db
        .selectFrom('units')
        .select(['id', 'label', 'building_id'])
        .where('district_id', '=', row.district_id)
        .where(
          'building_id',
          'in',
          buildings.map((b) => b.id),
        )
        .orderBy('label')
        .execute()
    : [];
  const show = presenter(c);
  const contacts = await c.db
    .selectFrom('courtyard_contacts')
    .select(['id', 'role', 'name', 'phone', 'building_id'])
    .where('district_id', '=', row.district_id)
    .where('courtyard_id', '=', id)
    .orderBy('created_at')
    .execute();
  return {
    ...toDto(row),
    buildings: buildings.map((b) => ({
      ...b,
      units: units.filter((u) => u.building_id === b.id).map(({ id: uid, label }) => ({ id: uid, label })),
    })),
    contacts: contacts.map((k) => ({
      id: k.id,
      role: k.role,
      name: k.name,
      // A 楼栋长 or volunteer is a resident: the phone as the viewer's role may see it.
      phone: show.value('phone', k.phone),
      buildingId: k.building_id,
    })),
  };
}

/** A building named with a courtyard's place or person must stand in that courtyard. */
export async function checkBuildingIn(c: ActorContext, buildingId: string, yard: { id: string; district_id: string }) {
  const b = await c.db
    .selectFrom('buildings')
    .select('courtyard_id')
    .where('district_id', '=', yard.district_id)
    .where('id', '=', buildingId)
    .executeTakeFirst();
  if (b?.courtyard_id !== yard.id) throw validationError([fieldProblem('buildingId', 'invalid')]);
}

/** Responsible people of a courtyard (网格员, 楼栋长 …): people with phones, not necessarily users. */
export async function addContact(
  ctx: Context,
  courtyardId: string,
  input: {
    role: 'grid_worker' | 'building_head' | 'property_manager' | 'volunteer' | 'other';
    name: string;
    phone: string;
    buildingId?: string | null;
  },
) {
  const c = authorize(ctx, 'place.manage');
  const yard = await visibleCourtyard(c, courtyardId);
  const phone = checkPhone(input.phone);
  if (!phone.ok) throw validationError([fieldProblem('phone', 'phone_format')]);
  if (input.buildingId) await checkBuildingIn(c, input.buildingId, yard);
  const row = await c.db
    .insertInto('courtyard_contacts')
    .values({
      district_id: yard.district_id,
      courtyard_id: courtyardId,
      role: input.role,
      name: input.name,
      phone: phone.number,
      building_id: input.buildingId ?? null,
    })
    .returning(['id', 'role', 'name', 'phone', 'building_id'])
    .executeTakeFirstOrThrow();
  await audit(c, {
    action: 'courtyard.contact_added',
    resourceType: 'courtyard',
    resourceId: courtyardId,
    area: { id: yard.grid_id, path: yard.area_path, districtId: yard.district_id },
    details: { role: input.role },
  });
  return {
    id: row.id,
    role: row.role,
    name: row.name,
    phone: presenter(c).value('phone', row.phone),
    buildingId: row.building_id,
  };
}

export async function updateCourtyard(
  ctx: Context,
  id: string,
  input: {
    name?: string;
    kind?: CourtyardDto['kind'];
    address?: string | null;
    gateStatus?: 'open' | 'closed';
    gateSince?: string | null;
    gateUntil?: string | null;
  },
) {
  const c = authorize(ctx, 'place.manage');
  const before = await visibleCourtyard(c, id);
  const set = {
    name: input.name,
    kind: input.kind,
    address: input.address,
    gate_status: input.gateStatus,
    gate_since: input.gateSince,
    gate_until: input.gateUntil,
  };
  const changes = diff(before as unknown as Record<string, unknown>, set);
  if (Object.keys(changes).length === 0) return toDto(before);
  await c.db
    .updateTable('courtyards')
    .set({ ...set, updated_at: c.clock.now() })
    .where('district_id', '=', before.district_id)
    .where('id', '=', id)
    .execute();
  await recordVersion(c, {
    type: 'courtyard',
    id,
    place: before,
    before: Object.fromEntries(Object.entries(changes).map(([k, [b]]) => [k, b])),
    after: Object.fromEntries(Object.entries(changes).map(([k, [, a]]) => [k, a])),
  });
  await audit(c, {
    action: 'courtyard.update',
    resourceType: 'courtyard',
    resourceId: id,
    area: { id: before.grid_id, path: before.area_path, districtId: before.district_id },
    changes,
  });
  return toDto(await visibleCourtyard(c, id));
}

export async function addBuilding(
  ctx: Context,
  courtyardId: string,
  input: { id?: string; label: string; floors?: number | null },
) {
  const c = authorize(ctx, 'place.manage');
  const yard = await visibleCourtyard(c, courtyardId);
  const values = {
    ...(input.id ? { id: input.id } : {}),
    courtyard_id: courtyardId,
    label: input.label,
    floors: input.floors ?? null,
  };
  const row = await c.db
    .insertInto('buildings')
    .values({ ...values, district_id: yard.district_id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordVersion(c, { type: 'building', id: row.id, place: yard, before: null, after: values });
  return { id: row.id, label: input.label, floors: input.floors ?? null, units: [] };
}

async function buildingInScope(c: ActorContext, buildingId: string) {
  const b = await c.db
    .selectFrom('buildings as b')
    .innerJoin('courtyards as c', (j) =>
      j.onRef('c.district_id', '=', 'b.district_id').onRef('c.id', '=', 'b.courtyard_id'),
    )
    .select(['b.id', 'b.courtyard_id', 'c.area_path', 'c.district_id', 'c.grid_id'])
    .where('b.id', '=', buildingId)
    .where(inScope(c, 'c.area_path'))
    .executeTakeFirst();
  if (!b) throw notFound();
  return b;
}

export async function addUnit(ctx: Context, buildingId: string, input: { id?: string; label: string }) {
  const c = authorize(ctx, 'place.manage');
  const b = await buildingInScope(c, buildingId);
  const values = { ...(input.id ? { id: input.id } : {}), building_id: buildingId, label: input.label };
  const row = await c.db
    .insertInto('units')
    .values({ ...values, district_id: b.district_id })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordVersion(c, { type: 'unit', id: row.id, place: b, before: null, after: values });
  return { id: row.id, label: input.label };
}
