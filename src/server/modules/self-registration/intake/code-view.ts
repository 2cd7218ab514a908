/**
 * What a resident's phone sees behind a code: the place, the responsible person,
 * the courtyards in the code's scope and, one courtyard at a time, its buildings,
 * units and rooms; the exposure categories in force with what puts a person in them.
 * Never any person.
 */
import type { AreaLevel } from '../../../../domain/areas.js';
import { shanghaiDay } from '../../../../domain/clock.js';
import { SYMPTOMS } from '../../../../domain/health.js';
import { type CategoryWithCriteria, PLACES } from '../../../../domain/self-registration.js';
import type { Database } from '../../../db/connection.js';
import type { CodeStatus } from '../../../db/types-self-registration.js';
import type { Context } from '../../../kernel/context.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { districtOfToken } from '../../../kernel/public-tokens.js';
import { inScope, type Scope, scopeOfArea } from '../../../kernel/scope.js';
import { placeName, tokenHash } from '../codes/index.js';
import type { CodeView } from './schemas.js';

/** A code of a district by its token's hash or its id, with its area's subtree. */
async function readCode(ctx: Context, districtId: string, by: 'k.token_hash' | 'k.id', key: string) {
  const code = await ctx.db
    .selectFrom('reg_codes as k')
    .innerJoin('areas as a', 'a.id', 'k.area_id')
    .leftJoin('courtyards as y', (j) =>
      j.onRef('y.district_id', '=', 'k.district_id').onRef('y.id', '=', 'k.courtyard_id'),
    )
    .select([
      'k.id',
      'k.district_id',
      'k.area_id',
      'k.area_path',
      'a.level as area_level',
      'k.courtyard_id',
      'y.name as courtyard_name',
      'k.purpose',
      'k.responsible_name',
      'k.responsible_phone',
      'k.ask_everyone',
      'k.status',
      'k.expires_at',
    ])
    .where('k.district_id', '=', districtId)
    .where(by, '=', key)
    .executeTakeFirst();
  return code && { ...code, scope: codeScope(code) };
}

/**
 * A code by its token, found by the token's hash (the token itself is not stored): the
 * hash names its district first (public_tokens), then the code is read there. A token
 * nobody issued finds nothing, like a code that is gone.
 */
export async function codeByToken(ctx: Context, token: string) {
  const hash = tokenHash(token);
  const districtId = await districtOfToken(ctx.db, 'reg_code', hash);
  return districtId === null ? undefined : readCode(ctx, districtId, 'k.token_hash', hash);
}

/** A family's own code, for its edit link: by id, in the submission's district. */
export function codeById(ctx: Context, districtId: string, id: string) {
  return readCode(ctx, districtId, 'k.id', id);
}

/** The subtree a code registers families in: its area's. */
export function codeScope(code: { area_id: string; area_path: string; district_id: string; area_level: AreaLevel }) {
  return scopeOfArea({ id: code.area_id, path: code.area_path, district_id: code.district_id, level: code.area_level });
}
export type CodeRow = NonNullable<Awaited<ReturnType<typeof codeByToken>>>;

/** A code that takes submissions now: not revoked, not expired, not paused. */
export function assertWorking(
  ctx: Context,
  code: { status: CodeStatus; expires_at: Date } | null | undefined,
): asserts code {
  if (!code || code.status === 'revoked' || code.expires_at <= ctx.clock.now()) throw new AppError('REG_CODE_INVALID');
  if (code.status === 'paused') throw new AppError('REG_CODE_PAUSED');
}

export async function workingCode(ctx: Context, token: string): Promise<CodeRow> {
  const code = await codeByToken(ctx, token);
  assertWorking(ctx, code);
  return code;
}

/**
 * The categories list changes about weekly, from a day on: each process keeps the
 * day's list for a few seconds instead of reading it for every family of a surge.
 */
const CATEGORIES_TTL_MS = 5_000;
const categoryCache = new WeakMap<object, Map<string, { day: string; at: number; list: CategoryWithCriteria[] }>>();

/**
 * The categories in force on the day that a resident's answers can put them in. A miss
 * reads through the request's own handle: a second pool connection per request would
 * deadlock the pool under load (every connection holding a transaction, each waiting
 * for one more).
 */
export async function categoriesWithCriteria(
  ctx: Context,
  districtId: string,
  day: string,
): Promise<CategoryWithCriteria[]> {
  const districts =
    categoryCache.get(ctx.root) ?? new Map<string, { day: string; at: number; list: CategoryWithCriteria[] }>();
  categoryCache.set(ctx.root, districts);
  const hit = districts.get(districtId);
  if (hit && hit.day === day && Date.now() - hit.at < CATEGORIES_TTL_MS) return hit.list;
  const list = await loadCategories(ctx.db, districtId, day);
  districts.set(districtId, { day, at: Date.now(), list });
  return list;
}

/** The code's district's own list: each district keeps its categories. */
async function loadCategories(db: Database, districtId: string, day: string): Promise<CategoryWithCriteria[]> {
  const rows = await db
    .selectFrom('health_categories')
    .select(['key', 'label', 'criteria'])
    .where('district_id', '=', districtId)
    .where('criteria', 'is not', null)
    .where('effective_from', '<=', day)
    .where((eb) => eb.or([eb('effective_until', 'is', null), eb('effective_until', '>', day)]))
    .orderBy('effective_from')
    .orderBy('key')
    .execute();
  return rows.map((r) => ({ key: r.key, label: r.label, criteria: r.criteria }));
}

export async function viewOf(ctx: Context, code: CodeRow): Promise<CodeView> {
  const today = shanghaiDay(ctx.clock.now());
  let courtyards = ctx.db
    .selectFrom('courtyards')
    .select(['id', 'name', 'kind'])
    .where('district_id', '=', code.district_id)
    .where('retired_at', 'is', null);
  courtyards = code.courtyard_id
    ? courtyards.where('id', '=', code.courtyard_id)
    : courtyards.where(inScope(code.scope, 'area_path'));
  const area = (await ctx.areas.snapshot()).get(String(code.area_id));
  const level = code.courtyard_id ? 'courtyard' : area?.level === 'community' ? 'community' : 'grid';
  return {
    purpose: code.purpose,
    place: { name: await placeName(ctx, code.area_id, code.courtyard_name), level },
    responsible: { name: code.responsible_name, phone: code.responsible_phone },
    expiresAt: code.expires_at.toISOString(),
    today,
    askEveryone: code.ask_everyone,
    courtyards: await courtyards.orderBy('name').limit(500).execute(),
    categories: (await categoriesWithCriteria(ctx, code.district_id, today)).map((k) => ({
      key: k.key,
      label: k.label,
      criteria: k.criteria!,
    })),
    places: [...PLACES],
    symptoms: [...SYMPTOMS],
  };
}

export async function view(ctx: Context, token: string): Promise<CodeView> {
  return viewOf(ctx, await workingCode(ctx, token));
}

/** Buildings → units → rooms of one courtyard in the code's scope, in listing order. */
export async function dwellingTree(ctx: Context, token: string, courtyardId: string) {
  return treeFor(ctx, await workingCode(ctx, token), courtyardId);
}

/** The same for a family correcting its registration: scoped by its code, whatever the code's state now. */
export async function treeFor(ctx: Context, code: { courtyard_id: string | null; scope: Scope }, courtyardId: string) {
  const districtId = code.scope.districtId;
  let q = ctx.db
    .selectFrom('courtyards')
    .select('id')
    .where('district_id', '=', districtId)
    .where('id', '=', courtyardId)
    .where('retired_at', 'is', null);
  q = code.courtyard_id ? q.where('id', '=', code.courtyard_id) : q.where(inScope(code.scope, 'area_path'));
  if (!(await q.executeTakeFirst())) throw notFound();
  const [buildings, units, rooms] = await Promise.all([
    ctx.db
      .selectFrom('buildings')
      .select(['id', 'label'])
      .where('district_id', '=', districtId)
      .where('courtyard_id', '=', courtyardId)
      .orderBy('label')
      .execute(),
    ctx.db
      .selectFrom('units as u')
      .innerJoin('buildings as b', (j) =>
        j.onRef('b.district_id', '=', 'u.district_id').onRef('b.id', '=', 'u.building_id'),
      )
      .select(['u.id', 'u.label', 'u.building_id'])
      .where('u.district_id', '=', districtId)
      .where('b.courtyard_id', '=', courtyardId)
      .orderBy('u.label')
      .execute(),
    ctx.db
      .selectFrom('dwellings')
      .select(['id', 'room', 'building_id', 'unit_id'])
      .where('district_id', '=', districtId)
      .where('courtyard_id', '=', courtyardId)
      .where('retired_at', 'is', null)
      .where('use', '=', 'residential')
      .orderBy('sort_key')
      .limit(5000)
      .execute(),
  ]);
  const room = (r: { id: string; room: string }) => ({ id: r.id, room: r.room });
  return {
    courtyardId,
    buildings: buildings.map((b) => ({
      id: b.id,
      label: b.label,
      units: units
        .filter((u) => u.building_id === b.id)
        .map((u) => ({ id: u.id, label: u.label, rooms: rooms.filter((r) => r.unit_id === u.id).map(room) })),
      rooms: rooms.filter((r) => r.building_id === b.id && !r.unit_id).map(room),
    })),
    rooms: rooms.filter((r) => !r.building_id).map(room),
  };
}
