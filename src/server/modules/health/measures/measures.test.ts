import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ErrorBody, testApp } from '../../../../../test/support/app.js';
import { placePerson, registerFamily } from '../../../../../test/support/health.js';
import type { SiteDetailDto } from '../care-sites/index.js';
import type { ChecklistDto, PlaceResultDto, TimelineDto, WorkListDto } from './schemas.js';

const t = await testApp();
t.clock.set('2020-02-11T02:00:00Z'); // 10:00 on 2020-02-11 in Chengdu (clients sign in after)
const grid = await t.as('demo-grid');
const district = await t.as('demo-district');
const ownGrid = await t.areaId('510112005201001');
const secondGrid = await t.areaId('510112005201002');
const district510112 = await t.areaId('510112');

// Five people in the demo grid, one in the village's second grid.
const [a, b, c, d, e] = (await registerFamily(grid, ownGrid, ['甲一', '甲二', '甲三', '甲四', '甲五'])).members as [
  string,
  string,
  string,
  string,
  string,
];
const community = await t.as('demo-community');
const [elsewhere] = (await registerFamily(community, secondGrid, ['乙一'])).members as [string];

const site = (
  await district.post('/api/care-sites', {
    kind: 'isolation_site',
    name: '龙泉驿区集中隔离点（一）',
    address: '龙泉街道',
    areaId: district510112,
    rooms: [
      { label: '101', capacity: 1 },
      { label: '102', capacity: 2 },
    ],
  })
).json<SiteDetailDto>();
const room = (label: string) => site.rooms.find((r) => r.label === label)!.id;

describe('placing key persons by the rules in force', () => {
  it('plans each category with the rules of the placement day, and keeps past decisions when the rules change', async () => {
    const wuhan = await placePerson(grid, a, { categories: [{ key: 'from_wuhan' }] });
    expect(wuhan).toMatchObject({ measure: 'home_isolation', startDay: '2020-02-11', plannedEnd: '2020-02-25' });
    // 到过湖北的本地人员: home medical observation, 14 days, from the day before.
    expect(
      await placePerson(grid, b, { day: '2020-02-10', categories: [{ key: 'local_visited_hubei' }] }),
    ).toMatchObject({ measure: 'home_medical_observation', startDay: '2020-02-10', plannedEnd: '2020-02-24' });
    // 重点疫区抵蓉人员 only exists from 2020-02-15.
    const early = await grid.post(`/api/health-persons/${c}/placements`, {
      id: randomUUID(),
      categories: [{ key: 'from_key_areas' }],
    });
    expect(early.statusCode).toBe(400);
    expect(early.json<ErrorBody>().error.fields[0]).toMatchObject({
      field: 'categories.0.key',
      reason: 'category_not_in_force',
    });

    // From tomorrow, 来自武汉 means 21 days; a decision taken today stays as it was.
    expect(
      (
        await district.post('/api/health-rules', {
          appliesTo: 'from_wuhan',
          measure: 'home_isolation',
          days: 21,
          effectiveFrom: '2020-02-12',
          note: '依据市指挥部通知',
        })
      ).statusCode,
    ).toBe(201);
    await t.travel('2020-02-12T02:00:00Z');
    expect(await placePerson(grid, c, { categories: [{ key: 'from_wuhan' }] })).toMatchObject({
      measure: 'home_isolation',
      startDay: '2020-02-12',
      plannedEnd: '2020-03-04',
    });
    const timeline = (await grid.get(`/api/health-persons/${a}`)).json<TimelineDto>();
    expect(timeline.measures[0]).toMatchObject({ id: wuhan.id, plannedEnd: '2020-02-25' });
    // A placement dated before the new version uses the version then in force.
    await t.travel('2020-02-15T02:00:00Z');
    expect(await placePerson(grid, d, { day: '2020-02-11', categories: [{ key: 'from_wuhan' }] })).toMatchObject({
      plannedEnd: '2020-02-25',
    });
    expect(await placePerson(grid, e, { categories: [{ key: 'from_key_areas' }] })).toMatchObject({
      measure: 'home_medical_observation',
      plannedEnd: '2020-02-29',
    });
  });

  it('takes the strictest measure and the longest period when several categories apply', async () => {
    const [p] = (await registerFamily(grid, ownGrid, ['丙一'])).members as [string];
    // 到过湖北 (observation, 14 d from 02-15) and a close contact whose last contact was 02-13
    // (central isolation, 14 d from the contact → 02-27): central isolation until 02-29.
    const res = await grid.post(`/api/health-persons/${p}/placements`, {
      id: randomUUID(),
      categories: [{ key: 'local_visited_hubei' }, { key: 'close_contact', lastContact: '2020-02-13' }],
      siteId: site.id,
      roomId: room('101'),
    });
    expect(res.statusCode).toBe(201);
    expect(res.json<PlaceResultDto>().measure).toMatchObject({
      measure: 'central_isolation',
      plannedEnd: '2020-02-29',
      room: { label: '101' },
      release: { negativeTests: 2, hoursApart: 24 },
    });
    expect(res.json<PlaceResultDto>().profile.categories.sort()).toEqual(['close_contact', 'local_visited_hubei']);
    // Room 101 takes one person.
    const [q] = (await registerFamily(grid, ownGrid, ['丙二'])).members as [string];
    const full = await grid.post(`/api/health-persons/${q}/placements`, {
      id: randomUUID(),
      status: 'close_contact',
      lastContact: '2020-02-14',
      siteId: site.id,
      roomId: room('101'),
    });
    expect(full.json<ErrorBody>().error.code).toBe('ISOLATION_ROOM_FULL');
    // Central isolation needs a room: the form says which field.
    const noRoom = await grid.post(`/api/health-persons/${q}/placements`, {
      id: randomUUID(),
      status: 'close_contact',
      lastContact: '2020-02-14',
    });
    expect(
      noRoom.json<ErrorBody>().error.fields.map((f: { field: string; reason: string }) => `${f.field}:${f.reason}`),
    ).toEqual(['siteId:required_for_measure', 'roomId:required_for_measure']);
  });

  it('counts a close contact from the last contact, and moves the end when a later contact is found', async () => {
    const [p] = (await registerFamily(grid, ownGrid, ['丁一'])).members as [string];
    const m = await placePerson(grid, p, {
      status: 'close_contact',
      lastContact: '2020-02-09',
      siteId: site.id,
      roomId: room('102'),
    });
    expect(m).toMatchObject({ measure: 'central_isolation', startDay: '2020-02-15', plannedEnd: '2020-02-23' });
    const occupancy = (await grid.get(`/api/care-sites/${site.id}`)).json<SiteDetailDto>();
    expect(occupancy.rooms.find((r) => r.label === '102')).toMatchObject({ occupied: 1, free: 1 });
  });

  it('refuses a second measure while one is active, and replays the same placement id', async () => {
    const id = randomUUID();
    const [p] = (await registerFamily(grid, ownGrid, ['戊一'])).members as [string];
    const first = await grid.post(`/api/health-persons/${p}/placements`, { id, categories: [{ key: 'from_hubei' }] });
    const again = await grid.post(`/api/health-persons/${p}/placements`, { id, categories: [{ key: 'from_hubei' }] });
    expect(again.statusCode).toBe(201);
    expect(again.json<PlaceResultDto>().measure).toEqual(first.json<PlaceResultDto>().measure);
    const second = await grid.post(`/api/health-persons/${p}/placements`, {
      id: randomUUID(),
      categories: [{ key: 'from_wuhan' }],
    });
    expect(second.json<ErrorBody>().error.code).toBe('MEASURE_ACTIVE');
  });
});

describe('deciding on a measure', () => {
  it('releases only when the period is complete, symptom-free and the tests are in', async () => {
    await t.travel('2020-02-15T02:00:00Z');
    const [p] = (await registerFamily(grid, ownGrid, ['己一'])).members as [string];
    // Suspected: central isolation until two negative tests at least 24 h apart.
    const m = await placePerson(grid, p, { status: 'suspected', siteId: site.id, roomId: room('102') });
    expect(m).toMatchObject({
      measure: 'central_isolation',
      plannedEnd: null,
      release: { negativeTests: 2, hoursApart: 24 },
    });
    const blocked = await grid.post(`/api/measures/${m.id}/release`, { reason: '核酸检测阴性' });
    expect(blocked.statusCode).toBe(409);
    expect(blocked.json<ErrorBody>().error).toMatchObject({ code: 'RELEASE_BLOCKED' });
    expect(blocked.json<ErrorBody>().error.fields.map((f: { reason: string }) => f.reason)).toEqual(['tests_missing']);

    const test1 = {
      id: randomUUID(),
      personId: p,
      sampledAt: '2020-02-15T09:00:00+08:00',
      result: 'pending',
      lab: '区疾控中心',
    };
    expect((await grid.post('/api/nucleic-tests', test1)).statusCode).toBe(201);
    expect((await grid.post(`/api/nucleic-tests/${test1.id}/result`, { result: 'negative' })).json()).toMatchObject({
      result: 'negative',
    });
    expect(
      (await grid.post(`/api/nucleic-tests/${test1.id}/result`, { result: 'positive' })).json<ErrorBody>().error
        .fields[0],
    ).toMatchObject({ field: 'result', reason: 'final' });
    // A second negative forty minutes later does not count as the second one.
    await grid.post('/api/nucleic-tests', {
      id: randomUUID(),
      personId: p,
      sampledAt: '2020-02-15T09:40:00+08:00',
      result: 'negative',
    });
    expect((await grid.get(`/api/measures/${m.id}/checklist`)).json()).toMatchObject({
      blockers: ['tests_missing'],
      negativeTests: 2,
    });
    await t.travel('2020-02-16T03:00:00Z');
    await grid.post('/api/nucleic-tests', {
      id: randomUUID(),
      personId: p,
      sampledAt: '2020-02-16T10:00:00+08:00',
      result: 'negative',
    });
    expect((await grid.get(`/api/measures/${m.id}/checklist`)).json<ChecklistDto>().blockers).toEqual([]);
    // A reason is required, and the release is audited.
    expect((await grid.post(`/api/measures/${m.id}/release`, {})).json<ErrorBody>().error.fields[0]).toMatchObject({
      field: 'reason',
    });
    const released = await grid.post(`/api/measures/${m.id}/release`, { reason: '两次核酸阴性，解除隔离' });
    expect(released.json()).toMatchObject({ actualEnd: '2020-02-16', endReason: 'released' });
    expect(
      (await grid.post(`/api/measures/${m.id}/release`, { reason: '再次解除' })).json<ErrorBody>().error.code,
    ).toBe('MEASURE_ENDED');
    const entry = await t.db
      .selectFrom('audit_log')
      .select(['actor_username', 'details'])
      .where('action', '=', 'health.release')
      .where('resource_id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_username: 'demo-grid', details: { reason: '两次核酸阴性，解除隔离' } });
  });

  it('keeps a recent fever between the person and release', async () => {
    await t.travel('2020-02-26T02:00:00Z');
    const list = (await grid.get('/api/measures?list=overdue')).json<WorkListDto>();
    const overdue = list.items.find((i) => i.personId === a)!;
    expect(overdue).toMatchObject({ plannedEnd: '2020-02-25', checklist: { blockers: [] } });
    const fever = await grid.post('/api/checkins', {
      id: randomUUID(),
      personId: a,
      temperature: 37.8,
      symptoms: ['干咳'],
      channel: 'staff_visit',
    });
    expect(fever.json()).toMatchObject({ state: 'symptomatic', amended: false });
    const blocked = await grid.post(`/api/measures/${overdue.measureId}/release`, { reason: '期满解除' });
    expect(blocked.json<ErrorBody>().error.fields.map((f: { reason: string }) => f.reason)).toEqual([
      'recent_symptoms',
    ]);
  });

  it('extends and changes a measure with a reason, keeping the history', async () => {
    const timeline = (await grid.get(`/api/health-persons/${c}`)).json<TimelineDto>();
    const m = timeline.measures[0]!;
    expect(
      (await grid.post(`/api/measures/${m.id}/extend`, { plannedEnd: '2020-03-01', reason: '提前' })).json<ErrorBody>()
        .error.fields[0],
    ).toMatchObject({ field: 'plannedEnd', reason: 'not_later' });
    expect(
      (
        await grid.post(`/api/measures/${m.id}/extend`, { plannedEnd: '2020-03-08', reason: '同住人员发热，延长观察' })
      ).json(),
    ).toMatchObject({ plannedEnd: '2020-03-08' });
    const changed = await grid.post(`/api/measures/${m.id}/change`, {
      id: randomUUID(),
      measure: 'central_isolation',
      siteId: site.id,
      roomId: room('102'),
      reason: '居家条件不具备，转集中隔离',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      measure: 'central_isolation',
      startDay: '2020-02-26',
      plannedEnd: '2020-03-08',
      previousId: m.id,
    });
    const after = (await grid.get(`/api/health-persons/${c}`)).json<TimelineDto>();
    expect(after.measures.map((x) => `${x.measure}:${x.endReason}`)).toEqual([
      'central_isolation:null',
      'home_isolation:changed',
    ]);
    expect(after.events.map((x) => x.kind)).toEqual(
      expect.arrayContaining(['measure_started', 'measure_extended', 'measure_changed']),
    );
  });
});

describe('who sees health data', () => {
  it('answers 404 outside the scope and forbids roles without health access', async () => {
    expect((await grid.get(`/api/health-persons/${elsewhere}`)).statusCode).toBe(404);
    expect(
      (
        await grid.post(`/api/health-persons/${elsewhere}/placements`, {
          id: randomUUID(),
          categories: [{ key: 'from_wuhan' }],
        })
      ).statusCode,
    ).toBe(404);
    const admin = await t.as('demo-admin');
    expect((await admin.get(`/api/health-persons/${a}`)).statusCode).toBe(403);
    expect((await admin.get('/api/measures?list=under')).statusCode).toBe(403);
    const street = await t.as('demo-street');
    expect(
      (
        await street.post(`/api/health-persons/${a}/placements`, {
          id: randomUUID(),
          categories: [{ key: 'from_wuhan' }],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('says a person without category, status or measure is not a key person', async () => {
    const [p] = (await registerFamily(grid, ownGrid, ['庚一'])).members as [string];
    const res = await grid.get(`/api/health-persons/${p}`);
    expect(res.json<ErrorBody>().error.code).toBe('NOT_A_KEY_PERSON');
    expect(
      await t.db.selectFrom('health_profiles').select('person_id').where('person_id', '=', p).executeTakeFirst(),
    ).toBeUndefined();
  });

  it('masks names in lists for street staff, and audits every opening of a timeline', async () => {
    const street = await t.as('demo-street');
    const list = (await street.get('/api/measures?list=under')).json<WorkListDto>();
    const row = list.items.find((i) => i.personId === a)!;
    expect(row.name).toBe('甲*');
    expect(row.docNumber).toMatch(/^5101\*+\d{3}[\dX]$/);
    expect(row.phone).toMatch(/^138\*{4}\d{4}$/);
    const own = (await grid.get('/api/measures?list=under')).json<WorkListDto>().items.find((i) => i.personId === a)!;
    expect(own.name).toBe('甲一');
    const before = await t.db
      .selectFrom('audit_log')
      .select('id')
      .where('action', '=', 'health.timeline_opened')
      .where('resource_id', '=', a)
      .execute();
    await street.get(`/api/health-persons/${a}`);
    const after = await t.db
      .selectFrom('audit_log')
      .select(['actor_username'])
      .where('action', '=', 'health.timeline_opened')
      .where('resource_id', '=', a)
      .execute();
    expect(after.length).toBe(before.length + 1);
    expect(after.map((r) => r.actor_username)).toContain('demo-street');
  });

  it('pages the work list with a cursor', async () => {
    const first = (await grid.get('/api/measures?list=under&limit=2')).json<WorkListDto>();
    expect(first.items).toHaveLength(2);
    const second = (
      await grid.get(`/api/measures?list=under&limit=2&after=${encodeURIComponent(first.nextCursor!)}`)
    ).json<WorkListDto>();
    const ids = [...first.items, ...second.items].map((i) => i.measureId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
