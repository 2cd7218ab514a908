/** The demo's daily zero reports: which communities file the day's report, and when. */
import { randomUUID } from 'node:crypto';
import { shanghaiInstant } from '../../domain/clock.js';
import type { Database } from '../db/connection.js';
import { scopeOfArea } from '../kernel/scope.js';
import { deriveCounts, isZero, toStored } from '../modules/health/daily-reports/index.js';
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

/** Files the reports of `list` in one transaction; answers how many were filed. */
export function fileReports(s: Seeding, day: string, list: Filing[]): Promise<number> {
  return s.db.transaction().execute(async (tx) => {
    let filed = 0;
    for (const f of list) {
      const counts = await deriveCounts(s.system(tx, f.at), scopeOfArea(f.c), day);
      const zero = isZero(counts);
      const filer = s.staff(f.c.path, ['community_staff', 'street_staff', 'district_staff']);
      if (!filer) continue;
      const notes = zero ? '今日无新增，零报告。' : s.r() < 0.4 ? '已完成重点人员入户走访和体温监测。' : null;
      await tx
        .insertInto('daily_reports')
        .values({
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
        })
        .execute();
      filed++;
    }
    return filed;
  });
}
