import { describe, expect, it } from 'vitest';
import { type ErrorBody, testApp } from '../../../../../test/support/app.js';
import { notifyAreasChanged } from '../../../kernel/area-directory.js';
import type { AreaDetailDto, AreaDto, AreaListDto } from './schemas.js';

const t = await testApp();
const street = await t.as('demo-street');
const grid = await t.as('demo-grid');

/** Another process renaming an area: it writes the row and notifies in one transaction. */
const renameElsewhere = (id: string, name: string) =>
  t.db.transaction().execute(async (tx) => {
    await tx.updateTable('areas').set({ name }).where('id', '=', id).execute();
    await notifyAreasChanged(tx);
  });

describe('area scope', () => {
  it('shows a street user its whole subtree and nothing beside it', async () => {
    const list = (await street.get('/api/areas')).json<AreaListDto>();
    expect(list.scopeRoot.name).toBe('柏合街道');
    expect(list.items.map((a) => a.name)).toEqual(['柏合社区', '东华村', '长松村']);
    const donghua = list.items.find((a) => a.name === '东华村')!;
    expect(donghua.kind).toBe('village');
    const grids = (await street.get(`/api/areas?parentId=${donghua.id}`)).json<AreaListDto>().items;
    expect(grids).toHaveLength(3);
    const found = (await street.get(`/api/areas?q=${encodeURIComponent('网格')}&limit=500`)).json<AreaListDto>().items;
    expect(found).toHaveLength(9);
    const luodai = await t.areaId('510112101');
    expect((await street.get(`/api/areas/${luodai}`)).statusCode).toBe(404);
    expect((await street.get(`/api/areas?parentId=${luodai}`)).statusCode).toBe(404);
    expect((await street.get(`/api/areas?q=${encodeURIComponent('洛带')}`)).json<AreaListDto>().items).toEqual([]);
  });

  it('hides a sibling grid from a grid worker (404), and shows its own', async () => {
    const own = await t.areaId('510112005201001');
    const sibling = await t.areaId('510112005201002');
    expect((await grid.get(`/api/areas/${own}`)).json<AreaDetailDto>().name).toBe('三盛都会城网格');
    const res = await grid.get(`/api/areas/${sibling}`);
    expect(res.statusCode).toBe(404);
    expect(res.json<ErrorBody>().error.code).toBe('NOT_FOUND');
    const parent = await t.areaId('510112005201');
    expect((await grid.get(`/api/areas/${parent}`)).statusCode).toBe(404);
  });

  it('gives ancestors only down from the actor scope', async () => {
    const g = await t.areaId('510112005201001');
    const detail = (await street.get(`/api/areas/${g}`)).json<AreaDetailDto>();
    expect(detail.ancestors.map((a) => a.name)).toEqual(['柏合街道', '东华村']);
    expect(detail.statCode).toBeNull();
  });

  it('paginates children by keyset', async () => {
    const admin = await t.as('demo-admin');
    const first = (await admin.get('/api/areas?limit=3')).json<AreaListDto>();
    expect(first.items).toHaveLength(3);
    const second = (await admin.get(`/api/areas?limit=3&after=${first.nextCursor}`)).json<AreaListDto>();
    expect(second.items[0]!.code > first.items[2]!.code).toBe(true);
    const all = (await admin.get('/api/areas?limit=100')).json<AreaListDto>().items;
    expect([...first.items, ...second.items].map((a) => a.code)).toEqual(all.slice(0, 6).map((a) => a.code));
  });
});

describe('creating, renaming and retiring areas', () => {
  it('creates a village under the street with its 12-digit code, and audits it in the same transaction', async () => {
    const parentId = await t.areaId('510112005');
    const res = await street.post('/api/areas', { parentId, code: '510112005203', vintage: 2020, name: '新华村' });
    expect(res.statusCode).toBe(201);
    const created = res.json<AreaDto>();
    expect(created).toMatchObject({ level: 'community', kind: 'village', statCode: '510112005203' });
    expect(created.path).toMatch(/^\/1\/\d+\/\d+\/$/);
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'area.create')
      .where('resource_id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(audit.actor_username).toBe('demo-street');
    expect(audit.changes).toMatchObject({ name: [null, '新华村'] });
  });

  it('explains each bad field of a new area', async () => {
    const parentId = await t.areaId('510112005');
    const res = await street.post('/api/areas', { parentId, code: '510112006001', vintage: 1900, name: '错村' });
    expect(res.statusCode).toBe(400);
    const fields = res.json<ErrorBody>().error.fields.map((f) => `${f.field}:${f.reason}`);
    expect(fields).toEqual(['code:parent_prefix', 'vintage:vintage_range']);
  });

  it('refuses a code already used in the same vintage', async () => {
    const parentId = await t.areaId('510112005');
    const res = await street.post('/api/areas', { parentId, code: '510112005201', vintage: 2020, name: '重复' });
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorBody>().error.code).toBe('AREA_CODE_TAKEN');
  });

  it('refuses to create outside the scope, and forbids a grid worker to create at all', async () => {
    const luodai = await t.areaId('510112101');
    expect(
      (await street.post('/api/areas', { parentId: luodai, code: '510112101202', vintage: 2020, name: '外村' }))
        .statusCode,
    ).toBe(404);
    const own = await t.areaId('510112005201001');
    const res = await grid.post('/api/areas', { parentId: own, code: '510112005201001001', vintage: 2020, name: 'x' });
    expect(res.statusCode).toBe(403);
    expect(res.json<ErrorBody>().error.code).toBe('FORBIDDEN');
  });

  it('renames an area and records before and after', async () => {
    const id = await t.areaId('510112005202');
    const res = await street.patch(`/api/areas/${id}`, { name: '长松社区' });
    expect(res.json<AreaDto>().name).toBe('长松社区');
    const audit = await t.db
      .selectFrom('audit_log')
      .select('changes')
      .where('action', '=', 'area.update')
      .where('resource_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(audit.changes).toEqual({ name: ['长松村', '长松社区'] });
  });

  it('retires bottom-up and never hard-deletes an area that has data', async () => {
    const village = await t.areaId('510112005202');
    expect((await street.post(`/api/areas/${village}/retire`)).json<ErrorBody>().error.code).toBe(
      'AREA_HAS_ACTIVE_CHILDREN',
    );
    expect((await street.delete(`/api/areas/${village}`)).json<ErrorBody>().error.code).toBe('AREA_HAS_DATA');
    const gridIds = (await street.get(`/api/areas?parentId=${village}`)).json<AreaListDto>().items.map((g) => g.id);
    for (const g of gridIds) expect((await street.post(`/api/areas/${g}/retire`)).statusCode).toBe(200);
    const retired = await street.post(`/api/areas/${village}/retire`);
    expect(retired.json<AreaDto>().retiredAt).not.toBeNull();
    expect((await street.get('/api/areas')).json<AreaListDto>().items.map((a) => a.name)).not.toContain('长松社区');
    expect((await street.get('/api/areas?includeRetired=true')).json<AreaListDto>().items.map((a) => a.name)).toContain(
      '长松社区',
    );
    expect((await street.delete(`/api/areas/${village}`)).statusCode).toBe(409);
    expect(await t.db.selectFrom('areas').select('id').where('id', '=', village).executeTakeFirst()).toBeDefined();
  });

  it('refuses to retire an area whose accounts are still active', async () => {
    const admin = await t.as('demo-admin');
    const own = await t.areaId('510112005201001');
    const res = await admin.post(`/api/areas/${own}/retire`);
    expect(res.json<ErrorBody>().error.code).toBe('AREA_HAS_ACTIVE_USERS');
  });

  it('deletes an empty area created by mistake', async () => {
    const parentId = await t.areaId('510112005201');
    const created = (
      await street.post('/api/areas', { parentId, code: '510112005201009', vintage: 2020, name: '误建网格' })
    ).json<AreaDto>();
    expect((await street.delete(`/api/areas/${created.id}`)).statusCode).toBe(204);
    expect((await street.get(`/api/areas/${created.id}`)).statusCode).toBe(404);
  });
});

describe('the in-memory area directory', () => {
  it('reflects a change committed by another process once its notification arrives', async () => {
    const id = await t.areaId('510112005001');
    await renameElsewhere(id, '柏合社区（改）');
    let name = '';
    // Well under the directory's 2 s fallback TTL: only the notification can make this pass.
    for (let i = 0; i < 40 && name !== '柏合社区（改）'; i++) {
      name = (await street.get(`/api/areas/${id}`)).json<AreaDetailDto>().name;
      if (name !== '柏合社区（改）') await new Promise((r) => setTimeout(r, 20));
    }
    expect(name).toBe('柏合社区（改）');
  });

  it('reloads on a connection of its own: writes that need the tree never wait on the pool they hold', async () => {
    // A change makes the tree stale; then more writes than the test pool has connections
    // (5) ask for it at once, each holding its transaction's connection (a code's DTO
    // names its place from the tree). Reloading from that pool hung them all.
    const village = await t.areaId('510112005201');
    await renameElsewhere(village, '东华村（新名）');
    await new Promise((r) => setTimeout(r, 100));
    const gridId = await t.areaId('510112005201001');
    const answers = await Promise.all(
      Array.from({ length: 8 }, () =>
        street.post('/api/reg-codes', {
          areaId: gridId,
          purpose: 'resident',
          responsibleName: '李网格',
          responsiblePhone: '13800138000',
          expiresOn: '2020-03-31',
        }),
      ),
    );
    expect(answers.map((r) => r.statusCode)).toEqual(Array(8).fill(201));
    expect(answers.map((r) => r.json<{ placeName: string }>().placeName)).toEqual(
      Array(8).fill('柏合街道 东华村（新名） 三盛都会城网格'),
    );
    await renameElsewhere(village, '东华村');
  }, 20_000);

  it('reads its own write at once', async () => {
    const parentId = await t.areaId('510112005201');
    const created = (
      await street.post('/api/areas', { parentId, code: '510112005201007', vintage: 2020, name: '即时网格' })
    ).json<AreaDto>();
    const children = (await street.get(`/api/areas?parentId=${parentId}`)).json<AreaListDto>().items.map((a) => a.id);
    expect(children).toContain(created.id);
    await street.patch(`/api/areas/${created.id}`, { name: '即时网格二' });
    expect((await street.get(`/api/areas/${created.id}`)).json<AreaDetailDto>().name).toBe('即时网格二');
  });
});
