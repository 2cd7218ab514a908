/**
 * Self-registration figures for the command center, per area and day: read from the
 * leaf counters (reg_day_counters) rolled up by area path — never a hot district row.
 * Codes active are counted from the codes themselves (a few hundred rows per district).
 */
import { sql } from 'kysely';
import { addDays, shanghaiDay, shanghaiInstant } from '../../../../domain/clock.js';
import type { RegMetric } from '../../../db/types-self-registration.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { notFound } from '../../../kernel/errors.js';
import { inScope, scopeOrArea } from '../../../kernel/scope.js';

const METRICS: Record<RegMetric, 'submissions' | 'persons' | 'proposed' | 'reviewed' | 'acceptedPersons' | 'edits'> = {
  submissions: 'submissions',
  persons: 'persons',
  proposed: 'proposed',
  reviewed: 'reviewed',
  accepted_persons: 'acceptedPersons',
  edits: 'edits',
};
const empty = () => ({ submissions: 0, persons: 0, proposed: 0, reviewed: 0, acceptedPersons: 0, edits: 0 });

export async function figures(ctx: Context, input: { areaId?: string | undefined; day?: string | undefined }) {
  const c = authorize(ctx, 'selfreg.read');
  const scope = await scopeOrArea(c, input.areaId);
  const nodes = await c.areas.snapshot();
  const area = nodes.get(scope.areaId);
  if (!area) throw notFound();
  const day = input.day ?? shanghaiDay(c.clock.now());
  const from = addDays(day, -29);
  const totals = await sql<{ area_id: string; metric: RegMetric; value: string }>`
    SELECT r.area_id, r.metric, sum(r.value)::bigint AS value
    FROM reg_day_counters r JOIN areas a ON a.id = r.area_id
    WHERE r.district_id = ${scope.districtId} AND ${inScope(scope, 'a.path')} AND r.day <= ${day}
    GROUP BY r.area_id, r.metric`.execute(c.db);
  const days = await sql<{ day: string; metric: RegMetric; value: string }>`
    SELECT to_char(r.day, 'YYYY-MM-DD') AS day, r.metric, sum(r.value)::bigint AS value
    FROM reg_day_counters r JOIN areas a ON a.id = r.area_id
    WHERE r.district_id = ${scope.districtId} AND ${inScope(scope, 'a.path')} AND r.day BETWEEN ${from} AND ${day}
    GROUP BY r.day, r.metric`.execute(c.db);
  const today = empty();
  const total = empty();
  const trend = new Map<string, ReturnType<typeof empty>>();
  for (let d = from; d <= day; d = addDays(d, 1)) trend.set(d, empty());
  const byChild = new Map<string, ReturnType<typeof empty>>();
  const childOf = (leafId: string) => {
    for (let n = nodes.get(String(leafId)); n; n = n.parent_id ? nodes.get(String(n.parent_id)) : undefined)
      if (String(n.parent_id) === String(area.id)) return String(n.id);
    return null;
  };
  for (const r of totals.rows) {
    const k = METRICS[r.metric];
    total[k] += Number(r.value);
    const child = childOf(r.area_id);
    if (child) {
      if (!byChild.has(child)) byChild.set(child, empty());
      byChild.get(child)![k] += Number(r.value);
    }
  }
  for (const r of days.rows) {
    const k = METRICS[r.metric];
    trend.get(r.day)![k] += Number(r.value);
    if (r.day === day) today[k] += Number(r.value);
  }
  const dayStart = shanghaiInstant(day, '00:00');
  const dayEnd = shanghaiInstant(addDays(day, 1), '00:00');
  const codes = await c.db
    .selectFrom('reg_codes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where(inScope(scope, 'area_path'))
    .where('created_at', '<', dayEnd)
    .where('expires_at', '>', dayStart)
    // Paused or revoked after the day: still active on it.
    .where((eb) => eb.or([eb('status', '=', 'active'), eb('updated_at', '>=', dayEnd)]))
    .executeTakeFirstOrThrow();
  return {
    day,
    area: { id: String(area.id), name: area.name },
    codesActive: Number(codes.n),
    today,
    total,
    reviewedShare: total.submissions === 0 ? 0 : Math.min(1, total.reviewed / total.submissions),
    trend: [...trend.entries()].map(([d, f]) => ({ day: d, ...f })),
    children: area.children
      .filter((ch) => !ch.retired_at)
      .map((ch) => {
        const f = byChild.get(String(ch.id)) ?? empty();
        return {
          id: String(ch.id),
          name: ch.name,
          submissions: f.submissions,
          persons: f.persons,
          reviewed: f.reviewed,
          proposed: f.proposed,
        };
      }),
  };
}
