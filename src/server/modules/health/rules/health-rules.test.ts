import { describe, expect, it } from 'vitest';
import { type ErrorBody, testApp } from '../../../../../test/support/app.js';
import type { InForceDto, RuleDto } from './schemas.js';

const t = await testApp();
t.clock.set('2020-02-10T02:00:00Z'); // 10:00 in Chengdu
const district = await t.as('demo-district');
const grid = await t.as('demo-grid');

describe('exposure categories and measure rules as data', () => {
  it('serves the 2020 defaults in force on a day', async () => {
    const before = (await grid.get('/api/health-rules?day=2020-02-14')).json<InForceDto>();
    expect(before.categories.map((c: { key: string }) => c.key)).not.toContain('from_key_areas');
    const after = (await grid.get('/api/health-rules?day=2020-02-15')).json<InForceDto>();
    expect(after.categories.map((c: { label: string }) => c.label)).toContain('重点疫区抵蓉人员');
    expect(after.rules.find((r: { appliesTo: string }) => r.appliesTo === 'from_wuhan')).toMatchObject({
      measure: 'home_isolation',
      days: 14,
      effectiveFrom: '2020-01-23',
    });
  });

  it('adds a new version from today on, never for the past, and keeps the history', async () => {
    const past = await district.post('/api/health-rules', {
      appliesTo: 'from_wuhan',
      measure: 'home_isolation',
      days: 21,
      effectiveFrom: '2020-02-01',
      note: '追溯修改规则',
    });
    expect(past.json<ErrorBody>().error.fields[0]).toMatchObject({ field: 'effectiveFrom', reason: 'no_retroactive' });
    const unknown = await district.post('/api/health-rules', {
      appliesTo: 'from_mars',
      measure: 'home_isolation',
      days: 21,
      effectiveFrom: '2020-02-12',
      note: '新的人员类别',
    });
    expect(unknown.json<ErrorBody>().error.fields[0]).toMatchObject({ field: 'appliesTo', reason: 'unknown' });
    expect(
      (
        await grid.post('/api/health-rules', {
          appliesTo: 'from_wuhan',
          measure: 'home_isolation',
          days: 21,
          effectiveFrom: '2020-02-12',
          note: '依据通知',
        })
      ).statusCode,
    ).toBe(403);
    const res = await district.post('/api/health-rules', {
      appliesTo: 'from_wuhan',
      measure: 'home_isolation',
      days: 21,
      effectiveFrom: '2020-02-12',
      note: '依据市指挥部2月11日通知',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ days: 21, createdBy: 'demo-district' });
    const history = (await grid.get('/api/health-rules/history?appliesTo=from_wuhan')).json<{ items: RuleDto[] }>()
      .items;
    expect(history.map((r: { days: number; effectiveFrom: string }) => `${r.effectiveFrom}:${r.days}`)).toEqual([
      '2020-01-23:14',
      '2020-02-12:21',
    ]);
    const entry = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'health_rules.create')
      .executeTakeFirstOrThrow();
    expect(entry.details).toMatchObject({ appliesTo: 'from_wuhan', days: 21, note: '依据市指挥部2月11日通知' });
  });

  it('plans with the rules in force on the placement day', async () => {
    const old = (
      await grid.post('/api/health-rules/preview', { day: '2020-02-11', categories: ['from_wuhan'] })
    ).json();
    expect(old).toMatchObject({ measure: 'home_isolation', plannedEnd: '2020-02-25' });
    const current = (
      await grid.post('/api/health-rules/preview', { day: '2020-02-12', categories: ['from_wuhan'] })
    ).json();
    expect(current).toMatchObject({ plannedEnd: '2020-03-04' });
    const contact = (
      await grid.post('/api/health-rules/preview', {
        day: '2020-02-12',
        categories: ['local_visited_hubei'],
        status: 'close_contact',
        lastContact: '2020-02-09',
      })
    ).json();
    // Close contact: 14 days after the last contact (02-23); 到过湖北: 14 days from placement (02-26). The longest wins.
    expect(contact).toMatchObject({
      measure: 'central_isolation',
      plannedEnd: '2020-02-26',
      release: { negativeTests: 2, hoursApart: 24 },
    });
    expect((await grid.post('/api/health-rules/preview', { day: '2020-02-12', categories: [] })).json()).toBeNull();
  });

  it('adds and ends exposure categories from today on, never in the past', async () => {
    const body = { key: 'from_wenzhou', label: '来自温州', from: '2020-02-12', note: '依据省指挥部通知' };
    expect((await grid.post('/api/health-rules/categories', body)).statusCode).toBe(403);
    expect(
      (await district.post('/api/health-rules/categories', { ...body, from: '2020-02-01' })).json<ErrorBody>().error
        .fields[0],
    ).toMatchObject({ field: 'from', reason: 'no_retroactive' });
    expect((await district.post('/api/health-rules/categories', body)).json()).toEqual({
      key: 'from_wenzhou',
      label: '来自温州',
      from: '2020-02-12',
      until: null,
    });
    expect((await district.post('/api/health-rules/categories', body)).json<ErrorBody>().error.fields[0]).toMatchObject(
      {
        field: 'key',
        reason: 'conflict',
      },
    );
    expect(
      (await grid.get('/api/health-rules?day=2020-02-11'))
        .json<InForceDto>()
        .categories.map((c: { key: string }) => c.key),
    ).not.toContain('from_wenzhou');
    expect(
      (await grid.get('/api/health-rules?day=2020-02-12'))
        .json<InForceDto>()
        .categories.map((c: { key: string }) => c.key),
    ).toContain('from_wenzhou');
    const ended = await district.post('/api/health-rules/categories/from_wenzhou/end', {
      until: '2020-03-01',
      note: '温州疫情平稳',
    });
    expect(ended.json()).toMatchObject({ until: '2020-03-01' });
    expect(
      (await grid.get('/api/health-rules?day=2020-03-01'))
        .json<InForceDto>()
        .categories.map((c: { key: string }) => c.key),
    ).not.toContain('from_wenzhou');
    const entry = await t.db
      .selectFrom('audit_log')
      .select('changes')
      .where('action', '=', 'health_rules.category_end')
      .executeTakeFirstOrThrow();
    expect(entry.changes).toEqual({ until: [null, '2020-03-01'] });
  });
});
