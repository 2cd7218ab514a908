/**
 * Merging two records of the same person: the duplicate stays, marked merged into
 * the kept record, and its household history moves over; versions on both sides.
 */
import { authorize, type Context } from '../../../kernel/context.js';
import { AppError, fieldProblem, notFound } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { recordVersion } from '../../../kernel/versions.js';
import { presentPerson } from './present.js';
import * as q from './queries.js';
import type { PersonDto } from './schemas.js';

export async function merge(
  ctx: Context,
  keepId: string,
  input: { duplicateId: string; reason: string },
): Promise<PersonDto> {
  const c = authorize(ctx, 'person.update');
  if (keepId === input.duplicateId) throw new AppError('VALIDATION_FAILED', [fieldProblem('duplicateId', 'invalid')]);
  const keep = await q.findInScope(c, keepId);
  const duplicate = await q.findInScope(c, input.duplicateId);
  if (!keep || !duplicate) throw notFound();
  const keepCurrent = await c.db
    .selectFrom('household_members')
    .select('id')
    .where('district_id', '=', keep.district_id)
    .where('person_id', '=', keepId)
    .where('end_date', 'is', null)
    .executeTakeFirst();
  const dupCurrent = await c.db
    .selectFrom('household_members')
    .select('id')
    .where('district_id', '=', duplicate.district_id)
    .where('person_id', '=', input.duplicateId)
    .where('end_date', 'is', null)
    .executeTakeFirst();
  if (keepCurrent && dupCurrent) {
    throw new AppError('CONFLICT', [fieldProblem('duplicateId', 'both_in_households')]);
  }
  await c.db
    .updateTable('persons')
    .set({ merged_into: keepId, updated_at: c.clock.now() })
    .where('district_id', '=', duplicate.district_id)
    .where('id', '=', input.duplicateId)
    .execute();
  const moved = await c.db
    .updateTable('household_members')
    .set({ person_id: keepId })
    .where('district_id', '=', duplicate.district_id)
    .where('person_id', '=', input.duplicateId)
    .returning('id')
    .execute();
  // Fill the kept record's gaps from the duplicate; the kept values win.
  const fill: Record<string, unknown> = {};
  for (const k of ['phone', 'birth_date', 'gender', 'hukou_place', 'work_unit'] as const)
    if (keep[k] === null && duplicate[k] !== null) fill[k] = duplicate[k];
  const tags = [...new Set([...keep.tags, ...duplicate.tags])];
  if (tags.length !== keep.tags.length) fill.tags = tags;
  if (Object.keys(fill).length)
    await c.db
      .updateTable('persons')
      .set(fill)
      .where('district_id', '=', keep.district_id)
      .where('id', '=', keepId)
      .execute();
  await recordVersion(c, {
    type: 'person',
    id: input.duplicateId,
    place: duplicate,
    before: { merged_into: null },
    after: { merged_into: keepId, reason: input.reason },
  });
  await recordVersion(c, {
    type: 'person',
    id: keepId,
    place: keep,
    before: Object.fromEntries(Object.keys(fill).map((k) => [k, (keep as unknown as Record<string, unknown>)[k]])),
    after: { ...fill, merged_from: input.duplicateId, memberships: moved.length },
  });
  await audit(c, {
    action: 'person.merge',
    resourceType: 'person',
    resourceId: keepId,
    area: { id: keep.grid_id, path: keep.area_path, districtId: keep.district_id },
    details: { duplicateId: input.duplicateId, reason: input.reason },
  });
  return presentPerson(c, (await q.findInScope(c, keepId))!);
}
