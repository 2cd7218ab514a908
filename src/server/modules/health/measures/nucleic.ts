/** Nucleic-acid test records of key persons: the evidence release conditions ask for. */
import { shanghaiDay } from '../../../../domain/clock.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { AppError, fieldProblem, notFound, validationError } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { inScope } from '../../../kernel/scope.js';
import { event, requireProfile } from './profile.js';

type TestRow = {
  id: string;
  person_id: string | null;
  sampled_at: Date;
  result: 'pending' | 'negative' | 'positive';
  lab: string | null;
  result_at: Date | null;
};
export const toTestDto = (t: TestRow) => ({
  id: t.id,
  personId: t.person_id,
  sampledAt: t.sampled_at.toISOString(),
  result: t.result,
  lab: t.lab,
  resultAt: t.result_at?.toISOString() ?? null,
});

export async function record(
  ctx: Context,
  input: {
    id: string;
    personId: string;
    sampledAt: string;
    result: 'pending' | 'negative' | 'positive';
    lab?: string | undefined;
  },
) {
  const c = authorize(ctx, 'health.record');
  const { person } = await requireProfile(c, input.personId);
  const existing = await c.db
    .selectFrom('nucleic_tests')
    .selectAll()
    .where('district_id', '=', person.districtId)
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (existing) {
    if (existing.person_id !== person.id) throw new AppError('CONFLICT', [fieldProblem('id', 'conflict')]);
    return toTestDto(existing);
  }
  const now = c.clock.now();
  const sampledAt = new Date(input.sampledAt);
  if (sampledAt.getTime() > now.getTime() + 5 * 60_000)
    throw validationError([fieldProblem('sampledAt', 'future_day')]);
  const row = await c.db
    .insertInto('nucleic_tests')
    .values({
      id: input.id,
      person_id: person.id,
      district_id: person.districtId,
      area_path: person.areaPath,
      sampled_at: sampledAt,
      result: input.result,
      lab: input.lab ?? null,
      result_at: input.result === 'pending' ? null : now,
      created_by: c.actor.id,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await event(c, person, 'test', {
    testId: row.id,
    sampledAt: row.sampled_at.toISOString(),
    result: row.result,
    lab: row.lab,
  });
  await audit(c, {
    action: 'health.test',
    resourceType: 'person',
    resourceId: person.id,
    area: { id: person.gridId, path: person.areaPath, districtId: person.districtId },
    details: { testId: row.id, result: row.result },
  });
  return toTestDto(row);
}

/** A pending result comes in; a final result is never overwritten. */
export async function setResult(ctx: Context, id: string, input: { result: 'negative' | 'positive' }) {
  const c = authorize(ctx, 'health.record');
  const t = await c.db
    .selectFrom('nucleic_tests')
    .selectAll()
    .where('id', '=', id)
    .where(inScope(c, 'area_path'))
    .forUpdate()
    .executeTakeFirst();
  if (!t || !t.person_id) throw notFound();
  if (t.result === input.result) return toTestDto(t);
  if (t.result !== 'pending') throw new AppError('CONFLICT', [fieldProblem('result', 'final')]);
  const now = c.clock.now();
  const row = await c.db
    .updateTable('nucleic_tests')
    .set({ result: input.result, result_at: now })
    .where('district_id', '=', t.district_id)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const person = await c.db
    .selectFrom('persons')
    .select(['id', 'district_id', 'grid_id', 'area_path'])
    .where('district_id', '=', t.district_id)
    .where('id', '=', t.person_id)
    .executeTakeFirstOrThrow();
  await event(c, { id: person.id, districtId: person.district_id }, 'test', {
    testId: id,
    result: input.result,
    resultDay: shanghaiDay(now),
  });
  await audit(c, {
    action: 'health.test_result',
    resourceType: 'person',
    resourceId: person.id,
    area: { id: person.grid_id, path: person.area_path, districtId: person.district_id },
    changes: { result: [t.result, input.result] },
  });
  return toTestDto(row);
}
