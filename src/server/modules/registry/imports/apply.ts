/**
 * Writing checked ledger rows into the registry, as "create or match": the same
 * courtyard, building, unit, dwelling, household and person are found again on a
 * re-import, so importing a file twice changes nothing the second time.
 */
import type { ActorContext } from '../../../kernel/context.js';
import { contains } from '../../../kernel/scope.js';
import { recordVersion } from '../../../kernel/versions.js';
import { currentHousehold, insertHousehold } from '../households/index.js';
import type { LedgerRecord, Problem } from './rows.js';
import { LEDGER_COLUMNS, ROW_REASONS } from './texts.js';

export interface Place {
  gridId: string;
  /** The grid's area path and district, for the record versions. */
  at: { area_path: string; district_id: string };
  today: string;
}

type Outcome = { imported: true } | { skipped: true } | { error: Problem };

/** Per-batch memo of places already found or made. */
export type Memo = Map<string, string>;

async function courtyardId(c: ActorContext, memo: Memo, place: Place, r: LedgerRecord): Promise<string> {
  const { gridId } = place;
  const districtId = place.at.district_id;
  const key = `c:${gridId}:${r.courtyard}`;
  const known = memo.get(key);
  if (known) return known;
  let row = await c.db
    .selectFrom('courtyards')
    .select(['id'])
    .where('district_id', '=', districtId)
    .where('grid_id', '=', gridId)
    .where('name', '=', r.courtyard)
    .where('retired_at', 'is', null)
    .executeTakeFirst();
  if (!row) {
    const values = {
      grid_id: gridId,
      name: r.courtyard,
      kind: r.building ? ('urban_compound' as const) : ('rural_scattered' as const),
    };
    const made = await c.db
      .insertInto('courtyards')
      .values({ ...values, district_id: districtId })
      .returning(['id', 'area_path', 'district_id'])
      .executeTakeFirstOrThrow();
    await recordVersion(c, {
      type: 'courtyard',
      id: made.id,
      place: made,
      before: null,
      after: values,
      channel: 'import',
    });
    row = made;
  }
  memo.set(key, row.id);
  return row.id;
}

async function labelled(
  c: ActorContext,
  memo: Memo,
  districtId: string,
  table: 'buildings' | 'units',
  parentId: string,
  label: string,
): Promise<string> {
  const key = `${table}:${parentId}:${label}`;
  const known = memo.get(key);
  if (known) return known;
  const id =
    table === 'buildings'
      ? ((
          await c.db
            .selectFrom('buildings')
            .select('id')
            .where('district_id', '=', districtId)
            .where('courtyard_id', '=', parentId)
            .where('label', '=', label)
            .executeTakeFirst()
        )?.id ??
        (
          await c.db
            .insertInto('buildings')
            .values({ district_id: districtId, courtyard_id: parentId, label })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id)
      : ((
          await c.db
            .selectFrom('units')
            .select('id')
            .where('district_id', '=', districtId)
            .where('building_id', '=', parentId)
            .where('label', '=', label)
            .executeTakeFirst()
        )?.id ??
        (
          await c.db
            .insertInto('units')
            .values({ district_id: districtId, building_id: parentId, label })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id);
  memo.set(key, id);
  return id;
}

async function dwellingId(
  c: ActorContext,
  memo: Memo,
  place: Place,
  yard: string,
  building: string | null,
  unit: string | null,
  room: string,
) {
  const key = `d:${yard}:${building}:${unit}:${room}`;
  const known = memo.get(key);
  if (known) return known;
  const districtId = place.at.district_id;
  let q = c.db
    .selectFrom('dwellings')
    .select('id')
    .where('district_id', '=', districtId)
    .where('courtyard_id', '=', yard)
    .where('room', '=', room)
    .where('retired_at', 'is', null);
  q = building ? q.where('building_id', '=', building) : q.where('building_id', 'is', null);
  q = unit ? q.where('unit_id', '=', unit) : q.where('unit_id', 'is', null);
  let id = (await q.executeTakeFirst())?.id;
  if (!id) {
    const values = { grid_id: place.gridId, courtyard_id: yard, building_id: building, unit_id: unit, room };
    const made = await c.db
      .insertInto('dwellings')
      .values({ ...values, district_id: districtId })
      .returning(['id', 'area_path', 'district_id'])
      .executeTakeFirstOrThrow();
    await recordVersion(c, {
      type: 'dwelling',
      id: made.id,
      place: made,
      before: null,
      after: values,
      channel: 'import',
    });
    id = made.id;
  }
  memo.set(key, id);
  return id;
}

/** The household living in the dwelling whose head has this name (or the only one there). */
async function householdAt(c: ActorContext, districtId: string, dwelling: string, headName: string | null) {
  const living = await c.db
    .selectFrom('occupancies as o')
    .leftJoin('household_members as m', (j) =>
      j
        .onRef('m.district_id', '=', 'o.district_id')
        .onRef('m.household_id', '=', 'o.household_id')
        .on('m.relationship', '=', 'head')
        .on('m.end_date', 'is', null),
    )
    .leftJoin('persons as p', (j) => j.onRef('p.district_id', '=', 'o.district_id').onRef('p.id', '=', 'm.person_id'))
    .select(['o.household_id', 'p.name as head'])
    .where('o.district_id', '=', districtId)
    .where('o.dwelling_id', '=', dwelling)
    .where('o.end_date', 'is', null)
    .execute();
  if (headName) return living.find((h) => h.head === headName)?.household_id ?? null;
  return living.length === 1 ? living[0]!.household_id : null;
}

export async function applyRecord(
  c: ActorContext,
  memo: Memo,
  place: Place,
  r: LedgerRecord,
  docColumn: string = LEDGER_COLUMNS.docNumber,
): Promise<Outcome> {
  const existing = await c.db
    .selectFrom('persons')
    .select(['id', 'area_path'])
    .where('district_id', '=', c.actor.districtId)
    .where('doc_type', '=', r.docType)
    .where('doc_number', '=', r.docNumber)
    .where('merged_into', 'is', null)
    .executeTakeFirst();
  if (existing && !contains(c, existing.area_path))
    return { error: { column: docColumn, value: r.docNumber, reason: ROW_REASONS.registeredElsewhere } };
  const districtId = place.at.district_id;
  const yard = await courtyardId(c, memo, place, r);
  const building = r.building ? await labelled(c, memo, districtId, 'buildings', yard, r.building) : null;
  const unit = building && r.unit ? await labelled(c, memo, districtId, 'units', building, r.unit) : null;
  const dwelling = await dwellingId(c, memo, place, yard, building, unit, r.room);
  const isHead = r.relationship === 'head' || (r.headName !== null && r.headName === r.name && r.relationship === null);
  const headName = r.headName ?? (isHead ? r.name : null);
  let household = await householdAt(c, districtId, dwelling, headName);

  let personId = existing?.id ?? null;
  if (personId) {
    const current = await currentHousehold(c, personId);
    if (current && current === household) return { skipped: true };
    if (current) return { error: { column: docColumn, value: r.docNumber, reason: ROW_REASONS.inOtherHousehold } };
  }
  if (!household) {
    const at = { id: dwelling, grid_id: place.gridId, courtyard_id: yard, district_id: districtId };
    const h = await insertHousehold(c, at, { occupancyType: r.occupancyType, startDate: place.today }, 'import');
    household = h.id;
  }
  if (!personId) {
    const values = {
      grid_id: place.gridId,
      name: r.name,
      doc_type: r.docType,
      doc_number: r.docNumber,
      phone: r.phone,
      gender: r.gender,
      birth_date: r.birthDate,
      population_type: r.populationType,
      hukou_place: r.hukouPlace,
      work_unit: r.workUnit,
      tags: r.tags,
    };
    const p = await c.db
      .insertInto('persons')
      .values({ ...values, district_id: districtId })
      .returning(['id', 'area_path', 'district_id'])
      .executeTakeFirstOrThrow();
    await recordVersion(c, {
      type: 'person',
      id: p.id,
      place: p,
      before: null,
      after: r.note ? { ...values, note: r.note } : values,
      channel: 'import',
    });
    personId = p.id;
  }
  const head = await c.db
    .selectFrom('household_members')
    .select('id')
    .where('district_id', '=', districtId)
    .where('household_id', '=', household)
    .where('relationship', '=', 'head')
    .where('end_date', 'is', null)
    .executeTakeFirst();
  const relationship = isHead && !head ? 'head' : isHead ? 'other' : (r.relationship ?? 'other');
  const member = await c.db
    .insertInto('household_members')
    .values({
      district_id: districtId,
      household_id: household,
      person_id: personId,
      relationship,
      start_date: place.today,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await recordVersion(c, {
    type: 'member',
    id: member.id,
    place: place.at,
    before: null,
    after: { household_id: household, person_id: personId, relationship },
    channel: 'import',
  });
  return { imported: true };
}
