/**
 * The exposure category list as data: district staff add a category (from today or
 * later) or end one (from today or later). Like the rules, the list never changes the
 * past: a category ended today still explains the placements made while it was in force.
 */
import { shanghaiDay } from '../../../../domain/clock.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { AppError, fieldProblem, notFound, validationError } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';

const notPast = (field: string) => validationError([fieldProblem(field, 'no_retroactive')]);

const toDto = (k: { key: string; label: string; effective_from: string; effective_until: string | null }) => ({
  key: k.key,
  label: k.label,
  from: k.effective_from,
  until: k.effective_until,
});

export async function addCategory(
  ctx: Context,
  input: { key: string; label: string; from: string; until?: string | null | undefined; note: string },
) {
  const c = authorize(ctx, 'health_rules.edit');
  const today = shanghaiDay(c.clock.now());
  if (input.from < today) throw notPast('from');
  if (input.until && input.until <= input.from) throw validationError([fieldProblem('until', 'before_from')]);
  const row = await c.db
    .insertInto('health_categories')
    .values({
      district_id: c.actor.districtId,
      key: input.key,
      label: input.label,
      effective_from: input.from,
      effective_until: input.until ?? null,
    })
    .onConflict((oc) => oc.columns(['district_id', 'key']).doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new AppError('CONFLICT', [fieldProblem('key', 'conflict')]);
  await audit(c, {
    action: 'health_rules.category_create',
    resourceType: 'health_category',
    resourceId: input.key,
    details: { label: input.label, from: input.from, until: input.until ?? null, note: input.note },
  });
  return toDto(row);
}

export async function endCategory(ctx: Context, key: string, input: { until: string; note: string }) {
  const c = authorize(ctx, 'health_rules.edit');
  const today = shanghaiDay(c.clock.now());
  const k = await c.db
    .selectFrom('health_categories')
    .selectAll()
    .where('district_id', '=', c.actor.districtId)
    .where('key', '=', key)
    .forUpdate()
    .executeTakeFirst();
  if (!k) throw notFound();
  if (input.until < today) throw notPast('until');
  if (k.effective_until !== null && k.effective_until <= today)
    throw validationError([fieldProblem('until', 'already_ended', { day: k.effective_until })]);
  if (input.until <= k.effective_from) throw validationError([fieldProblem('until', 'before_from')]);
  const row = await c.db
    .updateTable('health_categories')
    .set({ effective_until: input.until })
    .where('district_id', '=', c.actor.districtId)
    .where('key', '=', key)
    .returningAll()
    .executeTakeFirstOrThrow();
  await audit(c, {
    action: 'health_rules.category_end',
    resourceType: 'health_category',
    resourceId: key,
    changes: { until: [k.effective_until, input.until] },
    details: { note: input.note },
  });
  return toDto(row);
}
