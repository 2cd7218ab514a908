/** Check-ins entered by staff after a visit or a call. */
import { shanghaiDay } from '../../../../domain/clock.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { audit } from '../../../kernel/audit.js';
import { requireProfile } from '../measures/index.js';
import { checkDay, saveCheckin } from './record.js';

export async function recordByStaff(
  ctx: Context,
  input: {
    id: string;
    personId: string;
    day?: string | undefined;
    temperature: number | null;
    symptoms: string[];
    needsReview?: boolean | undefined;
    channel: 'staff_visit' | 'staff_call';
  },
) {
  const c = authorize(ctx, 'health.record');
  const { person } = await requireProfile(c, input.personId);
  const now = c.clock.now();
  const day = input.day ?? shanghaiDay(now);
  checkDay(now, day);
  const saved = await saveCheckin(c, {
    ...input,
    districtId: person.districtId,
    day,
    reportedBy: c.actor.id,
    clientId: input.id,
  });
  await audit(c, {
    action: 'health.checkin',
    resourceType: 'person',
    resourceId: person.id,
    area: { id: person.gridId, path: person.areaPath, districtId: person.districtId },
    details: { day, channel: input.channel, state: saved.state, amended: saved.amended },
  });
  return saved;
}
