import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ErrorBody, testApp } from '../../../../../test/support/app.js';
import { recountRegistry, registryCounters } from '../../../../../test/support/recount.js';
import type { PersonListDto } from '../persons/index.js';
import type { BuildingDto, CourtyardDto, DwellingDto, DwellingListDto, UnitDto } from '../places/index.js';
import type {
  CourtyardHouseholdsDto,
  DwellingHistoryDto,
  HouseholdDto,
  PersonHouseholdsDto,
  RentalsChangedDto,
} from './index.js';

const t = await testApp();
t.clock.set('2020-02-10T02:00:00Z'); // 10:00 in Chengdu
const grid = await t.as('demo-grid');
const ownGrid = await t.areaId('510112005201001');

// A compound with two dwellings in the grid worker's grid, and one in the village's second grid.
const yard = (
  await grid.post('/api/courtyards', { gridId: ownGrid, name: '三盛都会城', kind: 'urban_compound' })
).json<CourtyardDto>();
const b3 = (await grid.post(`/api/courtyards/${yard.id}/buildings`, { label: '3栋' })).json<BuildingDto>();
const u2 = (await grid.post(`/api/buildings/${b3.id}/units`, { label: '2单元' })).json<UnitDto>();
const d1201 = (
  await grid.post('/api/dwellings', { courtyardId: yard.id, buildingId: b3.id, unitId: u2.id, room: '1201' })
).json<DwellingDto>();
const d1202 = (
  await grid.post('/api/dwellings', { courtyardId: yard.id, buildingId: b3.id, unitId: u2.id, room: '1202' })
).json<DwellingDto>();
const community = await t.as('demo-community');
const secondGrid = await t.areaId('510112005201002');
const rural = (
  await community.post('/api/courtyards', { gridId: secondGrid, name: '东华二组散居院落', kind: 'rural_scattered' })
).json<CourtyardDto>();
const d5 = (await community.post('/api/dwellings', { courtyardId: rural.id, room: '5号' })).json<DwellingDto>();

const family = [
  {
    relationship: 'head',
    person: { name: '贺兰芷', docType: 'resident_id', docNumber: '510112198503074229', phone: '13800138000', tags: [] },
  },
  { relationship: 'spouse', person: { name: '贺兰朔', docType: 'resident_id', docNumber: '510112199001011230' } },
  { relationship: 'child', person: { name: '贺兰筠', docType: 'resident_id', docNumber: '51011220000229002X' } },
];

async function recount() {
  const rows = await t.db
    .selectFrom('area_counters')
    .select(['metric', 'value'])
    .where('area_id', '=', ownGrid)
    .where('metric', 'like', 'registry.%')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.metric, Number(r.value)]));
}

describe('households and occupancy', () => {
  let householdId = '';

  it('registers a household of three in a dwelling in one request', async () => {
    const id = randomUUID();
    const res = await grid.post('/api/households', {
      id,
      dwellingId: d1201.id,
      occupancyType: 'rented',
      startDate: '2020-02-10',
      members: family,
    });
    expect(res.statusCode).toBe(201);
    const h = res.json<HouseholdDto>();
    householdId = h.id;
    expect(h.id).toBe(id);
    expect(h.current).toMatchObject({
      type: 'rented',
      startDate: '2020-02-10',
      endDate: null,
      address: { text: '三盛都会城 3栋 2单元 1201', masked: false },
    });
    expect(h.members.map((m) => `${m.relationship}:${m.person.name}`)).toEqual([
      'head:贺兰芷',
      'spouse:贺兰朔',
      'child:贺兰筠',
    ]);
    expect(
      (
        await grid.post('/api/households', {
          id,
          dwellingId: d1201.id,
          occupancyType: 'rented',
          startDate: '2020-02-10',
          members: family,
        })
      ).json<HouseholdDto>().id,
    ).toBe(id);
    expect(await recount()).toMatchObject({
      'registry.households': 1,
      'registry.rentals': 1,
      'registry.persons': 3,
      'registry.dwellings': 2,
      'registry.vacant': 1,
    });
  });

  it("pages a courtyard's dwellings and households", async () => {
    const first = (await grid.get(`/api/courtyards/${yard.id}/dwellings?limit=1`)).json<DwellingListDto>();
    const second = (
      await grid.get(`/api/courtyards/${yard.id}/dwellings?limit=1&after=${first.nextCursor}`)
    ).json<DwellingListDto>();
    expect([...first.items, ...second.items].map((d) => d.room)).toEqual(['1201', '1202']);
    expect(second.nextCursor).toBeNull();
    const living = (
      await grid.get(`/api/courtyards/${yard.id}/households?buildingId=${b3.id}`)
    ).json<CourtyardHouseholdsDto>();
    expect(living.items).toHaveLength(1);
    expect(living.items[0]?.members.map((m) => m.person.name)).toEqual(['贺兰芷', '贺兰朔', '贺兰筠']);
  });

  it('finds the persons living at an address', async () => {
    const at = (q: string) =>
      grid.get(`/api/persons?by=address&q=${encodeURIComponent(q)}`).then((r) => r.json<PersonListDto>());
    const found = await at('三盛 3栋 1201');
    expect(found.matchedBy).toBe('address');
    expect(found.items.map((p) => p.name).sort()).toEqual(['贺兰朔', '贺兰筠', '贺兰芷'].sort());
    expect((await at('三盛 1202')).items).toEqual([]);
  });

  it('names the member and field that is wrong, and needs exactly one head', async () => {
    const bad = await grid.post('/api/households', {
      dwellingId: d1202.id,
      occupancyType: 'owned',
      startDate: '2020-02-10',
      members: [
        { relationship: 'head', person: { name: '甲', docType: 'resident_id', docNumber: '510112199001011231' } },
      ],
    });
    expect(bad.json<ErrorBody>().error.fields[0]).toMatchObject({
      field: 'members.0.person.docNumber',
      reason: 'checksum',
    });
    const noHead = await grid.post('/api/households', {
      dwellingId: d1202.id,
      occupancyType: 'owned',
      startDate: '2020-02-10',
      members: [family[1]],
    });
    expect(noHead.json<ErrorBody>().error.fields[0]).toMatchObject({ field: 'members', reason: 'one_head' });
    expect(await t.db.selectFrom('households').select('id').execute()).toHaveLength(1);
  });

  it('lists rentals that changed today in the grid', async () => {
    const today = (await grid.get(`/api/rentals-changed?gridId=${ownGrid}`)).json<RentalsChangedDto>();
    expect(today.day).toBe('2020-02-10');
    expect(today.movedIn).toHaveLength(1);
    expect(today.movedOut).toEqual([]);
  });

  it('keeps occupancy history through a move, and moves the persons to the new grid', async () => {
    const moved = (
      await community.post(`/api/households/${householdId}/move-in`, {
        dwellingId: d5.id,
        occupancyType: 'lodging',
        startDate: '2020-03-01',
      })
    ).json<HouseholdDto>();
    expect(moved.occupancies.map((o) => [o.type, o.startDate, o.endDate])).toEqual([
      ['lodging', '2020-03-01', null],
      ['rented', '2020-02-10', '2020-02-29'],
    ]);
    expect(moved.grid.name).toBe('东华二组网格');
    expect(await recount()).toMatchObject({
      'registry.households': 0,
      'registry.rentals': 0,
      'registry.persons': 0,
      'registry.vacant': 2,
    });
    // Gone from the grid worker's scope; the community still sees the whole story.
    expect((await grid.get(`/api/households/${householdId}`)).statusCode).toBe(404);
    const history = (await community.get(`/api/dwellings/${d1201.id}`)).json<DwellingHistoryDto>();
    expect(history.occupancies).toMatchObject([{ type: 'rented', startDate: '2020-02-10', endDate: '2020-02-29' }]);
    expect(history.address).toEqual({ courtyardId: yard.id, text: '三盛都会城 3栋 **', masked: true });
    const person = moved.members[0]!.person.id;
    const stays = (await community.get(`/api/persons/${person}/households`)).json<PersonHouseholdsDto>().items[0];
    expect(stays?.occupancies).toHaveLength(2);
  });

  it('records a member leaving and the household moving out, never deleting', async () => {
    const h = (await community.get(`/api/households/${householdId}`)).json<HouseholdDto>();
    const child = h.members.find((m) => m.relationship === 'child')!;
    const after = (
      await community.post(`/api/households/${householdId}/members/${child.id}/leave`, { endDate: '2020-03-05' })
    ).json<HouseholdDto>();
    expect(after.members.map((m) => `${m.relationship}:${m.endDate}`)).toEqual([
      'head:null',
      'spouse:null',
      'child:2020-03-05',
    ]);
    const out = (
      await community.post(`/api/households/${householdId}/move-out`, { endDate: '2020-03-10' })
    ).json<HouseholdDto>();
    expect(out.current).toBeNull();
    expect(out.occupancies).toHaveLength(2);
    const versions = await t.db
      .selectFrom('record_versions')
      .select(['record_type'])
      .where('record_type', '=', 'occupancy')
      .execute();
    expect(versions.length).toBe(4);
    expect(await registryCounters(t.db)).toEqual(await recountRegistry(t.db));
  });
});
