/**
 * Invariants of the registry schema that hold whatever code writes to it: records
 * sit on grids and carry their grid's district, history is kept by dates, one current household per person, and
 * the leaf counters always equal a recount.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { testApp } from '../../../test/support/app.js';
import { recountRegistry, registryCounters } from '../../../test/support/recount.js';

const t = await testApp();
const db = t.db;
const grid = await t.areaId('510112005201001');
const otherGrid = await t.areaId('510112005201002');
/** The district of both grids: every row names it (the distribution key on Citus). */
const district = await t.areaId('510112');

const recount = () => recountRegistry(db);
const counters = () => registryCounters(db);

/**
 * The constraint that refused a write. An error relayed from a Citus shard carries no
 * constraint field: a key names it in the message with the shard's suffix
 * (`"persons_document_102053"`), a trigger's refusal in its message (`(constraint "registry_on_grid")`).
 */
async function refusal(write: Promise<unknown>): Promise<string | undefined> {
  const e = await write.then(
    () => ({ constraint: undefined, message: 'the write was not refused' }),
    (err: unknown) => err as { constraint?: string; message: string },
  );
  return e.constraint ?? /constraint "([^"]+?)(?:_\d+)?"/.exec(e.message)?.[1] ?? e.message;
}

describe('registry schema', () => {
  it("places records only on grids, with their grid's district, and derives the area path", async () => {
    const community = await t.areaId('510112005201');
    expect(
      await refusal(
        db
          .insertInto('courtyards')
          .values({ district_id: district, grid_id: community, name: '错位小区', kind: 'urban_compound' })
          .execute(),
      ),
    ).toBe('registry_on_grid');
    expect(
      await refusal(
        db
          .insertInto('courtyards')
          .values({ district_id: grid, grid_id: grid, name: '错区小区', kind: 'urban_compound' })
          .execute(),
      ),
    ).toBe('registry_district');
    const c = await db
      .insertInto('courtyards')
      .values({ district_id: district, grid_id: grid, name: '三盛都会城', kind: 'urban_compound' })
      .returningAll()
      .executeTakeFirstOrThrow();
    expect(c.area_path).toMatch(new RegExp(`/${grid}/$`));
    expect(c.district_id).toBe(await t.areaId('510112'));
  });

  it('lists dwellings as people read addresses: 2栋 before 10栋, 201 before 1201', async () => {
    const yard = await db
      .insertInto('courtyards')
      .values({ district_id: district, grid_id: grid, name: '排序小区', kind: 'urban_compound' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const b10 = await db
      .insertInto('buildings')
      .values({ district_id: district, courtyard_id: yard.id, label: '10栋' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const b2 = await db
      .insertInto('buildings')
      .values({ district_id: district, courtyard_id: yard.id, label: '2栋' })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [b, room] of [
      [b10.id, '201'],
      [b2.id, '1201'],
      [b2.id, '201'],
    ] as const) {
      await db
        .insertInto('dwellings')
        .values({ district_id: district, grid_id: grid, courtyard_id: yard.id, building_id: b, room })
        .execute();
    }
    const rows = await db
      .selectFrom('dwellings as d')
      .innerJoin('buildings as b', (j) =>
        j.onRef('b.district_id', '=', 'd.district_id').onRef('b.id', '=', 'd.building_id'),
      )
      .select(['b.label', 'd.room'])
      .where('d.district_id', '=', district)
      .where('d.courtyard_id', '=', yard.id)
      .orderBy('d.sort_key')
      .execute();
    expect(rows.map((r) => `${r.label} ${r.room}`)).toEqual(['2栋 201', '2栋 1201', '10栋 201']);
  });

  it('indexes 1- and 2-character name grams', async () => {
    const p = await db
      .insertInto('persons')
      .values({
        district_id: district,
        grid_id: grid,
        name: '鞠晓琴',
        doc_type: 'resident_id',
        doc_number: '510112199001011230',
      })
      .returning(['name_grams', 'phone_tail'])
      .executeTakeFirstOrThrow();
    expect([...p.name_grams].sort()).toEqual(['晓', '晓琴', '琴', '鞠', '鞠晓'].sort());
    const found = await db
      .selectFrom('persons')
      .select('name')
      .where('name_grams', '@>', sql<string[]>`ARRAY['晓琴']`)
      .execute();
    expect(found.map((r) => r.name)).toEqual(['鞠晓琴']);
  });

  it('keeps one record per document, one current household per person, one open occupancy per household', async () => {
    expect(
      await refusal(
        db
          .insertInto('persons')
          .values({
            district_id: district,
            grid_id: otherGrid,
            name: '重复',
            doc_type: 'resident_id',
            doc_number: '510112199001011230',
          })
          .execute(),
      ),
    ).toBe('persons_document');
    expect(
      await refusal(
        db
          .insertInto('persons')
          .values({
            district_id: district,
            grid_id: grid,
            name: '坏号',
            doc_type: 'resident_id',
            doc_number: '5101121990',
          })
          .execute(),
      ),
    ).toBe('persons_gb11643_shape');
    await expect(
      db
        .insertInto('persons')
        .values({
          district_id: district,
          grid_id: grid,
          name: '坏电话',
          doc_type: 'passport',
          doc_number: 'E1234567',
          phone: '12345678901',
        })
        .execute(),
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('keeps the counters equal to a recount through moves, rentals and retirements', async () => {
    const courtyard = await db
      .selectFrom('courtyards')
      .select(['id'])
      .where('district_id', '=', district)
      .where('name', '=', '三盛都会城')
      .executeTakeFirstOrThrow();
    const rural = await db
      .insertInto('courtyards')
      .values({ district_id: district, grid_id: otherGrid, name: '东华二组散居院落', kind: 'rural_scattered' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const b = await db
      .insertInto('buildings')
      .values({ district_id: district, courtyard_id: courtyard.id, label: '3栋' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const u = await db
      .insertInto('units')
      .values({ district_id: district, building_id: b.id, label: '2单元' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const dwell = async (courtyardId: string, g: string, room: string, withUnit = true) =>
      (
        await db
          .insertInto('dwellings')
          .values({
            district_id: district,
            grid_id: g,
            courtyard_id: courtyardId,
            building_id: withUnit ? b.id : null,
            unit_id: withUnit ? u.id : null,
            room,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const d1 = await dwell(courtyard.id, grid, '1201');
    const d2 = await dwell(courtyard.id, grid, '1202');
    const d3 = await dwell(rural.id, otherGrid, '3号', false);
    expect(await refusal(dwell(courtyard.id, grid, '1201'))).toBe('dwellings_address');
    const household = async () =>
      (
        await db
          .insertInto('households')
          .values({ district_id: district, grid_id: grid })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const h1 = await household();
    const h2 = await household();
    const occupy = async (h: string, d: string, g: string, c: string, type: 'owned' | 'rented', start: string) =>
      (
        await db
          .insertInto('occupancies')
          .values({
            district_id: district,
            household_id: h,
            dwelling_id: d,
            grid_id: g,
            courtyard_id: c,
            type,
            start_date: start,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const o1 = await occupy(h1, d1, grid, courtyard.id, 'owned', '2019-05-01');
    const o2 = await occupy(h2, d2, grid, courtyard.id, 'rented', '2020-01-10');
    expect(await refusal(occupy(h2, d1, grid, courtyard.id, 'rented', '2020-01-11'))).toBe('occupancies_current');
    expect(await counters()).toEqual(await recount());

    // The renting household moves out to the rural courtyard; history stays.
    await db
      .updateTable('occupancies')
      .set({ end_date: '2020-02-09' })
      .where('district_id', '=', district)
      .where('id', '=', o2)
      .execute();
    await occupy(h2, d3, otherGrid, rural.id, 'rented', '2020-02-10');
    await db
      .updateTable('occupancies')
      .set({ type: 'rented' })
      .where('district_id', '=', district)
      .where('id', '=', o1)
      .execute();
    await db
      .updateTable('dwellings')
      .set({ retired_at: new Date() })
      .where('district_id', '=', district)
      .where('id', '=', d2)
      .execute();
    await db
      .updateTable('courtyards')
      .set({ retired_at: new Date() })
      .where('district_id', '=', district)
      .where('id', '=', rural.id)
      .execute();
    const history = await db
      .selectFrom('occupancies')
      .select(['start_date', 'end_date'])
      .where('district_id', '=', district)
      .where('household_id', '=', h2)
      .orderBy('start_date')
      .execute();
    expect(history).toEqual([
      { start_date: '2020-01-10', end_date: '2020-02-09' },
      { start_date: '2020-02-10', end_date: null },
    ]);
    expect(await counters()).toEqual(await recount());
    const yard = await db
      .selectFrom('courtyard_counters')
      .select(['metric', 'value'])
      .where('district_id', '=', district)
      .where('courtyard_id', '=', courtyard.id)
      .execute();
    expect(Object.fromEntries(yard.map((r) => [r.metric, Number(r.value)]))).toMatchObject({
      'registry.dwellings': 1,
      'registry.households': 1,
      'registry.rentals': 1,
      'registry.vacant': 0,
    });
  });
});
