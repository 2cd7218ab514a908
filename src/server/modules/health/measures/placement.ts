/**
 * Placing a key person under a measure, and the decisions that follow: extend,
 * change (release: release.ts). The measure and its planned end come from the rule versions in
 * force on the placement day and are kept with the measure (its basis), so a later
 * rule change never rewrites a past decision. Every decision after placement needs
 * a reason and is audited.
 */
import { sql } from 'kysely';
import { addDays, shanghaiDay } from '../../../../domain/clock.js';
import { type EpiStatus, type Measure, placement } from '../../../../domain/health.js';
import { authorize, type ActorContext, type Context } from '../../../kernel/context.js';
import { AppError, type FieldProblem, fieldProblem, notFound, validationError } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { inScope, onBranch } from '../../../kernel/scope.js';
import { loadRules } from '../rules/index.js';
import {
  addCategories,
  checkCategories,
  ensureProfile,
  event,
  personInScope,
  profileDto,
  profileOf,
  setLastContact,
  setStatus,
} from './profile.js';
import type { MeasureDto } from './schemas.js';
import { checkCapacity, type Place } from './capacity.js';

const PLACE_BACK_DAYS = 30;

/** Measures with their site and room; the caller names the district (`m.district_id`). */
export function selectMeasures(c: Context) {
  return c.db
    .selectFrom('health_measures as m')
    .leftJoin('isolation_sites as s', (j) =>
      j.onRef('s.district_id', '=', 'm.district_id').onRef('s.id', '=', 'm.site_id'),
    )
    .leftJoin('isolation_rooms as r', (j) =>
      j.onRef('r.district_id', '=', 'm.district_id').onRef('r.id', '=', 'm.room_id'),
    )
    .select([
      'm.id',
      'm.person_id',
      'm.district_id',
      'm.grid_id',
      'm.area_path',
      'm.measure',
      'm.site_id',
      's.name as site_name',
      'm.room_id',
      'r.label as room_label',
      'm.bed',
    ])
    .select([
      'm.start_day',
      'm.planned_end',
      'm.actual_end',
      'm.end_reason',
      'm.previous_id',
      'm.release',
      'm.basis',
      'm.categories',
      'm.status',
      'm.last_contact',
    ]);
}
type MeasureRow = Awaited<ReturnType<ReturnType<typeof selectMeasures>['executeTakeFirstOrThrow']>>;

export const toMeasureDto = (r: MeasureRow): MeasureDto => ({
  id: r.id,
  personId: r.person_id,
  measure: r.measure,
  site: r.site_id ? { id: r.site_id, name: r.site_name ?? '' } : null,
  room: r.room_id ? { id: r.room_id, label: r.room_label ?? '' } : null,
  bed: r.bed,
  startDay: r.start_day,
  plannedEnd: r.planned_end,
  actualEnd: r.actual_end,
  endReason: r.end_reason,
  previousId: r.previous_id,
  release: r.release,
  basis: r.basis,
  categories: r.categories,
  status: r.status,
  lastContact: r.last_contact,
});

export async function measureById(c: Context, districtId: string, id: string) {
  return selectMeasures(c).where('m.district_id', '=', districtId).where('m.id', '=', id).executeTakeFirst();
}

/**
 * The site, room or bed a measure needs, checked against the measure, and free
 * (`replacing`: the measure a change ends, whose place counts as free).
 */
async function checkPlace(
  c: ActorContext,
  measure: Measure,
  where: { siteId?: string | undefined; roomId?: string | undefined; bed?: string | undefined },
  replacing: string | null = null,
): Promise<Place> {
  const problems: FieldProblem[] = [];
  const needsRoom = measure === 'central_isolation';
  const needsBed = measure === 'designated_hospital';
  if (needsRoom || needsBed) {
    if (!where.siteId) problems.push(fieldProblem('siteId', 'required_for_measure'));
    if (needsRoom && !where.roomId) problems.push(fieldProblem('roomId', 'required_for_measure'));
    if (needsBed && !where.bed) problems.push(fieldProblem('bed', 'required_for_measure'));
    if (!needsRoom && where.roomId) problems.push(fieldProblem('roomId', 'not_for_measure'));
  } else {
    for (const k of ['siteId', 'roomId', 'bed'] as const)
      if (where[k]) problems.push(fieldProblem(k, 'not_for_measure'));
  }
  if (problems.length) throw validationError(problems);
  if (where.siteId) {
    // A site serves the branch it belongs to (a district's every grid, a street's its own):
    // another branch's site does not exist here, like a missing one. The room must be the
    // site's, and the room or hospital must have a place left (capacity.ts).
    const site = await c.db
      .selectFrom('isolation_sites')
      .select(['kind', 'retired_at', 'district_id'])
      .where('id', '=', where.siteId)
      .where(onBranch(c, 'area_path'))
      .executeTakeFirst();
    if (!site) throw new AppError('NOT_FOUND', [fieldProblem('siteId', 'invalid')]);
    if (site.retired_at || site.kind !== (needsRoom ? 'isolation_site' : 'hospital'))
      throw validationError([fieldProblem('siteId', 'invalid')]);
    const place = {
      site_id: where.siteId,
      room_id: needsRoom ? where.roomId! : null,
      bed: needsBed ? where.bed! : null,
    };
    await checkCapacity(c, site.district_id, place, replacing);
    return place;
  }
  return { site_id: null, room_id: null, bed: null };
}

export async function place(
  ctx: Context,
  personId: string,
  input: {
    id: string;
    day?: string | undefined;
    categories: { key: string; lastContact?: string | undefined }[];
    status?: EpiStatus | undefined;
    lastContact?: string | undefined;
    siteId?: string | undefined;
    roomId?: string | undefined;
    bed?: string | undefined;
    reason?: string | undefined;
  },
) {
  const c = authorize(ctx, 'health.record');
  const person = await personInScope(c, personId);
  const existing = await measureById(c, person.districtId, input.id);
  if (existing) {
    if (existing.person_id !== person.id) throw new AppError('CONFLICT', [fieldProblem('id', 'conflict')]);
    const profile = (await profileOf(c, person))!;
    return { profile: profileDto(profile), measure: toMeasureDto(existing) };
  }
  const today = shanghaiDay(c.clock.now());
  const day = input.day ?? today;
  if (day > today) throw validationError([fieldProblem('day', 'future_day')]);
  if (day < addDays(today, -PLACE_BACK_DAYS)) throw validationError([fieldProblem('day', 'too_far_back')]);
  for (const k of [input.lastContact, ...input.categories.map((x) => x.lastContact)]) {
    if (k && k > today) throw validationError([fieldProblem('lastContact', 'future_day')]);
  }
  await checkCategories(
    c,
    input.categories.map((x) => x.key),
    day,
  );

  const profile = await ensureProfile(c, person);
  const active = await c.db
    .selectFrom('health_measures')
    .select('id')
    .where('district_id', '=', person.districtId)
    .where('person_id', '=', person.id)
    .where('actual_end', 'is', null)
    .executeTakeFirst();
  if (active) throw new AppError('MEASURE_ACTIVE', [], { measureId: active.id });
  const categories = await addCategories(c, person, input.categories, day);
  if (input.status) await setStatus(c, person, input.status, day, input.reason ?? null);
  if (input.lastContact) await setLastContact(c, person, input.lastContact);
  const now = (await profileOf(c, person))!;

  const rules = await loadRules(c.db, c.actor.districtId);
  const decided = placement(rules, { day, categories, status: now.status, lastContact: now.last_contact });
  if (!decided) throw new AppError('NO_RULE_APPLIES', [], { categories, status: now.status });
  const where = await checkPlace(c, decided.measure, input);
  const at = c.clock.now();
  await c.db
    .insertInto('health_measures')
    .values({
      id: input.id,
      district_id: person.districtId,
      person_id: person.id,
      grid_id: person.gridId,
      measure: decided.measure,
      ...where,
      start_day: day,
      planned_end: decided.plannedEnd,
      release: JSON.stringify(decided.release),
      basis: decided.basis.map((r) => (r as { id?: string }).id!).filter(Boolean),
      categories,
      status: now.status,
      last_contact: now.last_contact,
      created_by: c.actor.id,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await event(
    c,
    person,
    'measure_started',
    { measureId: input.id, measure: decided.measure, start: day, plannedEnd: decided.plannedEnd, ...where },
    input.reason ?? null,
  );
  await audit(c, {
    action: 'health.place',
    resourceType: 'person',
    resourceId: person.id,
    area: { id: person.gridId, path: person.areaPath, districtId: person.districtId },
    details: {
      measureId: input.id,
      measure: decided.measure,
      start: day,
      plannedEnd: decided.plannedEnd,
      categories,
      status: now.status,
      wasNew: profile.categories.length === 0 && profile.status === 'none',
    },
  });
  return { profile: profileDto(now), measure: toMeasureDto((await measureById(c, person.districtId, input.id))!) };
}

/** An active measure in the actor's scope, locked for the decision that follows. */
export async function activeMeasure(c: ActorContext, id: string) {
  const m = await c.db
    .selectFrom('health_measures')
    .selectAll()
    .where('id', '=', id)
    .where(inScope(c, 'area_path'))
    .forUpdate()
    .executeTakeFirst();
  if (!m || m.person_id === null) throw notFound();
  if (m.actual_end !== null) throw new AppError('MEASURE_ENDED');
  return m as typeof m & { person_id: string };
}

export const areaOf = (m: { grid_id: string; area_path: string; district_id: string }) => ({
  id: m.grid_id,
  path: m.area_path,
  districtId: m.district_id,
});

export async function extend(ctx: Context, id: string, input: { plannedEnd: string; reason: string }) {
  const c = authorize(ctx, 'health.manage');
  const m = await activeMeasure(c, id);
  const floor = m.planned_end ?? shanghaiDay(c.clock.now());
  if (input.plannedEnd <= floor) {
    throw validationError([fieldProblem('plannedEnd', 'not_later', { day: floor })]);
  }
  await c.db
    .updateTable('health_measures')
    .set({ planned_end: input.plannedEnd, updated_at: c.clock.now() })
    .where('district_id', '=', m.district_id)
    .where('id', '=', id)
    .execute();
  await event(
    c,
    { id: m.person_id, districtId: m.district_id },
    'measure_extended',
    { measureId: id, from: m.planned_end, to: input.plannedEnd },
    input.reason,
  );
  await audit(c, {
    action: 'health.extend',
    resourceType: 'health_measure',
    resourceId: id,
    area: areaOf(m),
    changes: { plannedEnd: [m.planned_end, input.plannedEnd] },
    details: { reason: input.reason },
  });
  return toMeasureDto((await measureById(c, m.district_id, id))!);
}

export async function change(
  ctx: Context,
  id: string,
  input: {
    id: string;
    measure: Measure;
    siteId?: string | undefined;
    roomId?: string | undefined;
    bed?: string | undefined;
    plannedEnd?: string | null | undefined;
    reason: string;
  },
) {
  const c = authorize(ctx, 'health.manage');
  const replay = await measureById(c, c.actor.districtId, input.id);
  if (replay && replay.previous_id === id) return toMeasureDto(replay);
  const m = await activeMeasure(c, id);
  const where = await checkPlace(c, input.measure, input, id);
  const today = shanghaiDay(c.clock.now());
  const at = c.clock.now();
  await c.db
    .updateTable('health_measures')
    .set({ actual_end: sql`greatest(start_day, ${today}::date)`, end_reason: 'changed', updated_at: at })
    .where('district_id', '=', m.district_id)
    .where('id', '=', id)
    .execute();
  const plannedEnd = input.plannedEnd === undefined ? m.planned_end : input.plannedEnd;
  await c.db
    .insertInto('health_measures')
    .values({
      id: input.id,
      district_id: m.district_id,
      person_id: m.person_id,
      grid_id: m.grid_id,
      measure: input.measure,
      ...where,
      start_day: today < m.start_day ? m.start_day : today,
      planned_end: plannedEnd,
      previous_id: id,
      release: JSON.stringify(m.release),
      basis: m.basis,
      categories: m.categories,
      status: m.status,
      last_contact: m.last_contact,
      created_by: c.actor.id,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await event(
    c,
    { id: m.person_id, districtId: m.district_id },
    'measure_changed',
    {
      from: { measureId: id, measure: m.measure },
      to: { measureId: input.id, measure: input.measure, plannedEnd, ...where },
    },
    input.reason,
  );
  await audit(c, {
    action: 'health.change',
    resourceType: 'health_measure',
    resourceId: id,
    area: areaOf(m),
    changes: { measure: [m.measure, input.measure] },
    details: { newMeasureId: input.id, reason: input.reason },
  });
  return toMeasureDto((await measureById(c, m.district_id, input.id))!);
}
