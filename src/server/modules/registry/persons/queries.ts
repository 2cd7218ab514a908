/** Person SQL: always inside a scope (the actor's, or an area of it); merged records are left out. */
import { sql } from 'kysely';
import type { SearchMatch } from '../../../../domain/person-search.js';
import { containing } from '../../../db/like.js';
import type { ActorContext, Context } from '../../../kernel/context.js';
import { inScope, type Scope } from '../../../kernel/scope.js';

export function selectPersons(ctx: Context) {
  return ctx.db
    .selectFrom('persons as p')
    .innerJoin('areas as g', 'g.id', 'p.grid_id')
    .select([
      'p.id',
      'p.grid_id',
      'g.name as grid_name',
      'p.area_path',
      'p.district_id',
      'p.name',
      'p.doc_type',
      'p.doc_number',
      'p.phone',
      'p.gender',
      'p.birth_date',
      'p.population_type',
      'p.hukou_place',
      'p.work_unit',
      'p.tags',
      'p.created_at',
    ])
    .where('p.merged_into', 'is', null);
}

export type PersonRow = Awaited<ReturnType<ReturnType<typeof selectPersons>['executeTakeFirstOrThrow']>>;

/** A live person inside the scope (the actor's own unless narrowed). */
export function findInScope(c: ActorContext, id: string, scope: Scope | ActorContext = c) {
  return selectPersons(c).where('p.id', '=', id).where(inScope(scope, 'p.area_path')).executeTakeFirst();
}

/** The district's live record holding a document, wherever it is in the district (for the duplicate check only). */
export function findByDocument(ctx: Context, districtId: string, docType: string, docNumber: string) {
  return ctx.db
    .selectFrom('persons')
    .select(['id', 'area_path'])
    .where('district_id', '=', districtId)
    .where('doc_type', '=', docType as never)
    .where('doc_number', '=', docNumber)
    .where('merged_into', 'is', null)
    .executeTakeFirst();
}

/** What a search looks for: what the box's text reads as (the domain's rule), or address words. */
export type Match = SearchMatch | { by: 'address'; words: string[] };

/** The grams a name must hold to contain `text`: the text itself up to 2 characters, else its 2-grams. */
export function gramsOf(text: string): string[] {
  const chars = [...text];
  return chars.length <= 2 ? [text] : chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

export function search(c: ActorContext, scope: Scope, match: Match, after: [string, string] | null, limit: number) {
  let q = selectPersons(c).where(inScope(scope, 'p.area_path'));
  if (match.by === 'document') q = q.where('p.doc_number', '=', match.number);
  else if (match.by === 'phone') q = q.where('p.phone', '=', match.number);
  // phone IS NOT NULL lets the planner use the partial phone-tail index.
  else if (match.by === 'phone_tail') q = q.where('p.phone', 'is not', null).where('p.phone_tail', '=', match.tail);
  else if (match.by === 'address') {
    // Every word must appear in the courtyard, building, unit or room of the person's current home.
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('household_members as m')
          .innerJoin('occupancies as o', (j) =>
            j
              .onRef('o.district_id', '=', 'm.district_id')
              .onRef('o.household_id', '=', 'm.household_id')
              .on('o.end_date', 'is', null),
          )
          .innerJoin('dwellings as d', (j) =>
            j.onRef('d.district_id', '=', 'o.district_id').onRef('d.id', '=', 'o.dwelling_id'),
          )
          .innerJoin('courtyards as c', (j) =>
            j.onRef('c.district_id', '=', 'd.district_id').onRef('c.id', '=', 'd.courtyard_id'),
          )
          .leftJoin('buildings as b', (j) =>
            j.onRef('b.district_id', '=', 'd.district_id').onRef('b.id', '=', 'd.building_id'),
          )
          .leftJoin('units as u', (j) => j.onRef('u.district_id', '=', 'd.district_id').onRef('u.id', '=', 'd.unit_id'))
          .select(sql`1`.as('x'))
          .whereRef('m.district_id', '=', 'p.district_id')
          .whereRef('m.person_id', '=', 'p.id')
          .where('m.end_date', 'is', null)
          .where((w) =>
            w.and(
              match.words.map(
                (word) =>
                  sql<boolean>`concat_ws(' ', c.name, c.address, b.label, u.label, d.room) LIKE ${containing(word)}`,
              ),
            ),
          ),
      ),
    );
  } else {
    // 1–2 characters: one gram; longer: every 2-gram must be present, then the exact fragment.
    q = q.where(sql<boolean>`p.name_grams @> ${sql.val(gramsOf(match.text))}::text[]`);
    if ([...match.text].length > 2) q = q.where('p.name', 'like', containing(match.text));
  }
  if (after) q = q.where(sql<boolean>`(p.name, p.id) > (${after[0]}, ${after[1]}::uuid)`);
  return q
    .orderBy('p.name')
    .orderBy('p.id')
    .limit(limit + 1)
    .execute();
}
