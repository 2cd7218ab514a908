/** The demo's daily zero reports: which communities file the day's report, and when. */
import { randomUUID } from 'node:crypto';
import { shanghaiInstant } from '../../domain/clock.js';
import type { Database } from '../db/connection.js';
import { scopeOfArea } from '../kernel/scope.js';
import {
  deriveCountsUnder,
  isZero,
  noCounts,
  type ReportCounts,
  toStored,
} from '../modules/health/daily-reports/index.js';
import type { Seeding } from './health-day.js';
import { at } from './health-plan-model.js';
import { between } from './people.js';

/** The communities that file daily reports. */
export function communities(db: Database) {
  return db
    .selectFrom('areas')
    .select(['id', 'path', 'district_id', 'level'])
    .where('level', '=', 'community')
    .where('retired_at', 'is', null)
    .orderBy('code')
    .execute();
}
type Community = Awaited<ReturnType<typeof communities>>[number];

/** Most communities file before the releases of the afternoon, some after the reminder, a few late or not at all. */
export function planFilings(s: Seeding, day: string, among: Community[]) {
  return among.flatMap((c) => {
    const roll = s.r();
    const t =
      roll < 0.05
        ? null
        : roll < 0.65
          ? between(s.r, 600, 899)
          : roll < 0.95
            ? between(s.r, 960, 1075)
            : between(s.r, 1090, 1260);
    return t === null || at(day, t) > s.now ? [] : [{ c, at: at(day, t) }];
  });
}
export type Filing = ReturnType<typeof planFilings>[number];

/** Files the reports of `list` in one transaction (one insert); answers how many were filed. */
export function fileReports(s: Seeding, day: string, list: Filing[]): Promise<number> {
  return s.db.transaction().execute(async (tx) => {
    // Every community's figures of a district at once (one statement), as each would derive its own.
    const figures = new Map<string, Map<string, ReportCounts>>();
    for (const f of list) {
      if (figures.has(f.c.district_id)) continue;
      const district = await tx
        .selectFrom('areas')
        .select(['id', 'path', 'district_id', 'level'])
        .where('id', '=', f.c.district_id)
        .executeTakeFirstOrThrow();
      figures.set(f.c.district_id, await deriveCountsUnder(s.system(tx, s.now), scopeOfArea(district), day));
    }
    const rows = [];
    for (const f of list) {
      const counts = figures.get(f.c.district_id)!.get(f.c.path) ?? noCounts();
      const zero = isZero(counts);
      const filer = s.staff(f.c.path, ['community_staff', 'street_staff', 'district_staff']);
      if (!filer) continue;
      const notes = zero ? '今日无新增，零报告。' : s.r() < 0.4 ? '已完成重点人员入户走访和体温监测。' : null;
      rows.push({
        id: randomUUID(),
        district_id: f.c.district_id,
        community_id: f.c.id,
        area_path: f.c.path,
        day,
        counts: JSON.stringify(toStored(counts)),
        zero,
        notes,
        late: f.at > shanghaiInstant(day, s.config.HEALTH_REPORT_CUTOFF),
        filed_by: filer,
        filed_at: f.at,
      });
    }
    if (rows.length) await tx.insertInto('daily_reports').values(rows).execute();
    return rows.length;
  });
}
