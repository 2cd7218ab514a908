/**
 * Isolation sites (rooms with a capacity) and designated hospitals (beds). Sites
 * usually belong to the district and serve every grid below it, so an actor sees the
 * sites on the path above their scope as well as those inside it; only those inside
 * it can be changed (care_site.manage). Occupancy is the persons under a measure
 * placed there now (actual_end IS NULL): the count the placement trigger checks
 * capacity against, so a capacity is never lowered below it.
 */
import { sql } from 'kysely';
import { type ActorContext, authorize, type Context } from '../../../kernel/context.js';
import {
  AppError,
  type FieldProblem,
  fieldProblem,
  forbidden,
  notFound,
  validationError,
} from '../../../kernel/errors.js';
import { audit, diff } from '../../../kernel/audit.js';
import { areaInScope, contains, onBranch } from '../../../kernel/scope.js';
import type { CreateSite, SiteDetailDto, SiteDto, SiteKind, UpdateSite } from './schemas.js';

function sites(c: ActorContext) {
  return (
    c.db
      .selectFrom('isolation_sites as s')
      .innerJoin('areas as a', 'a.id', 's.area_id')
      .select([
        's.id',
        's.kind',
        's.name',
        's.address',
        's.area_id',
        's.area_path',
        's.district_id',
        's.beds',
        's.retired_at',
        's.created_at',
        'a.name as area_name',
        'a.level as area_level',
      ])
      // On the actor's branch: a district site seen from a grid, or one inside the scope.
      .where(onBranch(c, 's.area_path'))
  );
}
type SiteRow = Awaited<ReturnType<ReturnType<typeof sites>['executeTakeFirstOrThrow']>>;

interface RoomRow {
  id: string;
  site_id: string;
  label: string;
  capacity: number;
  occupied: number;
}

/** Sites seen by an actor are on their branch, so in their district. */
async function roomsOf(c: ActorContext, siteIds: string[]): Promise<RoomRow[]> {
  if (siteIds.length === 0) return [];
  const { rows } = await sql<RoomRow>`
    SELECT r.id, r.site_id, r.label, r.capacity, count(m.id)::int AS occupied
    FROM isolation_rooms r
    LEFT JOIN health_measures m ON m.district_id = r.district_id AND m.room_id = r.id AND m.actual_end IS NULL
    WHERE r.district_id = ${c.actor.districtId} AND r.site_id = ANY(${siteIds}::uuid[])
    GROUP BY r.district_id, r.id ORDER BY r.site_id, r.label`.execute(c.db);
  return rows;
}

async function bedsTaken(c: ActorContext, siteIds: string[]): Promise<Map<string, number>> {
  if (siteIds.length === 0) return new Map();
  const { rows } = await sql<{ site_id: string; taken: number }>`
    SELECT site_id, count(*)::int AS taken FROM health_measures
    WHERE district_id = ${c.actor.districtId} AND site_id = ANY(${siteIds}::uuid[]) AND bed IS NOT NULL AND actual_end IS NULL
    GROUP BY site_id`.execute(c.db);
  return new Map(rows.map((r) => [r.site_id, r.taken]));
}

const occupancy = (capacity: number, occupied: number) => ({
  capacity,
  occupied,
  free: Math.max(0, capacity - occupied),
});

/** Each site with its occupancy, and its rooms with theirs (isolation sites). */
async function present(c: ActorContext, rows: SiteRow[]): Promise<{ site: SiteDto; rooms: SiteDetailDto['rooms'] }[]> {
  const ofKind = (k: SiteKind) => rows.filter((r) => r.kind === k).map((r) => r.id);
  const rooms = new Map<string, RoomRow[]>();
  for (const r of await roomsOf(c, ofKind('isolation_site')))
    rooms.set(r.site_id, [...(rooms.get(r.site_id) ?? []), r]);
  const taken = await bedsTaken(c, ofKind('hospital'));
  return rows.map((s) => {
    const own = (rooms.get(s.id) ?? []).map((r) => ({
      id: r.id,
      label: r.label,
      ...occupancy(r.capacity, r.occupied),
    }));
    const total =
      s.kind === 'hospital'
        ? occupancy(s.beds ?? 0, taken.get(s.id) ?? 0)
        : occupancy(
            own.reduce((n, r) => n + r.capacity, 0),
            own.reduce((n, r) => n + r.occupied, 0),
          );
    const site: SiteDto = {
      id: s.id,
      kind: s.kind,
      name: s.name,
      address: s.address,
      area: { id: s.area_id, name: s.area_name, level: s.area_level },
      beds: s.beds,
      roomCount: own.length,
      ...total,
      retiredAt: s.retired_at?.toISOString() ?? null,
      createdAt: s.created_at.toISOString(),
    };
    return { site, rooms: own };
  });
}

async function detail(c: ActorContext, id: string): Promise<SiteDetailDto> {
  const row = await sites(c).where('s.id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  const [shown] = await present(c, [row]);
  return { ...shown!.site, rooms: shown!.rooms };
}

/** A site the actor may change, locked for the rest of the request; seen but above the actor's scope: forbidden. */
async function manageable(c: ActorContext, id: string) {
  const row = await sites(c).where('s.id', '=', id).forUpdate('s').executeTakeFirst();
  if (!row) throw notFound();
  if (!contains(c, row.area_path)) throw forbidden();
  if (row.retired_at) throw new AppError('CARE_SITE_RETIRED');
  return row;
}

const auditArea = (s: { area_id: string; area_path: string; district_id: string }) => ({
  id: s.area_id,
  path: s.area_path,
  districtId: s.district_id,
});

async function nameFree(c: ActorContext, districtId: string, name: string, exceptId?: string) {
  let q = c.db
    .selectFrom('isolation_sites')
    .select('id')
    .where('district_id', '=', districtId)
    .where('name', '=', name)
    .where('retired_at', 'is', null);
  if (exceptId) q = q.where('id', '<>', exceptId);
  if (await q.executeTakeFirst()) {
    throw new AppError('CONFLICT', [fieldProblem('name', 'conflict')]);
  }
}

/** Labels must stay unique within a site: `fields` are the labels being set, `others` those that stay. */
function duplicateLabels(fields: { field: string; label: string }[], others: string[]): FieldProblem[] {
  const seen = new Set(others);
  const problems: FieldProblem[] = [];
  for (const f of fields) {
    if (seen.has(f.label)) problems.push(fieldProblem(f.field, 'duplicate_label', { label: f.label }));
    seen.add(f.label);
  }
  return problems;
}

const onlyFor = (field: string, kind: SiteKind): FieldProblem =>
  fieldProblem(field, kind === 'hospital' ? 'hospital_only' : 'isolation_site_only');

/** The area a new site belongs to: inside the scope and not retired; a refusal names the field. */
async function siteArea(c: ActorContext, areaId: string) {
  try {
    return await areaInScope(c, areaId, { active: true });
  } catch (err) {
    if (err instanceof AppError && err.code === 'NOT_FOUND')
      throw new AppError('NOT_FOUND', [fieldProblem('areaId', 'invalid')]);
    throw err;
  }
}

export async function list(
  ctx: Context,
  f: { kind?: SiteKind; includeRetired: boolean },
): Promise<{ items: SiteDto[] }> {
  const c = authorize(ctx, 'care_site.read');
  let q = sites(c);
  if (f.kind) q = q.where('s.kind', '=', f.kind);
  if (!f.includeRetired) q = q.where('s.retired_at', 'is', null);
  const rows = await q.orderBy('s.kind').orderBy('s.name').execute();
  return { items: (await present(c, rows)).map((p) => p.site) };
}

export async function get(ctx: Context, id: string): Promise<SiteDetailDto> {
  return detail(authorize(ctx, 'care_site.read'), id);
}

export async function create(ctx: Context, input: CreateSite): Promise<SiteDetailDto> {
  const c = authorize(ctx, 'care_site.manage');
  const area = await siteArea(c, input.areaId);
  if (input.kind === 'isolation_site') {
    const dup = duplicateLabels(
      input.rooms.map((r, i) => ({ field: `rooms.${i}.label`, label: r.label })),
      [],
    );
    if (dup.length) throw validationError(dup);
  }
  await nameFree(c, area.district_id, input.name);
  const row = await c.db
    .insertInto('isolation_sites')
    .values({
      kind: input.kind,
      district_id: area.district_id,
      area_id: input.areaId,
      name: input.name,
      address: input.address ?? null,
      beds: input.kind === 'hospital' ? input.beds : null,
      created_at: c.clock.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.kind === 'isolation_site')
    await c.db
      .insertInto('isolation_rooms')
      .values(
        input.rooms.map((r) => ({
          district_id: area.district_id,
          site_id: row.id,
          label: r.label,
          capacity: r.capacity,
        })),
      )
      .execute();
  await audit(c, {
    action: 'care_site.create',
    resourceType: 'care_site',
    resourceId: row.id,
    area: { id: area.id, path: area.path, districtId: area.district_id },
    details: {
      kind: input.kind,
      name: input.name,
      ...(input.kind === 'hospital'
        ? { beds: input.beds }
        : { rooms: input.rooms.length, capacity: input.rooms.reduce((n, r) => n + r.capacity, 0) }),
    },
  });
  return detail(c, row.id);
}

export async function addRooms(
  ctx: Context,
  id: string,
  input: { rooms: { label: string; capacity: number }[] },
): Promise<SiteDetailDto> {
  const c = authorize(ctx, 'care_site.manage');
  const s = await manageable(c, id);
  if (s.kind !== 'isolation_site') throw validationError([onlyFor('rooms', 'isolation_site')]);
  const existing = await c.db
    .selectFrom('isolation_rooms')
    .select('label')
    .where('district_id', '=', s.district_id)
    .where('site_id', '=', id)
    .execute();
  const dup = duplicateLabels(
    input.rooms.map((r, i) => ({ field: `rooms.${i}.label`, label: r.label })),
    existing.map((r) => r.label),
  );
  if (dup.length) throw validationError(dup);
  await c.db
    .insertInto('isolation_rooms')
    .values(input.rooms.map((r) => ({ district_id: s.district_id, site_id: id, label: r.label, capacity: r.capacity })))
    .execute();
  await audit(c, {
    action: 'care_site.rooms_add',
    resourceType: 'care_site',
    resourceId: id,
    area: auditArea(s),
    details: { rooms: input.rooms },
  });
  return detail(c, id);
}

export async function update(ctx: Context, id: string, input: UpdateSite): Promise<SiteDetailDto> {
  const c = authorize(ctx, 'care_site.manage');
  const before = await manageable(c, id);
  const wrongKind: FieldProblem[] = [];
  if (input.beds !== undefined && before.kind !== 'hospital') wrongKind.push(onlyFor('beds', 'hospital'));
  if (input.rooms?.length && before.kind !== 'isolation_site') wrongKind.push(onlyFor('rooms', 'isolation_site'));
  if (wrongKind.length) throw validationError(wrongKind);
  if (input.name !== undefined && input.name !== before.name) await nameFree(c, before.district_id, input.name, id);

  const below: FieldProblem[] = [];
  if (input.beds !== undefined) {
    const taken = (await bedsTaken(c, [id])).get(id) ?? 0;
    if (input.beds < taken) below.push(fieldProblem('beds', 'below_occupancy', { placed: taken }));
  }
  const roomChanges: { id: string; label?: [string, string]; capacity?: [number, number] }[] = [];
  if (input.rooms?.length) {
    // Locked like the placement trigger locks them, so no one is placed while the capacity changes.
    const current = await c.db
      .selectFrom('isolation_rooms')
      .select(['id', 'label', 'capacity'])
      .where('district_id', '=', before.district_id)
      .where('site_id', '=', id)
      .forUpdate()
      .execute();
    const occupied = new Map((await roomsOf(c, [id])).map((r) => [r.id, r.occupied]));
    const byId = new Map(current.map((r) => [r.id, r]));
    const unknown = input.rooms.flatMap((p, i) =>
      byId.has(p.id) ? [] : [fieldProblem(`rooms.${i}.id`, 'not_in_site')],
    );
    if (unknown.length) throw validationError(unknown);
    const relabelled = new Set(input.rooms.filter((p) => p.label !== undefined).map((p) => p.id));
    const dup = duplicateLabels(
      input.rooms.flatMap((p, i) => (p.label === undefined ? [] : [{ field: `rooms.${i}.label`, label: p.label }])),
      current.filter((r) => !relabelled.has(r.id)).map((r) => r.label),
    );
    if (dup.length) throw validationError(dup);
    input.rooms.forEach((p, i) => {
      const r = byId.get(p.id)!;
      const taken = occupied.get(p.id) ?? 0;
      if (p.capacity !== undefined && p.capacity < taken)
        below.push(fieldProblem(`rooms.${i}.capacity`, 'below_occupancy', { placed: taken }));
      const change: (typeof roomChanges)[number] = { id: p.id };
      if (p.label !== undefined && p.label !== r.label) change.label = [r.label, p.label];
      if (p.capacity !== undefined && p.capacity !== r.capacity) change.capacity = [r.capacity, p.capacity];
      if (change.label || change.capacity) roomChanges.push(change);
    });
  }
  if (below.length) throw new AppError('CAPACITY_BELOW_OCCUPANCY', below);

  const set = { name: input.name, address: input.address, beds: input.beds };
  const changes: Record<string, unknown> = diff({ name: before.name, address: before.address, beds: before.beds }, set);
  if (Object.keys(changes).length)
    await c.db
      .updateTable('isolation_sites')
      .set(set)
      .where('district_id', '=', before.district_id)
      .where('id', '=', id)
      .execute();
  for (const r of roomChanges) {
    await c.db
      .updateTable('isolation_rooms')
      .set({ ...(r.label ? { label: r.label[1] } : {}), ...(r.capacity ? { capacity: r.capacity[1] } : {}) })
      .where('district_id', '=', before.district_id)
      .where('id', '=', r.id)
      .execute();
  }
  if (roomChanges.length) changes.rooms = roomChanges;
  if (Object.keys(changes).length)
    await audit(c, {
      action: 'care_site.update',
      resourceType: 'care_site',
      resourceId: id,
      area: auditArea(before),
      changes,
    });
  return detail(c, id);
}

export async function retire(ctx: Context, id: string): Promise<SiteDetailDto> {
  const c = authorize(ctx, 'care_site.manage');
  const found = await sites(c).where('s.id', '=', id).executeTakeFirst();
  if (found?.retired_at && contains(c, found.area_path)) return detail(c, id);
  const s = await manageable(c, id);
  // No one can be placed in a locked room (or, for a hospital, the locked site) until this commits.
  await c.db
    .selectFrom('isolation_rooms')
    .select('id')
    .where('district_id', '=', s.district_id)
    .where('site_id', '=', id)
    .forUpdate()
    .execute();
  const [now] = await present(c, [s]);
  const occupied = now!.site.occupied;
  if (occupied > 0) throw new AppError('CARE_SITE_OCCUPIED', [], { occupied });
  const at = c.clock.now();
  await c.db
    .updateTable('isolation_sites')
    .set({ retired_at: at })
    .where('district_id', '=', s.district_id)
    .where('id', '=', id)
    .execute();
  await audit(c, {
    action: 'care_site.retire',
    resourceType: 'care_site',
    resourceId: id,
    area: auditArea(s),
    changes: { retiredAt: [null, at.toISOString()] },
  });
  return detail(c, id);
}
