import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ErrorBody, testApp } from '../../../../../test/support/app.js';
import type { VersionListDto } from '../versions/index.js';
import type { BuildingDto, ContactDto, CourtyardDetailDto, CourtyardDto, CourtyardListDto, UnitDto } from './index.js';

const t = await testApp();
const grid = await t.as('demo-grid');
const ownGrid = await t.areaId('510112005201001');
const siblingGrid = await t.areaId('510112005201002');

describe('courtyards, buildings, units and dwellings', () => {
  it('registers a compound down to a dwelling, with versions and counters', async () => {
    const id = randomUUID();
    const created = await grid.post('/api/courtyards', {
      id,
      gridId: ownGrid,
      name: '三盛都会城',
      kind: 'urban_compound',
      address: '柏合街道东华村',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      id,
      grid: { name: '三盛都会城网格' },
      gateStatus: 'open',
      figures: { 'registry.dwellings': 0 },
    });
    expect(
      (
        await grid.post('/api/courtyards', { id, gridId: ownGrid, name: '三盛都会城', kind: 'urban_compound' })
      ).json<CourtyardDto>().id,
    ).toBe(id);

    const b = (await grid.post(`/api/courtyards/${id}/buildings`, { label: '3栋', floors: 32 })).json<BuildingDto>();
    const u = (await grid.post(`/api/buildings/${b.id}/units`, { label: '2单元' })).json<UnitDto>();
    const d = await grid.post('/api/dwellings', {
      courtyardId: id,
      buildingId: b.id,
      unitId: u.id,
      room: '1201',
      floor: 12,
      areaM2: 89.5,
    });
    expect(d.statusCode).toBe(201);
    expect(d.json()).toMatchObject({ room: '1201', areaM2: 89.5, use: 'residential' });
    const dup = await grid.post('/api/dwellings', { courtyardId: id, buildingId: b.id, unitId: u.id, room: '1201' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json<ErrorBody>().error.fields[0]).toMatchObject({ field: 'room', reason: 'conflict' });

    const detail = (await grid.get(`/api/courtyards/${id}`)).json<CourtyardDetailDto>();
    expect(detail.buildings).toEqual([{ id: b.id, label: '3栋', floors: 32, units: [{ id: u.id, label: '2单元' }] }]);
    expect(detail.figures).toMatchObject({ 'registry.dwellings': 1, 'registry.vacant': 1 });
    const { path: gridPath } = await t.db
      .selectFrom('areas')
      .select('path')
      .where('id', '=', ownGrid)
      .executeTakeFirstOrThrow();
    const versions = await t.db
      .selectFrom('record_versions')
      .select('record_type')
      .where('area_path', '=', gridPath)
      .orderBy('id')
      .execute();
    expect(versions.map((v) => v.record_type)).toEqual(['courtyard', 'building', 'unit', 'dwelling']);
  });

  it('lets only rural scattered courtyards hold dwellings directly, and keeps the chain consistent', async () => {
    const urban = (await grid.get('/api/courtyards')).json<CourtyardListDto>().items[0]!;
    const direct = await grid.post('/api/dwellings', { courtyardId: urban.id, room: '1号' });
    expect(direct.json<ErrorBody>().error.fields[0]).toMatchObject({
      field: 'buildingId',
      reason: 'building_required',
    });
    const rural = (
      await grid.post('/api/courtyards', { gridId: ownGrid, name: '东华一组散居院落', kind: 'rural_scattered' })
    ).json<CourtyardDto>();
    expect((await grid.post('/api/dwellings', { courtyardId: rural.id, room: '5号' })).statusCode).toBe(201);
    const b = (await grid.get(`/api/courtyards/${urban.id}`)).json<CourtyardDetailDto>().buildings[0]!;
    const wrong = await grid.post('/api/dwellings', { courtyardId: rural.id, buildingId: b.id, room: '6号' });
    expect(wrong.json<ErrorBody>().error.fields[0]).toMatchObject({ field: 'buildingId', reason: 'invalid' });
  });

  it('keeps the responsible people of a courtyard', async () => {
    const yard = (await grid.get(`/api/courtyards?q=${encodeURIComponent('三盛')}`)).json<CourtyardListDto>().items[0]!;
    const b = (await grid.get(`/api/courtyards/${yard.id}`)).json<CourtyardDetailDto>().buildings[0]!;
    const res = await grid.post(`/api/courtyards/${yard.id}/contacts`, {
      role: 'building_head',
      name: '王大爷',
      phone: '139 0000 1111',
      buildingId: b.id,
    });
    expect(res.json<ContactDto>()).toMatchObject({ role: 'building_head', phone: '13900001111', buildingId: b.id });
    expect(
      (
        await grid.post(`/api/courtyards/${yard.id}/contacts`, { role: 'grid_worker', name: '鞠晓琴', phone: '123' })
      ).json<ErrorBody>().error.fields[0],
    ).toMatchObject({ field: 'phone', reason: 'phone_format' });
    expect(
      (await grid.get(`/api/courtyards/${yard.id}`)).json<CourtyardDetailDto>().contacts.map((k) => k.name),
    ).toEqual(['王大爷']);
    // A 楼栋长 is a resident: street staff see the phone masked, like any resident's.
    const street = await t.as('demo-street');
    const seen = (await street.get(`/api/courtyards/${yard.id}`)).json<CourtyardDetailDto>().contacts[0]!;
    expect(seen.phone).not.toBe('13900001111');
    expect(seen.phone).toMatch(/^139\*+1111$/);
  });

  it('records gate status with dates and its history', async () => {
    const yard = (await grid.get(`/api/courtyards?q=${encodeURIComponent('三盛')}`)).json<CourtyardListDto>().items[0]!;
    const res = await grid.patch(`/api/courtyards/${yard.id}`, { gateStatus: 'closed', gateSince: '2020-01-28' });
    expect(res.json()).toMatchObject({ gateStatus: 'closed', gateSince: '2020-01-28' });
    const v = await t.db
      .selectFrom('record_versions')
      .select(['before', 'after'])
      .where('record_id', '=', yard.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(v).toEqual({
      before: { gate_status: 'open', gate_since: null },
      after: { gate_status: 'closed', gate_since: '2020-01-28' },
    });
    const history = (await grid.get(`/api/versions?type=courtyard&id=${yard.id}`)).json<VersionListDto>().items;
    expect(history.map((h) => `${h.actorUsername}:${h.channel}`)).toEqual(['demo-grid:staff', 'demo-grid:staff']);
    expect(history[1]?.after).toEqual({ gate_status: 'closed', gate_since: '2020-01-28' });
    const bad = await grid.patch(`/api/courtyards/${yard.id}`, { gateUntil: '2020-01-01' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json<ErrorBody>().error.fields[0]).toMatchObject({ field: 'gateUntil', reason: 'before_start' });
  });

  it("keeps another grid's courtyards out of sight", async () => {
    const { district_id } = await t.db
      .selectFrom('areas')
      .select('district_id')
      .where('id', '=', siblingGrid)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('courtyards')
      .values({ district_id, grid_id: siblingGrid, name: '邻格小区', kind: 'urban_compound' })
      .execute();
    const names = (await grid.get('/api/courtyards')).json<CourtyardListDto>().items.map((c) => c.name);
    expect(names).not.toContain('邻格小区');
    const other = await t.db
      .selectFrom('courtyards')
      .select('id')
      .where('name', '=', '邻格小区')
      .executeTakeFirstOrThrow();
    expect((await grid.get(`/api/courtyards/${other.id}`)).statusCode).toBe(404);
    expect((await grid.post('/api/dwellings', { courtyardId: other.id, room: '1' })).statusCode).toBe(404);
    expect(
      (await grid.post('/api/courtyards', { gridId: siblingGrid, name: '越界', kind: 'urban_compound' })).statusCode,
    ).toBe(404);
    const street = await t.as('demo-street');
    expect((await street.get('/api/courtyards')).json<CourtyardListDto>().items.map((c) => c.name)).toContain(
      '邻格小区',
    );
    expect(
      (await street.post('/api/courtyards', { gridId: ownGrid, name: '街道建', kind: 'urban_compound' })).statusCode,
    ).toBe(403);
  });
});
