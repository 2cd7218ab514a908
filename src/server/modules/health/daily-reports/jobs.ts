/**
 * Reminders to file the daily report: for today (Asia/Shanghai), a 'report_missing'
 * alert for each community that has not filed yet, to its staff and medical officers
 * (raise() dedups per community and day, so running it again adds nothing).
 */
import { shanghaiDay } from '../../../../domain/clock.js';
import type { Context } from '../../../kernel/context.js';
import { raise } from '../alerts/index.js';
import { unfiledCommunities } from './unfiled.js';

export const REPORT_REMINDER_KIND = 'health.report_reminder';

export async function reportReminders(
  c: Context,
  forDay?: string,
): Promise<{ day: string; missing: number; raised: number }> {
  const day = forDay ?? shanghaiDay(c.clock.now());
  const rows = await unfiledCommunities(c, day).execute();
  const raised = await raise(
    c,
    rows.map((r) => ({
      kind: 'report_missing' as const,
      day,
      areaId: r.id,
      details: { community: r.name, street: r.street_name, cutoff: c.config.HEALTH_REPORT_CUTOFF },
    })),
  );
  return { day, missing: rows.length, raised };
}
