/**
 * The health datasets: what is kept, on which legal basis, for what purpose and for
 * how long. Admins change the retention with a stated reason; every change is audited
 * with the values before and after. The purge itself runs as a job (retention.ts).
 */
import type { DatasetKey, RetentionAction } from '../../../../domain/health-data.js';
import { type ActorContext, authorize, type Context } from '../../../kernel/context.js';
import { notFound } from '../../../kernel/errors.js';
import { audit, diff } from '../../../kernel/audit.js';
import { uploadsKept } from '../../registry/imports/index.js';
import type { DatasetDto } from './schemas.js';

const ORDER: DatasetKey[] = ['checkins', 'tests', 'measures'];

/** The actor's district's datasets: each district sets its own retention. */
function datasets(c: ActorContext) {
  return c.db
    .selectFrom('health_datasets as d')
    .where('d.district_id', '=', c.actor.districtId)
    .leftJoin('users as u', 'u.id', 'd.updated_by')
    .select([
      'd.key',
      'd.label',
      'd.legal_basis',
      'd.purpose',
      'd.retention_days',
      'd.action',
      'd.updated_at',
      'u.username',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof datasets>['executeTakeFirstOrThrow']>>;

const toDto = (r: Row): DatasetDto => ({
  key: r.key,
  label: r.label,
  legalBasis: r.legal_basis,
  purpose: r.purpose,
  retentionDays: r.retention_days,
  action: r.action,
  updatedBy: r.username,
  updatedAt: r.updated_at.toISOString(),
});

export async function list(ctx: Context) {
  const c = authorize(ctx, 'health_data.admin');
  const rows = await datasets(c).execute();
  return {
    items: rows.sort((a, b) => ORDER.indexOf(a.key) - ORDER.indexOf(b.key)).map(toDto),
    uploads: await uploadsKept(c, c.actor.districtId),
  };
}

export async function update(
  ctx: Context,
  key: DatasetKey,
  input: { retentionDays: number; action?: RetentionAction; reason: string },
) {
  const c = authorize(ctx, 'health_data.admin');
  const before = await c.db
    .selectFrom('health_datasets')
    .select(['retention_days', 'action'])
    .where('district_id', '=', c.actor.districtId)
    .where('key', '=', key)
    .forUpdate()
    .executeTakeFirst();
  if (!before) throw notFound();
  const was = { retentionDays: before.retention_days, action: before.action };
  const now = { retentionDays: input.retentionDays, action: input.action ?? before.action };
  const changes = diff(was, now);
  if (Object.keys(changes).length > 0) {
    await c.db
      .updateTable('health_datasets')
      .set({ retention_days: now.retentionDays, action: now.action, updated_by: c.actor.id, updated_at: c.clock.now() })
      .where('district_id', '=', c.actor.districtId)
      .where('key', '=', key)
      .execute();
    await audit(c, {
      action: 'health_data.retention',
      resourceType: 'health_dataset',
      resourceId: key,
      changes,
      details: { reason: input.reason, before: was, after: now },
    });
  }
  return toDto(await datasets(c).where('d.key', '=', key).executeTakeFirstOrThrow());
}
