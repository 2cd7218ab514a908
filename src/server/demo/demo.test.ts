/** The demo data obeys the registry's own rules and looks like a real district. */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { checkDocument } from '../../domain/id-number.js';
import { testApp } from '../../../test/support/app.js';
import { recountRegistry, registryCounters } from '../../../test/support/recount.js';
import { loadRegistryWithCopy } from './copy.js';
import { seedRegistry } from './registry.js';

const t = await testApp();
const seeded = await seedRegistry(t.db, { persons: 1500 });

describe('demo registry', () => {
  it('gives every person a valid identity number, unique in the district', async () => {
    const rows = await t.db.selectFrom('persons').select(['doc_type', 'doc_number', 'birth_date', 'gender']).execute();
    expect(rows.length).toBe(seeded.persons);
    for (const p of rows) {
      const check = checkDocument(p.doc_type, p.doc_number, '2020-02-10');
      expect(check).toMatchObject({ ok: true, birthDate: p.birth_date, gender: p.gender });
    }
    expect(new Set(rows.map((p) => p.doc_number)).size).toBe(rows.length);
  });

  it('has about 2.6 persons a household and about 20% rentals', () => {
    const perHousehold = seeded.persons / seeded.households;
    expect(perHousehold).toBeGreaterThan(2.3);
    expect(perHousehold).toBeLessThan(3.0);
    return t.db
      .selectFrom('occupancies')
      .select([sql<number>`avg((type = 'rented')::int)::float`.as('share')])
      .executeTakeFirstOrThrow()
      .then(({ share }) => {
        expect(share).toBeGreaterThan(0.13);
        expect(share).toBeLessThan(0.27);
      });
  });

  it('keeps counters equal to a recount, and one head per household', async () => {
    const counted = await t.db
      .selectFrom('area_counters')
      .select([sql<string>`sum(value)`.as('n')])
      .where('metric', '=', 'registry.persons')
      .executeTakeFirstOrThrow();
    expect(Number(counted.n)).toBe(seeded.persons);
    const { rows } = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM households h WHERE (SELECT count(*) FROM household_members m
      WHERE m.district_id = h.district_id AND m.household_id = h.id AND m.relationship = 'head') <> 1`.execute(t.db);
    expect(rows[0]!.n).toBe(0);
  });
});

describe('district-scale demo with COPY', () => {
  it('loads a registry with valid numbers and counters equal to a recount', async () => {
    const fresh = await testApp();
    const out = await loadRegistryWithCopy(fresh.db, fresh.url, { persons: 800, seed: 7 });
    expect(out.persons).toBeGreaterThan(700);
    const rows = await fresh.db.selectFrom('persons').select(['doc_type', 'doc_number']).execute();
    expect(rows).toHaveLength(out.persons);
    for (const p of rows) expect(checkDocument(p.doc_type, p.doc_number, '2020-02-10').ok).toBe(true);
    expect(await registryCounters(fresh.db)).toEqual(await recountRegistry(fresh.db));
    // The counter triggers are back on after the load.
    const yard = await fresh.db.selectFrom('courtyards').select(['district_id', 'grid_id']).executeTakeFirstOrThrow();
    await fresh.db
      .insertInto('courtyards')
      .values({ district_id: yard.district_id, grid_id: yard.grid_id, name: '新增小区', kind: 'urban_compound' })
      .execute();
    expect(await registryCounters(fresh.db)).toEqual(await recountRegistry(fresh.db));
  });

  it('recounts to exactly what the triggers kept', async () => {
    const before = await registryCounters(t.db);
    const districts = await t.db.selectFrom('areas').select('id').where('level', '=', 'district').execute();
    for (const d of districts) await sql`SELECT rebuild_registry_counters(${d.id})`.execute(t.db);
    expect(await registryCounters(t.db)).toEqual(before);
  });
});
