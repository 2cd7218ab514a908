import { describe, expect, it } from 'vitest';
import { type ErrorBody, PASSWORD, testApp } from '../../../../../test/support/app.js';
import { recountRegistry, registryCounters } from '../../../../../test/support/recount.js';
import type { CreatedPersonDto, PersonDto, PersonListDto } from '../persons/index.js';
import type { VersionListDto } from '../versions/index.js';
import type { TransferDto, TransferListDto } from './index.js';

const t = await testApp();
const ownGrid = await t.areaId('510112005201001');
const luodaiGrid = await t.areaId('510112101001001');
const grid = await t.as('demo-grid');
const admin = await t.as('demo-admin');
await admin.post('/api/users', {
  username: 'luodai-grid',
  displayName: '洛带社区网格员',
  role: 'grid_worker',
  areaId: luodaiGrid,
  initialPassword: 'Initial-pass-01',
});
const first = await t.as('luodai-grid', 'Initial-pass-01');
await first.post('/api/me/password', { currentPassword: 'Initial-pass-01', newPassword: PASSWORD });
const luodai = await t.as('luodai-grid');
const district = await t.as('demo-district');
const street = await t.as('demo-street');

const ju = (
  await grid.post('/api/persons', {
    gridId: ownGrid,
    name: '鞠晓琴',
    docType: 'resident_id',
    docNumber: '510112198503074229',
  })
).json<CreatedPersonDto>();

describe('transfers between grids', () => {
  let transferId = '';

  it('lets a grid worker ask for a person registered elsewhere, learning nothing about them', async () => {
    const refused = await luodai.post('/api/persons', {
      gridId: luodaiGrid,
      name: '鞠晓琴',
      docType: 'resident_id',
      docNumber: '510112198503074229',
    });
    expect(refused.json<ErrorBody>().error.code).toBe('PERSON_REGISTERED_ELSEWHERE');
    const res = await luodai.post('/api/transfers', {
      docType: 'resident_id',
      docNumber: '510112198503074229',
      toGridId: luodaiGrid,
      reason: '已租住洛带社区',
    });
    expect(res.statusCode).toBe(201);
    transferId = res.json<TransferDto>().id;
    expect(res.json()).toMatchObject({ status: 'pending', person: null, fromGrid: null, toGrid: { name: '第一网格' } });
    expect(res.body).not.toContain('鞠');
    const again = await luodai.post('/api/transfers', {
      docType: 'resident_id',
      docNumber: '510112198503074229',
      toGridId: luodaiGrid,
      reason: '再次申请',
    });
    expect(again.json<ErrorBody>().error.fields[0]?.reason).toBe('transfer_pending');
  });

  it('is approved by staff of the common parent area only (here the district)', async () => {
    const row = await t.db
      .selectFrom('person_transfers')
      .select(['approver_area'])
      .where('id', '=', transferId)
      .executeTakeFirstOrThrow();
    expect(row.approver_area).toBe(await t.areaId('510112'));
    expect((await street.post(`/api/transfers/${transferId}/approve`, {})).statusCode).toBe(404);
    expect((await grid.post(`/api/transfers/${transferId}/approve`, {})).statusCode).toBe(403);
    const waiting = (await district.get('/api/transfers?status=pending')).json<TransferListDto>().items;
    expect(waiting).toHaveLength(1);
    expect(waiting[0]).toMatchObject({ fromGrid: { name: '三盛都会城网格' }, person: { name: '鞠*琴' } });
    const approved = await district.post(`/api/transfers/${transferId}/approve`, { note: '核实属实' });
    expect(approved.json<TransferDto>().status).toBe('approved');
    expect(
      (await district.post(`/api/transfers/${transferId}/reject`, {})).json<ErrorBody>().error.fields[0]?.reason,
    ).toBe('already_decided');
  });

  it('moves the person: the requester now sees them, the old grid no longer does', async () => {
    expect((await luodai.get(`/api/persons/${ju.id}`)).json<PersonDto>().name).toBe('鞠晓琴');
    expect((await grid.get(`/api/persons/${ju.id}`)).statusCode).toBe(404);
    const mine = (await luodai.get('/api/transfers')).json<TransferListDto>().items[0];
    expect(mine).toMatchObject({ status: 'approved', person: { name: '鞠晓琴' } });
    const counts = await t.db
      .selectFrom('area_counters')
      .select(['area_id', 'value'])
      .where('metric', '=', 'registry.persons')
      .execute();
    expect(Object.fromEntries(counts.map((r) => [r.area_id, Number(r.value)]))).toMatchObject({
      [ownGrid]: 0,
      [luodaiGrid]: 1,
    });
  });
});

describe('merging duplicate records', () => {
  it('folds a duplicate into the kept record, keeping its history and filling gaps', async () => {
    const keep = (
      await grid.post('/api/persons', {
        gridId: ownGrid,
        name: '张明',
        docType: 'resident_id',
        docNumber: '510112199001011230',
      })
    ).json<CreatedPersonDto>();
    const dup = (
      await grid.post('/api/persons', {
        gridId: ownGrid,
        name: '张明',
        docType: 'passport',
        docNumber: 'E99887766',
        phone: '13912345678',
        tags: ['党员'],
      })
    ).json<CreatedPersonDto>();
    const merged = await grid.post(`/api/persons/${keep.id}/merge`, {
      duplicateId: dup.id,
      reason: '同一人，护照与身份证重复登记',
    });
    expect(merged.json()).toMatchObject({ phone: '13912345678', tags: ['党员'] });
    expect((await grid.get(`/api/persons/${dup.id}`)).statusCode).toBe(404);
    expect((await grid.get(`/api/persons?q=${encodeURIComponent('张明')}`)).json<PersonListDto>().items).toHaveLength(
      1,
    );
    const dupVersions = (await grid.get(`/api/versions?type=person&id=${dup.id}`)).json<VersionListDto>().items;
    expect(dupVersions.at(-1)?.after).toMatchObject({ merged_into: keep.id });
    const row = await t.db
      .selectFrom('persons')
      .select('merged_into')
      .where('id', '=', dup.id)
      .executeTakeFirstOrThrow();
    expect(row.merged_into).toBe(keep.id);
    expect(await registryCounters(t.db)).toEqual(await recountRegistry(t.db));
  });
});
