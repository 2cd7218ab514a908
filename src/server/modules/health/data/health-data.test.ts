import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { type ErrorBody, testApp } from '../../../../../test/support/app.js';
import { placePerson, registerFamily } from '../../../../../test/support/health.js';
import { jobKinds } from '../../../jobs/kinds.js';
import { enqueueSystem } from '../../../jobs/queue.js';
import { JobRunner } from '../../../jobs/runner.js';
import type { TrendDto } from '../figures/index.js';
import type { DatasetListDto } from './schemas.js';

const t = await testApp();
t.clock.set('2020-02-01T02:00:00Z');
const grid = await t.as('demo-grid');
const admin = await t.as('demo-admin');
const district = await t.as('demo-district');
const ownGrid = await t.areaId('510112005201001');

// One person released on 02-15 after 14 days at home, one still under a measure.
const [released, stillUnder] = (await registerFamily(grid, ownGrid, ['冯一', '冯二'])).members as [string, string];
const m = await placePerson(grid, released, { categories: [{ key: 'from_wuhan' }] });
await grid.post('/api/checkins', {
  id: randomUUID(),
  personId: released,
  temperature: 36.5,
  symptoms: [],
  channel: 'staff_visit',
});
await grid.post('/api/nucleic-tests', {
  id: randomUUID(),
  personId: released,
  sampledAt: '2020-02-01T09:00:00+08:00',
  result: 'negative',
});
await t.travel('2020-02-15T02:00:00Z');
expect((await grid.post(`/api/measures/${m.id}/release`, { reason: '14天期满，无症状' })).statusCode).toBe(200);
await placePerson(grid, stillUnder, { categories: [{ key: 'from_hubei' }] });
await grid.post('/api/checkins', {
  id: randomUUID(),
  personId: stillUnder,
  temperature: 36.4,
  symptoms: [],
  channel: 'staff_call',
});

/** Runs the retention job as the queue would, on the current clock. */
async function purge() {
  await enqueueSystem(t.system(), {
    kind: 'health.retention',
    idempotencyKey: t.clock.now().toISOString(),
    maxAttempts: 1,
  });
  const runner = new JobRunner(t.platform, pino({ level: 'silent' }), jobKinds, {
    leaseMs: 60_000,
    backoffMs: 1_000,
  });
  while (await runner.tick());
}
const count = async (
  table: 'health_checkins' | 'nucleic_tests' | 'health_events' | 'health_profiles',
  personId: string,
) =>
  (
    await t.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('person_id', '=', personId)
      .executeTakeFirstOrThrow()
  ).n;

describe('health datasets', () => {
  it('shows admins each dataset with its legal basis, purpose and retention', async () => {
    const res = await admin.get('/api/health-data/datasets');
    expect(res.statusCode).toBe(200);
    expect(
      res.json<DatasetListDto>().items.map((d) => `${d.key}:${d.retentionDays}:${d.action}`),
    ).toEqual(['checkins:30:purge', 'tests:90:purge', 'measures:180:deidentify']);
    expect(res.json<DatasetListDto>().items[0]!.legalBasis).toMatch(/个人信息保护法/);
    expect((await grid.get('/api/health-data/datasets')).statusCode).toBe(403);
  });

  it('changes a retention only with a reason, audited before and after', async () => {
    expect(
      (await district.patch('/api/health-data/datasets/tests', { retentionDays: 60 })).json<ErrorBody>().error.fields[0],
    ).toMatchObject({ field: 'reason' });
    const res = await district.patch('/api/health-data/datasets/tests', {
      retentionDays: 60,
      reason: '依据市卫健委数据管理要求',
    });
    expect(res.json()).toMatchObject({ retentionDays: 60, updatedBy: 'demo-district' });
    const entry = await t.db
      .selectFrom('audit_log')
      .select(['details', 'changes'])
      .where('action', '=', 'health_data.retention')
      .executeTakeFirstOrThrow();
    expect(entry.changes).toMatchObject({ retentionDays: [90, 60] });
    expect(entry.details).toMatchObject({ reason: '依据市卫健委数据管理要求' });
  });
});

describe('the retention job', () => {
  it('keeps everything while the retention has not run out', async () => {
    await t.travel('2020-03-16T02:00:00Z'); // 30 days after the release: not yet past it
    await purge();
    expect(await count('health_checkins', released)).toBe('1');
  });

  it('purges check-ins 30 days after the last measure ended, and tests after 60, leaving those under a measure alone', async () => {
    await t.travel('2020-03-17T02:00:00Z');
    await purge();
    expect(await count('health_checkins', released)).toBe('0');
    expect(await count('nucleic_tests', released)).toBe('1');
    expect(await count('health_checkins', stillUnder)).toBe('1');
    const entry = await t.db
      .selectFrom('audit_log')
      .select(['actor_id', 'details'])
      .where('action', '=', 'health_data.purge')
      .where('resource_id', '=', 'checkins')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor_id: null,
      details: { persons: 1, rows: { checkins: 1 }, cutoff: '2020-02-16' },
    });
    await t.travel('2020-04-16T02:00:00Z');
    await purge();
    expect(await count('nucleic_tests', released)).toBe('0');
  });

  it('de-identifies measures after 180 days: the figures stay, the person and their timeline go', async () => {
    const before = (await district.get('/api/health-figures/trend?days=90')).json<TrendDto>();
    await t.travel('2020-08-14T02:00:00Z');
    await purge();
    expect(await count('health_profiles', released)).toBe('0');
    expect(await count('health_events', released)).toBe('0');
    const kept = await t.db
      .selectFrom('health_measures')
      .select(['person_id', 'measure', 'start_day'])
      .where('id', '=', m.id)
      .executeTakeFirstOrThrow();
    expect(kept).toEqual({ person_id: null, measure: 'home_isolation', start_day: '2020-02-01' });
    expect(await count('health_profiles', stillUnder)).toBe('1');
    // The person's health fields are gone: they are no longer a key person.
    expect((await grid.get(`/api/health-persons/${released}`)).json<ErrorBody>().error.code).toBe('NOT_A_KEY_PERSON');
    // The day counters do not depend on the person.
    const day = await t.db
      .selectFrom('health_day_counters')
      .select('value')
      .where('day', '=', '2020-02-15')
      .where('metric', '=', 'health.released')
      .executeTakeFirstOrThrow();
    expect(Number(day.value)).toBe(1);
    expect(before.days.length).toBe(90);
  });
});
