/**
 * Daily zero reports (日报告/零报告): each community files one report a day, a nil day
 * included, with figures derived from the day's records. Filing is idempotent by the
 * client's id; filing again for the same community and day (another id) revises the
 * report. Streets and the district watch which communities have not filed.
 */
import { addDays, shanghaiDay, shanghaiInstant } from '../../../../domain/clock.js';
import { type ActorContext, authorize, type Context } from '../../../kernel/context.js';
import { AppError, fieldProblem, validationError } from '../../../kernel/errors.js';
import { areaInScope, inScope, type ScopedArea, scopeOrArea } from '../../../kernel/scope.js';
import { audit } from '../../../kernel/audit.js';
import { deriveCounts, fromStored, isZero, toStored } from './counts.js';
import type { ReportDto } from './schemas.js';
import { unfiledCommunities } from './unfiled.js';

function reports(c: ActorContext) {
  return c.db
    .selectFrom('daily_reports as r')
    .innerJoin('areas as ca', 'ca.id', 'r.community_id')
    .innerJoin('areas as st', 'st.id', 'ca.parent_id')
    .innerJoin('users as u', 'u.id', 'r.filed_by')
    .select([
      'r.id',
      'r.community_id',
      'r.area_path',
      'r.district_id',
      'r.day',
      'r.counts',
      'r.zero',
      'r.notes',
      'r.late',
      'r.filed_at',
      'r.revisions',
    ])
    .select([
      'ca.code as community_code',
      'ca.name as community_name',
      'st.id as street_id',
      'st.name as street_name',
      'u.username',
    ])
    .where(inScope(c, 'r.area_path'));
}
type Row = Awaited<ReturnType<ReturnType<typeof reports>['executeTakeFirstOrThrow']>>;

const toDto = (r: Row): ReportDto => ({
  id: r.id,
  community: { id: r.community_id, code: r.community_code, name: r.community_name },
  street: { id: r.street_id, name: r.street_name },
  day: r.day,
  counts: fromStored(r.counts),
  zero: r.zero,
  notes: r.notes,
  late: r.late,
  filedBy: r.username,
  filedAt: r.filed_at.toISOString(),
  revisions: r.revisions,
});

/** The community a report is filed for: inside the scope (404 naming the field), a community. */
async function communityInScope(c: ActorContext, id: string): Promise<ScopedArea> {
  const a = await areaInScope(c, id, { field: 'communityId' }).catch((err: unknown) => {
    throw err instanceof AppError && err.code === 'NOT_FOUND'
      ? new AppError('NOT_FOUND', [fieldProblem('communityId', 'invalid')])
      : err;
  });
  if (a.level !== 'community')
    throw new AppError('AREA_LEVEL_MISMATCH', [fieldProblem('communityId', 'not_community')]);
  return a;
}

const today = (c: ActorContext) => shanghaiDay(c.clock.now());
const pastCutoff = (c: ActorContext, day: string) =>
  c.clock.now().getTime() > shanghaiInstant(day, c.config.HEALTH_REPORT_CUTOFF).getTime();

export async function draft(ctx: Context, q: { communityId: string; day?: string }) {
  const c = authorize(ctx, 'daily_report.file');
  const community = await communityInScope(c, q.communityId);
  const day = q.day ?? today(c);
  if (day > today(c)) throw validationError([fieldProblem('day', 'future_day')]);
  const counts = await deriveCounts(c, community.scope, day);
  const filed = await reports(c).where('r.community_id', '=', community.id).where('r.day', '=', day).executeTakeFirst();
  return {
    community: { id: community.id, code: community.code, name: community.name },
    day,
    counts,
    zero: isZero(counts),
    report: filed ? toDto(filed) : null,
  };
}

const idReused = () => new AppError('CONFLICT', [fieldProblem('id', 'id_reused')]);

export async function file(
  ctx: Context,
  input: { id: string; communityId: string; day: string; notes?: string | null },
): Promise<{ created: boolean; report: ReportDto }> {
  const c = authorize(ctx, 'daily_report.file');
  const replay = await reports(c).where('r.id', '=', input.id).executeTakeFirst();
  if (replay) {
    if (replay.community_id !== input.communityId || replay.day !== input.day) throw idReused();
    return { created: false, report: toDto(replay) };
  }
  const community = await communityInScope(c, input.communityId);
  if (community.retired_at) throw new AppError('AREA_RETIRED', [fieldProblem('communityId', 'invalid')]);
  const now = c.clock.now();
  if (input.day !== today(c) && input.day !== addDays(today(c), -1)) {
    throw validationError([fieldProblem('day', 'report_day_closed')]);
  }
  const counts = await deriveCounts(c, community.scope, input.day);
  const stored = toStored(counts);
  const notes = input.notes || null;
  const late = pastCutoff(c, input.day);
  const area = { id: community.id, path: community.path, districtId: community.district_id };

  const inserted = await c.db
    .insertInto('daily_reports')
    .values({
      id: input.id,
      district_id: community.district_id,
      community_id: community.id,
      area_path: community.path,
      day: input.day,
      counts: JSON.stringify(stored),
      zero: isZero(counts),
      notes,
      late,
      filed_by: c.actor.id,
      filed_at: now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) {
    await audit(c, {
      action: 'daily_report.file',
      resourceType: 'daily_report',
      resourceId: input.id,
      area,
      details: { day: input.day, zero: isZero(counts), late },
    });
    return { created: true, report: toDto(await reports(c).where('r.id', '=', input.id).executeTakeFirstOrThrow()) };
  }
  // Not inserted: the id was taken meanwhile (a concurrent replay, or another report), or the day is filed: revise it.
  const sameId = await c.db
    .selectFrom('daily_reports')
    .select(['community_id', 'day'])
    .where('district_id', '=', community.district_id)
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (sameId) {
    if (sameId.community_id !== community.id || sameId.day !== input.day) throw idReused();
    return { created: false, report: toDto(await reports(c).where('r.id', '=', input.id).executeTakeFirstOrThrow()) };
  }
  const before = await reports(c)
    .where('r.community_id', '=', community.id)
    .where('r.day', '=', input.day)
    .forUpdate('r')
    .executeTakeFirstOrThrow();
  // A revision without notes keeps the notes filed before.
  const revised = input.notes === undefined ? before.notes : notes;
  const countChanges = Object.fromEntries(
    Object.entries(stored).flatMap(([k, v]) =>
      Number(before.counts[k] ?? 0) === v ? [] : [[k, [Number(before.counts[k] ?? 0), v]]],
    ),
  );
  const changes: Record<string, unknown> = {
    ...countChanges,
    ...(before.notes === revised ? {} : { notes: [before.notes, revised] }),
  };
  // Filing the same figures and notes again changes nothing (a retried revision stays one revision).
  if (Object.keys(changes).length === 0) return { created: false, report: toDto(before) };
  await c.db
    .updateTable('daily_reports')
    .set((eb) => ({
      counts: JSON.stringify(stored),
      zero: isZero(counts),
      notes: revised,
      filed_by: c.actor.id,
      filed_at: now,
      revisions: eb('revisions', '+', 1),
    }))
    .where('district_id', '=', before.district_id)
    .where('id', '=', before.id)
    .execute();
  await audit(c, {
    action: 'daily_report.revise',
    resourceType: 'daily_report',
    resourceId: before.id,
    area,
    changes,
    details: { day: input.day, revision: before.revisions + 1, requestId: input.id },
  });
  return { created: false, report: toDto(await reports(c).where('r.id', '=', before.id).executeTakeFirstOrThrow()) };
}

export async function list(ctx: Context, q: { day?: string; areaId?: string }) {
  const c = authorize(ctx, 'daily_report.read');
  const scope = await scopeOrArea(c, q.areaId);
  const day = q.day ?? today(c);
  const rows = await reports(c)
    .where(inScope(scope, 'r.area_path'))
    .where('r.day', '=', day)
    .orderBy('ca.code')
    .execute();
  return { day, items: rows.map(toDto) };
}

/** Communities (not retired) in the subtree that have filed no report for the day. */
export async function missing(ctx: Context, q: { day?: string; areaId?: string }) {
  const c = authorize(ctx, 'daily_report.read');
  const scope = await scopeOrArea(c, q.areaId);
  const day = q.day ?? today(c);
  const rows = await unfiledCommunities(c, scope.districtId, day)
    .where(inScope(scope, 'ca.path'))
    .orderBy('ca.code')
    .execute();
  return {
    day,
    cutoff: c.config.HEALTH_REPORT_CUTOFF,
    pastCutoff: pastCutoff(c, day),
    items: rows.map((r) => ({
      community: { id: r.id, code: r.code, name: r.name },
      street: { id: r.street_id, name: r.street_name },
    })),
  };
}
