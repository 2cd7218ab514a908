/**
 * Registering a person: the document and phone checked by the shared domain rules,
 * one live record per document in the district, a record version and an audit row.
 * Used by POST /api/persons and by household registration.
 */
import { shanghaiDay } from '../../../../domain/clock.js';
import { checkDocument, type DocumentType, type IdWarning } from '../../../../domain/id-number.js';
import { normaliseName, PERSON_NAME } from '../../../../domain/names.js';
import { checkPhone } from '../../../../domain/phone.js';
import { compact } from '../../../../domain/text.js';
import type { Channel } from '../../../db/types-registry.js';
import type { ActorContext } from '../../../kernel/context.js';
import { AppError, fieldProblem, type FieldProblem, validationError } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { contains, gridInScope } from '../../../kernel/scope.js';
import { recordVersion } from '../../../kernel/versions.js';
import * as q from './queries.js';

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

/**
 * Name, document and phone checked by the shared domain rules; both languages per field.
 * The name is normalised again here: a family's form stored before the name rules (an
 * accepted self-registration) reaches the registry through this too.
 */
function validate(c: ActorContext, input: NewPerson) {
  const problems: FieldProblem[] = [];
  const name = normaliseName(input.name, PERSON_NAME);
  if (!name.ok) problems.push(fieldProblem('name', name.reason));
  const doc = checkDocument(input.docType, input.docNumber, shanghaiDay(c.clock.now()));
  if (!doc.ok) problems.push(...doc.problems.map((p) => fieldProblem('docNumber', p)));
  let phone: string | null = null;
  if (input.phone != null && compact(input.phone) !== '') {
    const ph = checkPhone(input.phone);
    if (ph.ok) phone = ph.number;
    else problems.push(fieldProblem('phone', 'phone_format'));
  }
  if (problems.length || !doc.ok || !name.ok) throw validationError(problems);
  return {
    name: name.value,
    number: doc.number,
    birthDate: doc.birthDate ?? input.birthDate ?? null,
    gender: doc.gender ?? input.gender ?? null,
    warnings: doc.warnings,
    phone,
  };
}

/**
 * Creates the person, or — when the same client-generated id comes again — returns
 * it. Field names in errors are relative to the person ("docNumber").
 */
export async function registerPerson(
  c: ActorContext,
  input: NewPerson,
  channel: Channel = 'staff',
): Promise<{ id: string; warnings: IdWarning[] }> {
  const checked = validate(c, input);
  const grid = await gridInScope(c, input.gridId);
  const existing = await q.findByDocument(c, grid.district_id, input.docType, checked.number);
  if (existing) {
    // The same submission again (client-generated id): answer with what was created.
    if (existing.id === input.id && contains(c, existing.area_path))
      return { id: existing.id, warnings: checked.warnings };
    // Inside the scope the existing record is shown; outside, nothing about it is.
    if (contains(c, existing.area_path))
      throw new AppError('PERSON_EXISTS', [fieldProblem('docNumber', 'conflict')], { personId: existing.id });
    throw new AppError('PERSON_REGISTERED_ELSEWHERE', [fieldProblem('docNumber', 'conflict')]);
  }
  const values = {
    ...(input.id ? { id: input.id } : {}),
    grid_id: input.gridId,
    name: checked.name,
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
  const inserted = await c.db
    .insertInto('persons')
    .values({ ...values, district_id: grid.district_id })
    .returning(['id', 'area_path', 'district_id'])
    .executeTakeFirstOrThrow();
  await recordVersion(c, { type: 'person', id: inserted.id, place: inserted, before: null, after: values, channel });
  await audit(c, {
    action: 'person.create',
    resourceType: 'person',
    resourceId: inserted.id,
    area: { id: input.gridId, path: inserted.area_path, districtId: inserted.district_id },
  });
  return { id: inserted.id, warnings: checked.warnings };
}
