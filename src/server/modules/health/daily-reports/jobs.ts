/**
 * Reminders to file the daily report: for today (Asia/Shanghai), a 'report_missing'
 * alert for each community that has not filed yet, to its staff and medical officers
 * (raise() dedups per community and day, so running it again adds nothing), district
 * by district.
 */
import { shanghaiDay } from '../../../../domain/clock.js';
import type { Context } from '../../../kernel/context.js';
import { districtIds, raise } from '../alerts/index.js';
import { unfiledCommunities } from './unfiled.js';

export const REPORT_REMINDER_KIND = 'health.report_reminder';

export async function reportReminders(
  c: Context,
  forDay?: string,
): Promise<{ day: string; missing: number; raised: number }> {
  const day = forDay ?? shanghaiDay(c.clock.now());
  let missing = 0;
  let raised = 0;
  for (const districtId of await districtIds(c.db)) {
    const rows = await unfiledCommunities(c, districtId, day).execute();
    missing += rows.length;
    raised += await raise(
      c,
      districtId,
      rows.map((r) => ({
        kind: 'report_missing' as const,
        day,
        areaId: r.id,
        details: { community: r.name, street: r.street_name, cutoff: c.config.HEALTH_REPORT_CUTOFF },
      })),
    );
  }
  return { day, missing, raised };
}
