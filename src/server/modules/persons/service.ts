/**
 * Persons: register (one record per document in the district), search within
 * the scope, read masked by role, reveal a masked field with an audited reason.
 */
import { shanghaiDay } from '../../../domain/clock.js';
import { checkDocument, type DocumentType } from '../../../domain/id-number.js';
import { MAY_REVEAL, type PersonalField } from '../../../domain/masking.js';
import { checkPhone } from '../../../domain/phone.js';
import { compact } from '../../../domain/text.js';
import { type ActorContext, authorize, type RequestContext } from '../../http/context.js';
import { decodeCursor, page } from '../../http/cursor.js';
import { AppError, fieldProblem, type FieldProblem, notFound, validationError } from '../../http/errors.js';
import { audit } from '../audit/record.js';
import { recordVersion } from '../registry/versions.js';
import { fieldValue, presentPerson } from './present.js';
import * as q from './queries.js';
import type { PersonDto } from './schemas.js';

export interface NewPerson {
  id?: string;
  gridId: string;
  name: string;
  docType: DocumentType;
  docNumber: string;
  phone?: string | null;
  gender?: 'male' | 'female' | null;
  birthDate?: string | null;
  populationType: 'registered' | 'floating' | 'overseas';
  hukouPlace?: string | null;
  workUnit?: string | null;
  tags: string[];
}

async function gridInScope(c: ActorContext, gridId: string) {
  const grid = await c.db.selectFrom('areas').select(['id', 'level', 'retired_at']).where('id', '=', gridId).where('path', 'like', `${c.actor.areaPath}%`).executeTakeFirst();
  if (!grid) throw notFound();
  if (grid.level !== 'grid') throw new AppError('AREA_LEVEL_MISMATCH', [fieldProblem('gridId', 'invalid')]);
  if (grid.retired_at) throw new AppError('AREA_RETIRED', [fieldProblem('gridId', 'invalid')]);
  return grid;
}

/** Document and phone checked by the shared domain rules; both languages per field. */
function validate(c: ActorContext, input: NewPerson) {
  const problems: FieldProblem[] = [];
  const doc = checkDocument(input.docType, input.docNumber, shanghaiDay(c.clock.now()));
  if (!doc.ok) problems.push(...doc.problems.map((p) => fieldProblem('docNumber', p)));
  let phone: string | null = null;
  if (input.phone != null && compact(input.phone) !== '') {
    const ph = checkPhone(input.phone);
    if (ph.ok) phone = ph.number;
    else problems.push(fieldProblem('phone', 'phone_format'));
  }
  if (problems.length || !doc.ok) throw validationError(problems);
  return { number: doc.number, birthDate: doc.birthDate ?? input.birthDate ?? null, gender: doc.gender ?? input.gender ?? null, warnings: doc.warnings, phone };
}

export async function create(ctx: RequestContext, input: NewPerson): Promise<PersonDto & { warnings: string[] }> {
  const c = authorize(ctx, 'person.create');
  const checked = validate(c, input);
  await gridInScope(c, input.gridId);
  const existing = await q.findByDocument(c, input.docType, checked.number);
  if (existing) {
    // The same submission again (client-generated id): answer with what was created.
    if (existing.id === input.id && existing.area_path.startsWith(c.actor.areaPath)) {
      const row = (await q.findInScope(c, c.actor.areaPath, existing.id))!;
      return { ...presentPerson(c.actor.role, row), warnings: checked.warnings };
    }
    // Inside the scope the existing record is shown; outside, nothing about it is.
    if (existing.area_path.startsWith(c.actor.areaPath)) throw new AppError('PERSON_EXISTS', [fieldProblem('docNumber', 'conflict')], { personId: existing.id });
    throw new AppError('PERSON_REGISTERED_ELSEWHERE', [fieldProblem('docNumber', 'conflict')]);
  }
  const values = {
    ...(input.id ? { id: input.id } : {}),
    grid_id: input.gridId,
    name: input.name,
    doc_type: input.docType,
    doc_number: checked.number,
    phone: checked.phone,
    gender: checked.gender,
    birth_date: checked.birthDate,
    population_type: input.populationType,
    hukou_place: input.hukouPlace ?? null,
    work_unit: input.workUnit ?? null,
    tags: input.tags,
  };
  const inserted = await c.db.insertInto('persons').values(values).returning(['id', 'area_path', 'district_id']).executeTakeFirstOrThrow();
  await recordVersion(c, { type: 'person', id: inserted.id, place: inserted, before: null, after: values });
  await audit(c, { action: 'person.create', resourceType: 'person', resourceId: inserted.id, area: { id: input.gridId, path: inserted.area_path, districtId: inserted.district_id } });
  const row = (await q.findInScope(c, c.actor.areaPath, inserted.id))!;
  return { ...presentPerson(c.actor.role, row), warnings: checked.warnings };
}

export async function get(ctx: RequestContext, id: string): Promise<PersonDto> {
  const c = authorize(ctx, 'person.read');
  const row = await q.findInScope(c, c.actor.areaPath, id);
  if (!row) throw notFound();
  return presentPerson(c.actor.role, row);
}

/** Reads the query as a document number, a mobile, a mobile's last 4 digits, or a name fragment. */
export function classify(raw: string, today: string): q.Match {
  const s = compact(raw).toUpperCase();
  if (/^\d{4}$/.test(s)) return { by: 'phone_tail', tail: s };
  const phone = checkPhone(s);
  if (phone.ok && phone.kind === 'mobile' && /^\+?\d+$/.test(s)) return { by: 'phone', number: phone.number };
  if (/^[0-9A-Z-]{6,30}$/.test(s) && /\d/.test(s)) {
    const doc = checkDocument('resident_id', s, today);
    return { by: 'document', number: doc.ok ? doc.number : s };
  }
  return { by: 'name', text: raw.trim() };
}

export async function search(ctx: RequestContext, input: { q: string; gridId?: string; after?: string; limit: number }) {
  const c = authorize(ctx, 'person.read');
  let scopePath = c.actor.areaPath;
  if (input.gridId) {
    const area = await c.db.selectFrom('areas').select('path').where('id', '=', input.gridId).where('path', 'like', `${scopePath}%`).executeTakeFirst();
    if (!area) throw notFound();
    scopePath = area.path;
  }
  const match = classify(input.q, shanghaiDay(c.clock.now()));
  const after = decodeCursor(input.after, 2) as [string, string] | null;
  const rows = await q.search(c, scopePath, match, after, input.limit);
  const p = page(rows, input.limit, (r) => [r.name, r.id]);
  return { items: p.items.map((r) => presentPerson(c.actor.role, r)), nextCursor: p.nextCursor, matchedBy: match.by };
}

export async function reveal(ctx: RequestContext, id: string, input: { fields: PersonalField[]; reason: string }) {
  const c = authorize(ctx, 'person.reveal');
  const row = await q.findInScope(c, c.actor.areaPath, id);
  if (!row) throw notFound();
  const allowed = MAY_REVEAL[c.actor.role];
  const refused = input.fields.filter((f) => !allowed.includes(f) || f === 'address');
  if (refused.length) throw new AppError('FIELD_NOT_REVEALABLE', refused.map((f) => fieldProblem(f, 'invalid')));
  await audit(c, {
    action: 'person.reveal',
    resourceType: 'person',
    resourceId: id,
    area: { id: row.grid_id, path: row.area_path, districtId: row.district_id },
    details: { fields: input.fields, reason: input.reason },
  });
  const values = Object.fromEntries(input.fields.map((f) => [f, fieldValue(row, f as Exclude<PersonalField, 'address'>)]));
  return { id, values };
}
