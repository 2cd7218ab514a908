/**
 * Persons: register (one record per document in the district), search within
 * the scope, read masked by role, reveal a masked field with an audited reason.
 */
import { shanghaiDay } from '../../../../domain/clock.js';
import { MAY_REVEAL, type PersonalField } from '../../../../domain/masking.js';
import { classifySearch } from '../../../../domain/person-search.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { decodeCursor, page } from '../../../http/cursor.js';
import { AppError, fieldProblem, notFound } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { scopeOrArea } from '../../../kernel/scope.js';
import { fieldValue, presentPerson } from './present.js';
import { type NewPerson, registerPerson } from './register.js';
import * as q from './queries.js';
import type { PersonDto } from './schemas.js';

export type { NewPerson } from './register.js';

export async function create(ctx: Context, input: NewPerson): Promise<PersonDto & { warnings: string[] }> {
  const c = authorize(ctx, 'person.create');
  const { id, warnings } = await registerPerson(c, input);
  const row = (await q.findInScope(c, id))!;
  return { ...presentPerson(c, row), warnings };
}

export async function get(ctx: Context, id: string): Promise<PersonDto> {
  const c = authorize(ctx, 'person.read');
  const row = await q.findInScope(c, id);
  if (!row) throw notFound();
  return presentPerson(c, row);
}

export async function search(
  ctx: Context,
  input: { q: string; by: 'auto' | 'address'; gridId?: string; after?: string; limit: number },
) {
  const c = authorize(ctx, 'person.read');
  const scope = await scopeOrArea(c, input.gridId, { field: 'gridId' });
  const match: q.Match =
    input.by === 'address'
      ? { by: 'address', words: input.q.split(/\s+/).filter(Boolean).slice(0, 6) }
      : classifySearch(input.q, shanghaiDay(c.clock.now()));
  const after = decodeCursor(input.after, 2) as [string, string] | null;
  const rows = await q.search(c, scope, match, after, input.limit);
  const p = page(rows, input.limit, (r) => [r.name, r.id]);
  return { items: p.items.map((r) => presentPerson(c, r)), nextCursor: p.nextCursor, matchedBy: match.by };
}

export async function reveal(ctx: Context, id: string, input: { fields: PersonalField[]; reason: string }) {
  const c = authorize(ctx, 'person.reveal');
  const row = await q.findInScope(c, id);
  if (!row) throw notFound();
  const allowed = MAY_REVEAL[c.actor.role];
  const refused = input.fields.filter((f) => !allowed.includes(f) || f === 'address');
  if (refused.length)
    throw new AppError(
      'FIELD_NOT_REVEALABLE',
      refused.map((f) => fieldProblem(f, 'invalid')),
    );
  await audit(c, {
    action: 'person.reveal',
    resourceType: 'person',
    resourceId: id,
    area: { id: row.grid_id, path: row.area_path, districtId: row.district_id },
    details: { fields: input.fields, reason: input.reason },
  });
  const values = Object.fromEntries(
    input.fields.map((f) => [f, fieldValue(row, f as Exclude<PersonalField, 'address'>)]),
  );
  return { id, values };
}
