/** The rows of a persons export: each person with where they live now, streamed. */
import { sql } from 'kysely';
import { containing } from '../../../db/like.js';
import type { ActorContext } from '../../../kernel/context.js';
import { inScope, type Scope } from '../../../kernel/scope.js';
import { gramsOf } from '../persons/index.js';

export interface ExportFilter {
  scope: Scope;
  courtyardId?: string;
  nameFragment?: string;
}

export function exportRows(c: ActorContext, f: ExportFilter) {
  let q = c.db
    .selectFrom('persons as p')
    .innerJoin('areas as g', 'g.id', 'p.grid_id')
    // Every join to another distributed table carries the district (one shard on Citus).
    .leftJoin('household_members as m', (j) =>
      j.onRef('m.district_id', '=', 'p.district_id').onRef('m.person_id', '=', 'p.id').on('m.end_date', 'is', null),
    )
    .leftJoin('occupancies as o', (j) =>
      j
        .onRef('o.district_id', '=', 'm.district_id')
        .onRef('o.household_id', '=', 'm.household_id')
        .on('o.end_date', 'is', null),
    )
    .leftJoin('dwellings as d', (j) =>
      j.onRef('d.district_id', '=', 'o.district_id').onRef('d.id', '=', 'o.dwelling_id'),
    )
    .leftJoin('courtyards as cy', (j) =>
      j.onRef('cy.district_id', '=', 'd.district_id').onRef('cy.id', '=', 'd.courtyard_id'),
    )
    .leftJoin('buildings as b', (j) =>
      j.onRef('b.district_id', '=', 'd.district_id').onRef('b.id', '=', 'd.building_id'),
    )
    .leftJoin('units as u', (j) => j.onRef('u.district_id', '=', 'd.district_id').onRef('u.id', '=', 'd.unit_id'))
    .select([
      'p.id',
      'p.name',
      'p.doc_type',
      'p.doc_number',
      'p.gender',
      'p.birth_date',
      'p.phone',
      'p.population_type',
      'p.hukou_place',
      'p.work_unit',
      'p.tags',
      'p.area_path',
      'g.name as grid',
      'cy.name as courtyard',
      'b.label as building',
      'u.label as unit',
      'd.room',
      'm.relationship',
      'o.type as occupancy',
    ])
    .where('p.merged_into', 'is', null)
    .where(inScope(f.scope, 'p.area_path'));
  if (f.courtyardId) q = q.where('o.courtyard_id', '=', f.courtyardId);
  if (f.nameFragment)
    q = q
      .where(sql<boolean>`p.name_grams @> ${sql.val(gramsOf(f.nameFragment))}::text[]`)
      .where('p.name', 'like', containing(f.nameFragment));
  return q.orderBy('p.area_path').orderBy('p.id');
}

export type ExportRow = Awaited<ReturnType<ReturnType<typeof exportRows>['execute']>>[number];
