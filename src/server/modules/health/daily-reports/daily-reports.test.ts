import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ErrorBody, testApp } from '../../../../../test/support/app.js';
import { placePerson, registerFamily } from '../../../../../test/support/health.js';
import { closeDay } from '../alerts/index.js';
import type { AreaFiguresDto, TrendDto } from '../figures/index.js';
import type { DraftDto, MissingListDto, ReportDto, ReportListDto } from './schemas.js';

const t = await testApp();
t.clock.set('2020-02-10T02:00:00Z'); // 10:00 in Chengdu
const grid = await t.as('demo-grid');
const community = await t.as('demo-community');
const street = await t.as('demo-street');
const commander = await t.as('demo-commander');
const ownGrid = await t.areaId('510112005201001');
const village = await t.areaId('510112005201'); // 东华村
const baihe = await t.areaId('510112005'); // 柏合街道

const family = await registerFamily(grid, ownGrid, ['郑一', '郑二']);
await placePerson(grid, family.members[0]!, { categories: [{ key: 'from_wuhan' }] });
await placePerson(grid, family.members[1]!, { categories: [{ key: 'local_visited_hubei' }] });
await grid.post('/api/checkins', {
  id: randomUUID(),
  personId: family.members[0],
  temperature: 37.6,
  symptoms: [],
  channel: 'staff_visit',
});

describe('daily zero reports', () => {
  it("derives the community's figures from the day's records", async () => {
    const draft = (await community.get(`/api/daily-reports/draft?communityId=${village}`)).json<DraftDto>();
    expect(draft).toMatchObject({ day: '2020-02-10', zero: false, report: null });
    expect(draft.counts).toEqual({
      under: {
        home_isolation: 1,
        home_medical_observation: 1,
        central_isolation: 0,
        designated_hospital: 0,
        health_monitoring: 0,
      },
      new: 2,
      released: 0,
      symptomatic: 1,
      transferred: 0,
    });
    // A grid worker does not file reports; a street cannot file for a village.
    expect((await grid.get(`/api/daily-reports/draft?communityId=${village}`)).statusCode).toBe(403);
  });

  it('files once per id, revises on a second filing, and shows streets who is missing', async () => {
    const missingBefore = (await street.get('/api/daily-reports/missing')).json<MissingListDto>();
    expect(missingBefore.items.map((m) => m.community.name)).toContain('东华村');
    expect(missingBefore.pastCutoff).toBe(false);

    const id = randomUUID();
    const filed = await community.post('/api/daily-reports', {
      id,
      communityId: village,
      day: '2020-02-10',
      notes: '一人发热，已安排就诊',
    });
    expect(filed.statusCode).toBe(201);
    expect(filed.json()).toMatchObject({ zero: false, late: false, revisions: 1, counts: { symptomatic: 1 } });
    const replay = await community.post('/api/daily-reports', {
      id,
      communityId: village,
      day: '2020-02-10',
      notes: '一人发热，已安排就诊',
    });
    expect(replay.statusCode).toBe(200);
    expect(replay.json<ReportDto>().revisions).toBe(1);

    // Figures moved since: the next filing revises the same report, audited with the changes.
    await grid.post('/api/checkins', {
      id: randomUUID(),
      personId: family.members[1],
      temperature: 38.0,
      symptoms: ['乏力'],
      channel: 'staff_call',
    });
    const revised = await community.post('/api/daily-reports', {
      id: randomUUID(),
      communityId: village,
      day: '2020-02-10',
    });
    expect(revised.json()).toMatchObject({
      id,
      revisions: 2,
      notes: '一人发热，已安排就诊',
      counts: { symptomatic: 2 },
    });
    const entry = await t.db
      .selectFrom('audit_log')
      .select('changes')
      .where('action', '=', 'daily_report.revise')
      .executeTakeFirstOrThrow();
    expect(entry.changes).toMatchObject({ symptomatic: [1, 2] });

    const missingAfter = (await street.get('/api/daily-reports/missing')).json<MissingListDto>();
    expect(missingAfter.items.map((m) => m.community.name)).not.toContain('东华村');
    expect((await street.get('/api/daily-reports')).json<ReportListDto>().items.map((r) => r.community.name)).toEqual([
      '东华村',
    ]);
  });

  it('needs a zero report on a nil day, and marks one filed after the cut-off late', async () => {
    const other = (await commander.get(`/api/daily-reports/missing?areaId=${baihe}`))
      .json<MissingListDto>()
      .items.find((m) => m.community.name !== '东华村');
    expect(other).toBeDefined();
    await t.travel('2020-02-10T10:30:00Z'); // 18:30, past the 18:00 cut-off
    const district = await t.as('demo-district');
    expect(
      (
        await district.post('/api/daily-reports', {
          id: randomUUID(),
          communityId: other!.community.id,
          day: '2020-02-10',
        })
      ).statusCode,
    ).toBe(403);
    // The village's staff file the zero report of a community they do not cover? No: 404 outside the scope.
    expect(
      (
        await community.post('/api/daily-reports', {
          id: randomUUID(),
          communityId: other!.community.id,
          day: '2020-02-10',
        })
      ).statusCode,
    ).toBe(404);
    // Yesterday, before anyone was placed, was a nil day: it still needs its (zero) report.
    expect(
      (await street.get('/api/daily-reports/missing?day=2020-02-09'))
        .json<MissingListDto>()
        .items.map((m) => m.community.name),
    ).toContain('东华村');
    const nil = await community.post('/api/daily-reports', {
      id: randomUUID(),
      communityId: village,
      day: '2020-02-09',
      notes: '无',
    });
    expect(nil.json()).toMatchObject({
      day: '2020-02-09',
      zero: true,
      late: true,
      counts: { under: { home_isolation: 0 }, new: 0, symptomatic: 0 },
    });
    expect(
      (await street.get('/api/daily-reports/missing?day=2020-02-09'))
        .json<MissingListDto>()
        .items.map((m) => m.community.name),
    ).not.toContain('东华村');
    expect(
      (
        await community.post('/api/daily-reports', { id: randomUUID(), communityId: village, day: '2020-02-07' })
      ).json<ErrorBody>().error.fields[0],
    ).toMatchObject({ field: 'day', reason: 'report_day_closed' });
  });
});

describe('command-center figures', () => {
  it('sums the leaf counters for a street and its children, today live', async () => {
    const today = (await street.get('/api/health-figures')).json<AreaFiguresDto>();
    expect(today).toMatchObject({ day: '2020-02-10', live: true, area: { name: '柏合街道' } });
    expect(today.figures).toMatchObject({
      under: 2,
      byMeasure: { home_isolation: 1, home_medical_observation: 1 },
      new: 2,
      symptomatic: 2,
      checkedIn: 2,
      notReported: 0,
    });
    const village1 = today.children.find((c) => c.name === '东华村')!;
    expect(village1.figures.under).toBe(2);
    expect(today.children.filter((c) => c.figures.under > 0)).toHaveLength(1);
    const drill = (await street.get(`/api/health-figures?areaId=${village}`)).json<AreaFiguresDto>();
    expect(drill.children.find((c) => c.id === ownGrid)!.figures.under).toBe(2);
    // Outside the street's scope: 404.
    const other = await t.db
      .selectFrom('areas')
      .select('id')
      .where('level', '=', 'street')
      .where('code', '<>', '510112005')
      .executeTakeFirstOrThrow();
    expect((await street.get(`/api/health-figures?areaId=${other.id}`)).statusCode).toBe(404);
  });

  it('keeps closed days as recounted, for a 30-day trend', async () => {
    await t.travel('2020-02-11T02:00:00Z');
    await closeDay(t.system(), '2020-02-09');
    await closeDay(t.system(), '2020-02-10');
    const trend = (await commander.get('/api/health-figures/trend?days=30')).json<TrendDto>();
    expect(trend.days).toHaveLength(30);
    expect(trend.days.at(-1)!.day).toBe('2020-02-11');
    const d10 = trend.days.find((d) => d.day === '2020-02-10')!;
    expect(d10).toMatchObject({ under: 2, new: 2, symptomatic: 2, checkedIn: 2, notReported: 0 });
    const d09 = trend.days.find((d) => d.day === '2020-02-09');
    expect(d09).toMatchObject({ under: 0, new: 0, notReported: 0 });
    // The village filed for both days; other communities of the district did not.
    const missing = await t.db
      .selectFrom('health_day_counters')
      .select('area_id')
      .where('metric', '=', 'health.reports_missing')
      .where('day', '=', '2020-02-10')
      .execute();
    expect(missing.map((m) => m.area_id)).not.toContain(village);
    expect(d10.reportsMissing).toBe(missing.length);
    // Today, before the cut-off, nobody counts as not reported yet.
    expect(trend.days.at(-1)).toMatchObject({ under: 2, notReported: 0 });
  });
});
