/** Correcting a person's record; the document itself is changed only by a merge. */
import { checkPhone } from '../../../../domain/phone.js';
import { compact } from '../../../../domain/text.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { fieldProblem, notFound, validationError } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { recordVersion } from '../../../kernel/versions.js';
import { presentPerson } from './present.js';
import * as q from './queries.js';
import type { PersonDto } from './schemas.js';

export async function update(
  ctx: Context,
  id: string,
  input: {
    name?: string;
    phone?: string | null;
    populationType?: 'registered' | 'floating' | 'overseas';
    hukouPlace?: string | null;
    workUnit?: string | null;
    tags?: string[];
  },
): Promise<PersonDto> {
  const c = authorize(ctx, 'person.update');
  const row = await q.findInScope(c, id);
  if (!row) throw notFound();
  let phone = input.phone;
  if (phone != null) {
    if (compact(phone) === '') phone = null;
    else {
      const checked = checkPhone(phone);
      if (!checked.ok) throw validationError([fieldProblem('phone', 'phone_format')]);
      phone = checked.number;
    }
  }
  const next = {
    name: input.name,
    phone,
    population_type: input.populationType,
    hukou_place: input.hukouPlace,
    work_unit: input.workUnit,
    tags: input.tags,
  };
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(next)) {
    const old = (row as unknown as Record<string, unknown>)[k];
    if (v !== undefined && JSON.stringify(old) !== JSON.stringify(v)) {
      before[k] = old;
      after[k] = v;
    }
  }
  if (Object.keys(after).length === 0) return presentPerson(c, row);
  await c.db
    .updateTable('persons')
    .set({ ...after, updated_at: c.clock.now() })
    .where('district_id', '=', row.district_id)
    .where('id', '=', id)
    .execute();
  await recordVersion(c, { type: 'person', id, place: row, before, after });
  // The audit row names the fields, not their (personal) values: those are in the versions.
  await audit(c, {
    action: 'person.update',
    resourceType: 'person',
    resourceId: id,
    area: { id: row.grid_id, path: row.area_path, districtId: row.district_id },
    details: { fields: Object.keys(after) },
  });
  return presentPerson(c, (await q.findInScope(c, id))!);
}
