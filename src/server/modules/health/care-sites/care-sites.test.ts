import { describe, expect, it } from 'vitest';
import { type ErrorBody, testApp } from '../../../../../test/support/app.js';
import { placePerson, registerFamily } from '../../../../../test/support/health.js';
import type { SiteDetailDto, SiteListDto } from './schemas.js';

const t = await testApp();
t.clock.set('2020-02-10T02:00:00Z');
const district = await t.as('demo-district');
const grid = await t.as('demo-grid');
const street = await t.as('demo-street');
const wholeDistrict = await t.areaId('510112');
const ownGrid = await t.areaId('510112005201001');

describe('isolation sites and designated hospitals', () => {
  let siteId = '';
  let rooms: SiteDetailDto['rooms'] = [];

  it('creates a site with rooms and a hospital with beds; only district staff manage them', async () => {
    const body = {
      kind: 'isolation_site',
      name: '区集中隔离点（驿都酒店）',
      address: '龙泉驿区驿都大道',
      areaId: wholeDistrict,
      rooms: [
        { label: '201', capacity: 1 },
        { label: '202', capacity: 2 },
      ],
    };
    expect((await street.post('/api/care-sites', body)).statusCode).toBe(403);
    const dup = await district.post('/api/care-sites', {
      ...body,
      rooms: [
        { label: '201', capacity: 1 },
        { label: '201', capacity: 2 },
      ],
    });
    expect(dup.json<ErrorBody>().error.fields[0]).toMatchObject({ field: 'rooms.1.label', reason: 'duplicate_label' });
    const res = await district.post('/api/care-sites', body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'isolation_site', capacity: 3, occupied: 0, free: 3 });
    siteId = res.json<SiteDetailDto>().id;
    rooms = res.json<SiteDetailDto>().rooms;
    expect(
      (
        await district.post('/api/care-sites', {
          kind: 'hospital',
          name: '成都市公共卫生临床医疗中心',
          areaId: wholeDistrict,
          beds: 2,
        })
      ).statusCode,
    ).toBe(201);
    // Everyone in the district who works with key persons sees them, with occupancy.
    const seen = (await grid.get('/api/care-sites')).json<SiteListDto>().items.map((s) => `${s.kind}:${s.name}`);
    expect(seen).toEqual(['hospital:成都市公共卫生临床医疗中心', 'isolation_site:区集中隔离点（驿都酒店）']);
  });

  it('shows occupancy, and refuses a capacity below it or retiring an occupied site', async () => {
    const [p, q] = (await registerFamily(grid, ownGrid, ['褚一', '褚二'])).members as [string, string];
    const room202 = rooms.find((r) => r.label === '202')!.id;
    await placePerson(grid, p, { status: 'close_contact', lastContact: '2020-02-08', siteId, roomId: room202 });
    const site = (await grid.get(`/api/care-sites/${siteId}`)).json<SiteDetailDto>();
    expect(site).toMatchObject({ occupied: 1, free: 2 });
    expect(site.rooms.find((r) => r.label === '202')).toMatchObject({
      capacity: 2,
      occupied: 1,
      free: 1,
    });
    await placePerson(grid, q, { status: 'close_contact', lastContact: '2020-02-08', siteId, roomId: room202 });

    const below = await district.patch(`/api/care-sites/${siteId}`, { rooms: [{ id: room202, capacity: 1 }] });
    expect(below.json<ErrorBody>().error).toMatchObject({
      code: 'CAPACITY_BELOW_OCCUPANCY',
      fields: [{ field: 'rooms.0.capacity', reason: 'below_occupancy' }],
    });
    expect(
      (
        await district.patch(`/api/care-sites/${siteId}`, {
          name: '区集中隔离点（一）',
          rooms: [{ id: room202, label: '202A' }],
        })
      ).json(),
    ).toMatchObject({ name: '区集中隔离点（一）' });
    expect((await district.post(`/api/care-sites/${siteId}/retire`)).json<ErrorBody>().error.code).toBe(
      'CARE_SITE_OCCUPIED',
    );
    // Rooms can be added later.
    expect(
      (await district.post(`/api/care-sites/${siteId}/rooms`, { rooms: [{ label: '203', capacity: 2 }] })).json(),
    ).toMatchObject({ capacity: 5, occupied: 2, free: 3 });
  });

  it('names a bed at a hospital, and no bed twice', async () => {
    const hospital = (await grid.get('/api/care-sites?kind=hospital')).json<SiteListDto>().items[0]!;
    const [a, b] = (await registerFamily(grid, ownGrid, ['卫一', '卫二'])).members as [string, string];
    expect(await placePerson(grid, a, { status: 'confirmed', siteId: hospital.id, bed: '3-12' })).toMatchObject({
      measure: 'designated_hospital',
      plannedEnd: null,
    });
    const twice = await grid.post(`/api/health-persons/${b}/placements`, {
      id: crypto.randomUUID(),
      status: 'confirmed',
      siteId: hospital.id,
      bed: '3-12',
    });
    expect(twice.json<ErrorBody>().error.code).toBe('BED_TAKEN');
    expect((await grid.get(`/api/care-sites/${hospital.id}`)).json()).toMatchObject({ capacity: 2, occupied: 1 });
  });
});
