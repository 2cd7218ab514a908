/**
 * Where a document is known, for those who register persons and may ask for a
 * transfer: in their scope (the record), elsewhere in their district (nothing more:
 * they may ask for a transfer), or in another district of the same database (only
 * that: no district, name or record; the holding district's staff decide any move).
 * Each lookup is audited without the number.
 */
import { shanghaiDay } from '../../../../domain/clock.js';
import { checkDocument, type DocumentType } from '../../../../domain/id-number.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { fieldProblem, validationError } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { contains } from '../../../kernel/scope.js';
import type { DocumentLookupDto } from './schemas.js';

export async function lookupDocument(
  ctx: Context,
  input: { docType: DocumentType; docNumber: string },
): Promise<DocumentLookupDto> {
  const c = authorize(ctx, 'person.create');
  const doc = checkDocument(input.docType, input.docNumber, shanghaiDay(c.clock.now()));
  if (!doc.ok) throw validationError(doc.problems.map((p) => fieldProblem('docNumber', p)));
  const rows = await c.db
    .selectFrom('persons')
    .select(['id', 'area_path', 'district_id'])
    .where('doc_number', '=', doc.number)
    .where('doc_type', '=', input.docType)
    .where('merged_into', 'is', null)
    .execute();
  const own = rows.find((r) => r.district_id === c.actor.districtId);
  const answer: DocumentLookupDto = {
    known: own ? (contains(c, own.area_path) ? 'in_scope' : 'in_district') : null,
    personId: own && contains(c, own.area_path) ? own.id : null,
    knownInAnotherDistrict: rows.some((r) => r.district_id !== c.actor.districtId),
  };
  await audit(c, {
    action: 'person.document_lookup',
    resourceType: 'person',
    resourceId: answer.personId ?? undefined,
    details: { docType: input.docType, known: answer.known, knownInAnotherDistrict: answer.knownInAnotherDistrict },
  });
  return answer;
}
