import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { type ErrorBody, testApp } from '../../../../../test/support/app.js';
import { placePerson, registerFamily } from '../../../../../test/support/health.js';
import { enqueueSchedules, jobKinds } from '../../../jobs/kinds.js';
import { JobRunner } from '../../../jobs/runner.js';
import type { WorkListDto } from '../measures/index.js';
import type { InboxDto } from './schemas.js';

const t = await testApp();
t.clock.set('2020-02-10T02:00:00Z'); // 10:00 in Chengdu
const grid = await t.as('demo-grid');
const doctor = await t.as('demo-doctor');
const community = await t.as('demo-community');
const street = await t.as('demo-street');
const ownGrid = await t.areaId('510112005201001');

const family = await registerFamily(grid, ownGrid, ['周大福', '周二福']);
const [reporter, silent] = family.members as [string, string];
for (const p of family.members) await placePerson(grid, p, { categories: [{ key: 'from_hubei' }] });

/** What the platform does: the hourly schedule, then every job that is due now. */
async function runDue() {
  await enqueueSchedules(t.system());
  const runner = new JobRunner(t.platform, pino({ level: 'silent' }), jobKinds, {
    leaseMs: 60_000,
    backoffMs: 1_000,
  });
  for (let i = 0; i < 500 && (await runner.tick()); i++);
}

const inbox = async (c: typeof grid, state = 'open') => (await c.get(`/api/alerts?state=${state}`)).json<InboxDto>();
const notReported = (list: InboxDto) => list.items.filter((a) => a.kind === 'not_reported').map((a) => a.person?.id);

describe('non-reporting at the cut-off', () => {
  it('raises nothing before 14:00, then an alert for each person without a check-in', async () => {
    await grid.post('/api/checkins', {
      id: randomUUID(),
      personId: reporter,
      temperature: 36.6,
      symptoms: [],
      channel: 'staff_call',
    });
    await t.travel('2020-02-10T05:59:00Z'); // 13:59
    await runDue();
    expect(notReported(await inbox(grid))).toEqual([]);
    const before = (await grid.get('/api/measures?list=not_checked_in')).json<WorkListDto>();
    expect(before.items.map((i) => `${i.personId === silent}:${i.dayState}`)).toEqual(['true:null']);

    await t.travel('2020-02-10T06:00:30Z'); // 14:00:30
    await runDue();
    expect(notReported(await inbox(grid))).toEqual([silent]);
    expect(notReported(await inbox(doctor))).toEqual([silent]);
    expect(notReported(await inbox(community))).toEqual([]);
    const after = (await grid.get('/api/measures?list=not_checked_in')).json<WorkListDto>();
    expect(after.items.map((i) => i.dayState)).toEqual(['not_reported']);
    // Running the cut-off again raises nothing twice.
    await runDue();
    expect(notReported(await inbox(grid))).toHaveLength(1);
  });

  it('escalates an unhandled alert to the community after two hours and to the street after six', async () => {
    await t.travel('2020-02-10T07:59:00Z'); // 15:59: not yet
    await runDue();
    expect(notReported(await inbox(community))).toEqual([]);
    await t.travel('2020-02-10T08:06:00Z'); // 16:06
    await runDue();
    expect(notReported(await inbox(community))).toEqual([silent]);
    expect((await inbox(community)).items.find((a) => a.kind === 'not_reported')!.level).toBe(1);
    // 16:00 is also when communities that have not filed their daily report are reminded.
    expect((await inbox(community)).items.filter((a) => a.kind === 'report_missing').map((a) => a.area.name)).toEqual([
      '东华村',
    ]);
    expect(notReported(await inbox(street))).toEqual([]);
    await t.travel('2020-02-10T12:06:00Z'); // 20:06
    await runDue();
    expect(notReported(await inbox(street))).toEqual([silent]);
    // Street staff see the person masked.
    expect((await inbox(street)).items.find((a) => a.kind === 'not_reported')!.person!.name).toBe('周*福');
    expect((await inbox(grid)).items.find((a) => a.kind === 'not_reported')!.person!.name).toBe('周二福');
  });

  it('stops escalating once handled, with a note, for every recipient', async () => {
    await t.travel('2020-02-11T01:00:00Z'); // 09:00 the next day
    await runDue();
    const alert = (await inbox(grid)).items.find((a) => a.kind === 'not_reported' && a.day === '2020-02-10')!;
    expect((await grid.post(`/api/alerts/${alert.id}/acknowledge`)).json()).toMatchObject({ state: 'acknowledged' });
    const noNote = await grid.post(`/api/alerts/${alert.id}/handle`, { note: '' });
    expect(noNote.json<ErrorBody>().error.fields[0]).toMatchObject({ field: 'note' });
    expect(
      (await grid.post(`/api/alerts/${alert.id}/handle`, { note: '已电话联系，手机没电，今日已补报' })).json(),
    ).toMatchObject({ state: 'handled' });
    expect(notReported(await inbox(street))).toEqual([]);
    const handled = (await street.get('/api/alerts?state=handled')).json<InboxDto>().items[0];
    expect(handled).toMatchObject({
      state: 'handled',
      note: '已电话联系，手机没电，今日已补报',
      handledBy: '三盛都会城网格员（演示）',
    });
    expect(
      (await doctor.post(`/api/alerts/${alert.id}/handle`, { note: '再次处理' })).json<ErrorBody>().error.code,
    ).toBe('ALERT_HANDLED');
    // Someone who never received it cannot touch it.
    const otherStreet = await t.as('demo-district');
    expect((await otherStreet.post(`/api/alerts/${alert.id}/acknowledge`)).json<ErrorBody>().error.code).toBe(
      'NOT_ALERT_RECIPIENT',
    );
  });

  it('tells the grid worker in the morning whose period ends today or tomorrow, and who is overdue', async () => {
    // 来自湖北 placed 02-10: planned end 02-24.
    await t.travel('2020-02-23T00:30:00Z'); // 08:30 on 02-23
    await runDue();
    const ending = (await inbox(grid)).items.filter((a) => a.kind === 'period_ending');
    expect(ending.map((a) => a.person!.id).sort()).toEqual([...family.members].sort());
    expect(ending[0]!.details).toMatchObject({ plannedEnd: '2020-02-24' });
    const list = (await grid.get('/api/measures?list=ending')).json<WorkListDto>();
    expect(list.items).toHaveLength(2);
    expect(list.items[0]!.checklist!.blockers).toContain('period_not_complete');
    await t.travel('2020-02-25T00:30:00Z');
    await runDue();
    expect((await inbox(grid)).items.filter((a) => a.kind === 'overdue_release')).toHaveLength(2);
  });
});
