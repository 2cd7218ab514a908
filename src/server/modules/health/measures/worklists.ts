/**
 * Today's work lists for a grid or community: under a measure, not yet checked in,
 * symptomatic, ending today or tomorrow (with the release checklist), overdue.
 * Names follow the role's masking policy; ID numbers are always masked in lists.
 */
import { sql } from 'kysely';
import { addDays, shanghaiDay, shanghaiTime } from '../../../../domain/clock.js';
import { type DayState, dayState } from '../../../../domain/health.js';
import { presenter } from '../../../kernel/present.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { inScope, scopeOrArea } from '../../../kernel/scope.js';
import { decodeCursor, page } from '../../../http/cursor.js';
import { checklist } from './release.js';
import type { WORK_LISTS } from './schemas.js';

const FAR = '9999-12-31';

export async function workList(
  ctx: Context,
  input: { list: (typeof WORK_LISTS)[number]; areaId?: string | undefined; after?: string | undefined; limit: number },
) {
  const c = authorize(ctx, 'health.read');
  const scope = await scopeOrArea(c, input.areaId);
  const now = c.clock.now();
  const today = shanghaiDay(now);
  const cutOff = c.config.HEALTH_CHECKIN_CUTOFF;
  const after = decodeCursor(input.after, 2) as [string, string] | null;
  let q = c.db
    .selectFrom('health_measures as m')
    .innerJoin('persons as p', (j) => j.onRef('p.district_id', '=', 'm.district_id').onRef('p.id', '=', 'm.person_id'))
    .innerJoin('areas as g', 'g.id', 'm.grid_id')
    .leftJoin('health_checkins as k', (j) =>
      j.onRef('k.district_id', '=', 'm.district_id').onRef('k.person_id', '=', 'm.person_id').on('k.day', '=', today),
    )
    .select([
      'm.id',
      'm.district_id',
      'm.person_id',
      'm.measure',
      'm.start_day',
      'm.planned_end',
      'm.release',
      'p.name',
      'p.doc_number',
      'p.phone',
      'g.id as grid_id',
      'g.name as grid_name',
    ])
    .select(['k.temperature', 'k.symptoms', 'k.needs_review', 'k.state'])
    .select(sql<string>`coalesce(m.planned_end, ${FAR}::date)::text`.as('sort_end'))
    .where('m.actual_end', 'is', null)
    .where(inScope(scope, 'm.area_path'))
    .where('m.start_day', '<=', today);
  if (input.list === 'not_checked_in') q = q.where('k.person_id', 'is', null);
  if (input.list === 'symptomatic') q = q.where('k.state', '=', 'symptomatic');
  if (input.list === 'ending') q = q.where('m.planned_end', 'in', [today, addDays(today, 1)]);
  if (input.list === 'overdue') q = q.where('m.planned_end', '<', today);
  if (after)
    q = q.where(sql<boolean>`(coalesce(m.planned_end, ${FAR}::date), m.id) > (${after[0]}::date, ${after[1]}::uuid)`);
  const rows = await q
    .orderBy(sql`coalesce(m.planned_end, ${FAR}::date)`)
    .orderBy('m.id')
    .limit(input.limit + 1)
    .execute();
  const { items, nextCursor } = page(rows, input.limit, (r) => [r.sort_end, r.id]);
  const shown = presenter(c);
  const nowTime = shanghaiTime(now);
  return {
    day: today,
    cutOff,
    nextCursor,
    items: await Promise.all(
      items.map(async (r) => {
        const checkIn =
          r.state === null
            ? null
            : {
                temperature: r.temperature === null ? null : Number(r.temperature),
                symptoms: r.symptoms ?? [],
                needsReview: r.needs_review ?? false,
              };
        const state: DayState | null = dayState(checkIn, nowTime, cutOff, false);
        return {
          measureId: r.id,
          personId: r.person_id!,
          name: shown.value('name', r.name),
          docNumber: shown.value('idNumber', r.doc_number),
          phone: shown.value('phone', r.phone),
          grid: { id: r.grid_id, name: r.grid_name },
          measure: r.measure,
          startDay: r.start_day,
          plannedEnd: r.planned_end,
          dayState: state,
          temperature: checkIn?.temperature ?? null,
          symptoms: checkIn?.symptoms ?? [],
          checklist:
            input.list === 'ending' || input.list === 'overdue'
              ? await checklist(
                  c,
                  {
                    district_id: r.district_id,
                    person_id: r.person_id!,
                    start_day: r.start_day,
                    planned_end: r.planned_end,
                    release: r.release,
                  },
                  today,
                )
              : null,
        };
      }),
    ),
  };
}
