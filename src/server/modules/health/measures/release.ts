/**
 * Release: the checklist of what still stands between a person and the end of their
 * measure (period, symptoms, tests), and the release itself once it is clear.
 */
import { sql } from 'kysely';
import { shanghaiDay } from '../../../../domain/clock.js';
import { releaseBlockers, type TestResult } from '../../../../domain/health.js';
import { audit } from '../../../kernel/audit.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { AppError, fieldProblem, notFound } from '../../../kernel/errors.js';
import { inScope } from '../../../kernel/scope.js';
import { activeMeasure, areaOf, measureById, toMeasureDto } from './placement.js';
import { event } from './profile.js';

/** What still stands between the person and release on `day`. */
export async function checklist(
  c: Context,
  m: {
    district_id: string;
    person_id: string;
    start_day: string;
    planned_end: string | null;
    release: { negativeTests: number; hoursApart: number; symptomFreeDays: number };
  },
  day: string,
) {
  const last = await c.db
    .selectFrom('health_checkins')
    .select(sql<string | null>`max(day)::text`.as('day'))
    .where('district_id', '=', m.district_id)
    .where('person_id', '=', m.person_id)
    .where('state', '=', 'symptomatic')
    .executeTakeFirst();
  const tests = await c.db
    .selectFrom('nucleic_tests')
    .select(['sampled_at', 'result'])
    .where('district_id', '=', m.district_id)
    .where('person_id', '=', m.person_id)
    .where('sampled_at', '>=', new Date(`${m.start_day}T00:00:00+08:00`))
    .execute();
  const results: TestResult[] = tests.map((t) => ({ sampledAt: t.sampled_at.toISOString(), result: t.result }));
  const blockers = releaseBlockers({ plannedEnd: m.planned_end, release: m.release }, day, last?.day ?? null, results);
  return {
    day,
    blockers,
    lastSymptomDay: last?.day ?? null,
    negativeTests: results.filter((t) => t.result === 'negative').length,
    plannedEnd: m.planned_end,
  };
}

export async function releaseChecklist(ctx: Context, id: string) {
  const c = authorize(ctx, 'health.read');
  const m = await c.db
    .selectFrom('health_measures')
    .selectAll()
    .where('id', '=', id)
    .where(inScope(c, 'area_path'))
    .executeTakeFirst();
  if (!m || m.person_id === null) throw notFound();
  return checklist(c, { ...m, person_id: m.person_id }, shanghaiDay(c.clock.now()));
}

export async function release(ctx: Context, id: string, input: { reason: string }) {
  const c = authorize(ctx, 'health.manage');
  const m = await activeMeasure(c, id);
  const today = shanghaiDay(c.clock.now());
  const check = await checklist(c, m, today);
  if (check.blockers.length)
    throw new AppError(
      'RELEASE_BLOCKED',
      check.blockers.map((b) => fieldProblem('release', b)),
      { checklist: check },
    );
  await c.db
    .updateTable('health_measures')
    .set({ actual_end: today, end_reason: 'released', updated_at: c.clock.now() })
    .where('district_id', '=', m.district_id)
    .where('id', '=', id)
    .execute();
  await event(
    c,
    { id: m.person_id, districtId: m.district_id },
    'measure_released',
    { measureId: id, measure: m.measure, day: today },
    input.reason,
  );
  await audit(c, {
    action: 'health.release',
    resourceType: 'health_measure',
    resourceId: id,
    area: areaOf(m),
    details: { reason: input.reason, measure: m.measure, start: m.start_day, plannedEnd: m.planned_end },
  });
  return toMeasureDto((await measureById(c, m.district_id, id))!);
}
