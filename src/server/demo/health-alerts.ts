/** The demo's alerts as the workers left them: most handled, yesterday's partly and today's mostly still open. */
import { sql } from 'kysely';
import { addDays, shanghaiDay } from '../../domain/clock.js';
import type { Database } from '../db/connection.js';
import { between, pick, type Rand } from './people.js';

const NOTES: Record<string, string[]> = {
  symptomatic: ['已上门复测体温，已报社区卫生服务中心', '已电话随访，安排到发热门诊就诊', '复测体温正常，继续观察'],
  not_reported: ['已电话联系，本人已补报', '已上门核实，身体状况正常'],
  period_ending: ['已核对解除条件，按期解除', '已通知本人准备解除'],
  overdue_release: ['已办理解除手续', '待核酸结果，暂缓解除'],
  report_missing: ['已提醒社区补报'],
};

/**
 * Workers handle most alerts within the hour or two before they would escalate;
 * yesterday's are partly still open, today's are open.
 */
export async function handleAlerts(db: Database, districtId: string, now: Date, r: Rand) {
  const today = shanghaiDay(now);
  const yesterday = addDays(today, -1);
  const open = await db
    .selectFrom('alerts')
    .select(['id', 'kind', 'day', 'created_at'])
    .where('district_id', '=', districtId)
    .where('state', '=', 'new')
    .orderBy('created_at')
    .orderBy('dedup_key')
    .execute();
  const decided = open.flatMap((a) => {
    const roll = r();
    const state =
      a.day === today
        ? roll < 0.25
          ? 'acknowledged'
          : 'new'
        : a.day === yesterday
          ? roll < 0.6
            ? 'handled'
            : roll < 0.8
              ? 'acknowledged'
              : 'new'
          : roll < 0.96
            ? 'handled'
            : 'acknowledged';
    const handledAt = Math.min(now.getTime(), a.created_at.getTime() + between(r, 15, 110) * 60_000);
    const acknowledgedAt = Math.max(a.created_at.getTime(), handledAt - 5 * 60_000);
    return state === 'new'
      ? []
      : [
          {
            id: a.id,
            state,
            acknowledged: new Date(acknowledgedAt).toISOString(),
            handled: state === 'handled' ? new Date(handledAt).toISOString() : null,
            note: state === 'handled' ? pick(r, NOTES[a.kind] ?? ['已处置']) : null,
          },
        ];
  });
  if (decided.length === 0) return;
  // The instants come computed: Citus refuses STABLE casts and timestamptz arithmetic
  // over columns in an UPDATE.
  await sql`
    UPDATE alerts a SET state = d.state,
      acknowledged_at = d.acknowledged,
      acknowledged_by = (SELECT user_id FROM alert_recipients x
                         WHERE x.district_id = a.district_id AND x.alert_id = a.id ORDER BY x.level, x.user_id LIMIT 1),
      handled_at = d.handled,
      handled_by = CASE WHEN d.state = 'handled' THEN (SELECT user_id FROM alert_recipients x
                         WHERE x.district_id = a.district_id AND x.alert_id = a.id ORDER BY x.level, x.user_id LIMIT 1) END,
      note = d.note
    FROM jsonb_to_recordset(${JSON.stringify(decided)}::jsonb) AS d(id uuid, state text, acknowledged timestamptz, handled timestamptz, note text)
    WHERE a.district_id = ${districtId} AND a.id = d.id`.execute(db);
}
