import { describe, expect, it } from 'vitest';
import { testApp } from '../../../../../test/support/app.js';
import type { AreaDto } from '../areas/index.js';
import type { DashboardDto } from './schemas.js';

const t = await testApp();

describe('command center figures', () => {
  it('sums leaf counters over the subtree and per child', async () => {
    const commander = await t.as('demo-commander');
    const d = (await commander.get('/api/dashboard')).json<DashboardDto>();
    expect(d.area.name).toBe('龙泉驿区');
    expect(d.figures).toMatchObject({ 'areas.street': 7, 'areas.community': 13, 'areas.grid': 39, 'users.active': 11 });
    const baihe = d.children.find((c) => c.name === '柏合街道')!;
    expect(baihe.figures).toMatchObject({
      'areas.street': 0,
      'areas.community': 3,
      'areas.grid': 9,
      'users.active': 5,
      'registry.persons': 0,
    });
    const donghua = (await commander.get(`/api/dashboard?areaId=${baihe.id}`))
      .json<DashboardDto>()
      .children.find((c) => c.name === '东华村')!;
    expect(donghua.figures).toMatchObject({
      'areas.street': 0,
      'areas.community': 0,
      'areas.grid': 3,
      'users.active': 3,
    });
  });

  it('drills down within scope only, and follows creates and retirements in the same transaction', async () => {
    const street = await t.as('demo-street');
    const donghua = await t.areaId('510112005201');
    const before = (await street.get(`/api/dashboard?areaId=${donghua}`)).json<DashboardDto>();
    expect(before.ancestors.map((a) => a.name)).toEqual(['柏合街道']);
    expect(before.figures['areas.grid']).toBe(3);
    const created = (
      await street.post('/api/areas', {
        parentId: donghua,
        code: '510112005201004',
        vintage: 2020,
        name: '东华四组网格',
      })
    ).json<AreaDto>();
    expect((await street.get(`/api/dashboard?areaId=${donghua}`)).json<DashboardDto>().figures['areas.grid']).toBe(4);
    await street.post(`/api/areas/${created.id}/retire`);
    expect((await street.get(`/api/dashboard?areaId=${donghua}`)).json<DashboardDto>().figures['areas.grid']).toBe(3);
    const luodai = await t.areaId('510112101');
    expect((await street.get(`/api/dashboard?areaId=${luodai}`)).statusCode).toBe(404);
  });
});
