/**
 * Matching a family's members against the registry, district-wide: by document
 * first, then by name and phone. What differs is a conflict (lives in another
 * dwelling, another phone, another name). The result is kept with each version for
 * the queue's filters; the review page shows it within the reviewer's area only.
 */
import { type RawBuilder, sql } from 'kysely';
import type { FamilyForm } from '../../../../domain/self-registration.js';
import type { MemberMatch } from '../../../db/types-self-registration.js';
import type { Context } from '../../../kernel/context.js';

export interface RegistryCandidate {
  id: string;
  name: string;
  doc_type: string;
  doc_number: string;
  phone: string | null;
  area_path: string;
  household_id: string | null;
  dwelling_id: string | null;
}

/**
 * The district's live persons holding these documents, or these names with these
 * phones, with their current household and dwelling: one SELECT, run alone
 * (`candidates`) or as a part of the submit's single read (prepare.ts `lookup`, where
 * the district is the code's). Persons of other districts are never candidates.
 */
export function candidateQuery(
  members: Pick<FamilyForm['members'][number], 'docType' | 'docNumber' | 'name' | 'phone'>[],
  district: RawBuilder<unknown>,
) {
  const docs = members.map((m) => sql`(${m.docType}, ${m.docNumber})`);
  const namePhone = members.filter((m) => m.phone).map((m) => sql`(${m.name}, ${m.phone!}, ${m.phone!.slice(-4)})`);
  return sql<RegistryCandidate>`
    SELECT p.id, p.name, p.doc_type, p.doc_number, p.phone, p.area_path, hm.household_id, o.dwelling_id
    FROM persons p
    LEFT JOIN household_members hm ON hm.district_id = p.district_id AND hm.person_id = p.id AND hm.end_date IS NULL
    LEFT JOIN occupancies o ON o.district_id = p.district_id AND o.household_id = hm.household_id AND o.end_date IS NULL
    WHERE p.merged_into IS NULL AND p.district_id = ${district} AND ((p.doc_type, p.doc_number) IN (${sql.join(docs)})
      ${namePhone.length ? sql`OR (p.phone IS NOT NULL AND (p.name, p.phone, p.phone_tail) IN (${sql.join(namePhone)}))` : sql``})`;
}

export async function candidates(
  ctx: Context,
  districtId: string,
  members: FamilyForm['members'],
): Promise<RegistryCandidate[]> {
  if (members.length === 0) return [];
  return (await candidateQuery(members, sql`${districtId}::bigint`).execute(ctx.db)).rows;
}

/** Each member's match and conflicts, given the dwelling the family chose (null: not listed). */
export function matchMembers(
  members: FamilyForm['members'],
  found: RegistryCandidate[],
  dwellingId: string | null,
): (MemberMatch & { candidate: RegistryCandidate | null })[] {
  return members.map((m) => {
    let by: MemberMatch['by'] = null;
    let p = found.find((f) => f.doc_type === m.docType && f.doc_number === m.docNumber) ?? null;
    if (p) by = 'document';
    else if (m.phone) {
      p = found.find((f) => f.name === m.name && f.phone === m.phone) ?? null;
      if (p) by = 'name_phone';
    }
    const conflicts: MemberMatch['conflicts'] = [];
    if (p) {
      if (dwellingId && p.dwelling_id && p.dwelling_id !== dwellingId) conflicts.push('other_dwelling');
      if (m.phone && p.phone && m.phone !== p.phone) conflicts.push('phone_differs');
      if (by === 'document' && p.name !== m.name) conflicts.push('name_differs');
    }
    return { key: m.key, by, personId: p?.id ?? null, conflicts, candidate: p };
  });
}
