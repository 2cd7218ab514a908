/**
 * Writing checked ledger rows into the registry, as "create or match": the same
 * courtyard, building, unit, dwelling, household and person are found again on a
 * re-import, so importing a file twice changes nothing the second time.
 *
 * Courtyards, buildings and units (few, shared by many rows) are written at once; a
 * row's dwelling, household, occupancy, person and membership are planned in the
 * batch's writes (./batch.ts) and written with the batch. Lookups see both.
 */
import type { ActorContext } from '../../../kernel/context.js';
import { contains } from '../../../kernel/scope.js';
import { currentHousehold } from '../households/index.js';
import type { BatchWrites, Place } from './batch.js';
import type { LedgerRecord, Problem } from './rows.js';
import { LEDGER_COLUMNS, ROW_REASONS } from './texts.js';

type Outcome = { imported: true } | { skipped: true } | { error: Problem };

async function courtyardId(c: ActorContext, w: BatchWrites, place: Place, r: LedgerRecord): Promise<string> {
  const { gridId } = place;
  const districtId = place.at.district_id;
  const key = `c:${gridId}:${r.courtyard}`;
  const known = w.memo.get(key);
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
    w.version({ type: 'courtyard', id: made.id, place: made, before: null, after: values, channel: 'import' });
    row = made;
  }
  w.memo.set(key, row.id);
  return row.id;
}

async function labelled(
  c: ActorContext,
  w: BatchWrites,
  districtId: string,
  table: 'buildings' | 'units',
  parentId: string,
  label: string,
): Promise<string> {
  const key = `${table}:${parentId}:${label}`;
  const known = w.memo.get(key);
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
  w.memo.set(key, id);
  return id;
}

async function dwellingId(
  c: ActorContext,
  w: BatchWrites,
  place: Place,
  yard: string,
  building: string | null,
  unit: string | null,
  room: string,
): Promise<string> {
  const key = `d:${yard}:${building}:${unit}:${room}`;
  const known = w.memo.get(key);
  if (known) return known;
  let q = c.db
    .selectFrom('dwellings')
    .select('id')
    .where('district_id', '=', place.at.district_id)
    .where('courtyard_id', '=', yard)
    .where('room', '=', room)
    .where('retired_at', 'is', null);
  q = building ? q.where('building_id', '=', building) : q.where('building_id', 'is', null);
  q = unit ? q.where('unit_id', '=', unit) : q.where('unit_id', 'is', null);
  const id =
    (await q.executeTakeFirst())?.id ??
    w.dwelling(place, { courtyard_id: yard, building_id: building, unit_id: unit, room });
  w.memo.set(key, id);
  return id;
}

/** The household living in the dwelling whose head has this name (or the only one there). */
async function householdAt(
  c: ActorContext,
  w: BatchWrites,
  districtId: string,
  dwelling: string,
  headName: string | null,
) {
  // Nobody lives yet in a dwelling planned in this batch but the households planned there.
  const written = w.isNewDwelling(dwelling)
    ? []
    : await c.db
        .selectFrom('occupancies as o')
        .leftJoin('household_members as m', (j) =>
          j
            .onRef('m.district_id', '=', 'o.district_id')
            .onRef('m.household_id', '=', 'o.household_id')
            .on('m.relationship', '=', 'head')
            .on('m.end_date', 'is', null),
        )
        .leftJoin('persons as p', (j) =>
          j.onRef('p.district_id', '=', 'o.district_id').onRef('p.id', '=', 'm.person_id'),
        )
        .select(['o.household_id', 'p.name as head'])
        .where('o.district_id', '=', districtId)
        .where('o.dwelling_id', '=', dwelling)
        .where('o.end_date', 'is', null)
        .execute();
  const living = [
    ...written.map((h) => ({ household_id: h.household_id, head: h.head ?? w.plannedHead(h.household_id) ?? null })),
    ...w.plannedAt(dwelling),
  ];
  if (headName) return living.find((h) => h.head === headName)?.household_id ?? null;
  return living.length === 1 ? living[0]!.household_id : null;
}

/** Whether the household has a current head: written, or planned by an earlier row. */
async function hasHead(c: ActorContext, w: BatchWrites, districtId: string, household: string): Promise<boolean> {
  if (w.plannedHead(household) !== undefined) return true;
  if (w.isNewHousehold(household)) return false;
  const head = await c.db
    .selectFrom('household_members')
    .select('id')
    .where('district_id', '=', districtId)
    .where('household_id', '=', household)
    .where('relationship', '=', 'head')
    .where('end_date', 'is', null)
    .executeTakeFirst();
  return head !== undefined;
}

export async function applyRecord(
  c: ActorContext,
  w: BatchWrites,
  place: Place,
  r: LedgerRecord,
  docColumn: string = LEDGER_COLUMNS.docNumber,
): Promise<Outcome> {
  const existing = await c.db
    .selectFrom('persons')
    .select(['id', 'area_path', 'name'])
    .where('district_id', '=', c.actor.districtId)
    .where('doc_type', '=', r.docType)
    .where('doc_number', '=', r.docNumber)
    .where('merged_into', 'is', null)
    .executeTakeFirst();
  if (existing && !contains(c, existing.area_path))
    return { error: { column: docColumn, value: r.docNumber, reason: ROW_REASONS.registeredElsewhere } };
  const districtId = place.at.district_id;
  const yard = await courtyardId(c, w, place, r);
  const building = r.building ? await labelled(c, w, districtId, 'buildings', yard, r.building) : null;
  const unit = building && r.unit ? await labelled(c, w, districtId, 'units', building, r.unit) : null;
  const dwelling = await dwellingId(c, w, place, yard, building, unit, r.room);
  const isHead = r.relationship === 'head' || (r.headName !== null && r.headName === r.name && r.relationship === null);
  const headName = r.headName ?? (isHead ? r.name : null);
  let household = await householdAt(c, w, districtId, dwelling, headName);

  if (existing) {
    const current = await currentHousehold(c, existing.id);
    if (current && current === household) return { skipped: true };
    if (current) return { error: { column: docColumn, value: r.docNumber, reason: ROW_REASONS.inOtherHousehold } };
  }
  household ??= w.household(place, { id: dwelling, courtyard_id: yard }, r.occupancyType);
  const personId =
    existing?.id ??
    w.person(
      place,
      {
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
      },
      r.note,
    );
  const head = isHead && (await hasHead(c, w, districtId, household));
  const relationship = isHead && !head ? 'head' : isHead ? 'other' : (r.relationship ?? 'other');
  w.member(place, { household_id: household, person_id: personId, relationship }, existing?.name ?? r.name);
  return { imported: true };
}
