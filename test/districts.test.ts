/**
 * Two districts in one database (issue 12, item 2): what a district configures is its
 * own (categories, rule versions, the datasets' retention, applied by the job to its
 * own persons only), a document is unique per district, the only cross-district
 * answer is "known in another district" to those who may ask for a transfer, and no
 * audit entry, match or transfer crosses. The route-by-route matrix with the same
 * second district is test/authorization.test.ts.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { shanghaiDay } from '../src/domain/clock.js';
import { jobKinds } from '../src/server/jobs/kinds.js';
import { enqueueSystem } from '../src/server/jobs/queue.js';
import { JobRunner } from '../src/server/jobs/runner.js';
import { type Client, testApp } from './support/app.js';
import { idNumber, placePerson, registerFamily } from './support/health.js';
import { buildYard, createCode, familyForm, submitFamily } from './support/self-registration.js';
import { account, secondDistrict } from './support/worlds.js';

const t = await testApp();
t.clock.set('2020-02-01T02:00:00Z');
const today = () => shanghaiDay(t.clock.now());

let xAreas: Awaited<ReturnType<typeof secondDistrict>>['areas'];
/** Signed in afresh by each test (a test may travel past the others' sessions). */
const as = (name: string) => t.as(name);
let released: { one: string; two: string; measures: [string, string] };

beforeAll(async () => {
  const x = await secondDistrict(t);
  xAreas = x.areas;
  const xGrid = (await account(t, x.admin, 'xd-grid', 'grid_worker', xAreas.grid)).client;
  await account(t, x.admin, 'xd-community', 'community_staff', xAreas.community);
  const grid = await as('demo-grid');
  // One person under 14 days of home isolation in each district, with a check-in.
  const one = (await registerFamily(grid, await t.areaId('510112005201001'), ['区一'])).members[0]!;
  const two = (await registerFamily(xGrid, xAreas.grid, ['区二'])).members[0]!;
  const measures: string[] = [];
  for (const [c, person] of [
    [grid, one],
    [xGrid, two],
  ] as const) {
    measures.push((await placePerson(c, person, { categories: [{ key: 'from_hubei' }] })).id);
    const checkin = await c.post('/api/checkins', {
      id: randomUUID(),
      personId: person,
      temperature: 36.5,
      symptoms: [],
      channel: 'staff_visit',
    });
    expect(checkin.statusCode).toBe(200);
  }
  released = { one, two, measures: measures as [string, string] };
}, 120_000);

async function runJobs() {
  const runner = new JobRunner(t.platform, pino({ level: 'silent' }), jobKinds, { leaseMs: 60_000, backoffMs: 1_000 });
  while (await runner.tick());
}

describe('what a district configures', () => {
  it('a bootstrapped district starts with its own copy of the categories, rules and datasets', async () => {
    const [district, xDistrict] = [await as('demo-district'), await as('xd-district')];
    type Rules = { categories: { key: string }[]; rules: { id: string; appliesTo: string }[] };
    const mine = (await district.get('/api/health-rules')).json<Rules>();
    const theirs = (await xDistrict.get('/api/health-rules')).json<Rules>();
    expect(theirs.categories.map((k) => k.key)).toEqual(mine.categories.map((k) => k.key));
    expect(theirs.rules.map((r) => r.appliesTo)).toEqual(mine.rules.map((r) => r.appliesTo));
    const ids = new Set(mine.rules.map((r) => r.id));
    expect(theirs.rules.filter((r) => ids.has(r.id))).toEqual([]);
    const datasets = (await xDistrict.get('/api/health-data/datasets')).json<{ items: { key: string }[] }>();
    expect(datasets.items.map((d) => d.key)).toEqual(['checkins', 'tests', 'measures']);
  });

  it("a category ended by one district stays in force in the other's list", async () => {
    const [district, xDistrict] = [await as('demo-district'), await as('xd-district')];
    const ended = await xDistrict.post('/api/health-rules/categories/local_visited_hubei/end', {
      until: today(),
      note: '本区不再单列',
    });
    expect(ended.statusCode).toBe(200);
    const mine = (await district.get('/api/health-rules')).json<{
      categories: { key: string; until: string | null }[];
    }>();
    expect(mine.categories.find((k) => k.key === 'local_visited_hubei')).toMatchObject({ until: null });
    const theirs = (await xDistrict.get('/api/health-rules')).json<{ categories: { key: string }[] }>();
    expect(theirs.categories.map((k) => k.key)).not.toContain('local_visited_hubei');
  });

  it("a rule version added by one district is not in the other's history, and the same version may be added there", async () => {
    const [district, xDistrict] = [await as('demo-district'), await as('xd-district')];
    const version = {
      appliesTo: 'from_abroad',
      measure: 'central_isolation',
      days: 21,
      fromLastContact: false,
      negativeTests: 2,
      hoursApart: 24,
      symptomFreeDays: 3,
      effectiveFrom: '2020-12-31',
      note: '本区加严',
    };
    expect((await xDistrict.post('/api/health-rules', version)).statusCode).toBe(201);
    const history = async (c: Client) =>
      (await c.get('/api/health-rules/history?appliesTo=from_abroad')).json<{ items: { effectiveFrom: string }[] }>()
        .items;
    expect((await history(xDistrict)).map((r) => r.effectiveFrom)).toContain('2020-12-31');
    expect((await history(district)).map((r) => r.effectiveFrom)).not.toContain('2020-12-31');
    expect((await district.post('/api/health-rules', { ...version, note: '本区同样加严' })).statusCode).toBe(201);
  });

  it("a retention changed by one district leaves the other's, and the job applies each its own", async () => {
    const [district, xDistrict] = [await as('demo-district'), await as('xd-district')];
    const changed = await xDistrict.patch('/api/health-data/datasets/checkins', {
      retentionDays: 1,
      reason: '本区打卡数据从严保存',
    });
    expect(changed.statusCode).toBe(200);
    const mine = (await district.get('/api/health-data/datasets')).json<{
      items: { key: string; retentionDays: number }[];
    }>();
    expect(mine.items.find((d) => d.key === 'checkins')?.retentionDays).toBe(30);

    // Both persons are released after their 14 days; two days later the job runs.
    await t.travel('2020-02-15T02:00:00Z');
    const [grid, xGrid] = [await as('demo-grid'), await as('xd-grid')];
    expect((await grid.post(`/api/measures/${released.measures[0]}/release`, { reason: '期满' })).statusCode).toBe(200);
    expect((await xGrid.post(`/api/measures/${released.measures[1]}/release`, { reason: '期满' })).statusCode).toBe(
      200,
    );
    await t.travel('2020-02-18T02:00:00Z');
    await enqueueSystem(t.system(), { kind: 'health.retention', idempotencyKey: randomUUID(), maxAttempts: 1 });
    await runJobs();
    const checkins = async (person: string) =>
      (
        await t.db
          .selectFrom('health_checkins')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('person_id', '=', person)
          .executeTakeFirstOrThrow()
      ).n;
    expect(await checkins(released.one)).toBe('1');
    expect(await checkins(released.two)).toBe('0');
  });
});

describe('documents', () => {
  it('one live record per document in each district: the same number registers in both, twice in neither', async () => {
    const [grid, xGrid] = [await as('demo-grid'), await as('xd-grid')];
    const doc = idNumber();
    const person = (gridId: string) => ({
      id: randomUUID(),
      gridId,
      name: '两区人',
      docType: 'resident_id',
      docNumber: doc,
    });
    const ownGrid = await t.areaId('510112005201001');
    expect((await grid.post('/api/persons', person(ownGrid))).statusCode).toBe(201);
    expect((await xGrid.post('/api/persons', person(xAreas.grid))).statusCode).toBe(201);
    const again = await xGrid.post('/api/persons', person(xAreas.grid));
    expect(again.statusCode).toBe(409);
    expect(again.json<{ error: { code: string } }>().error.code).toBe('PERSON_EXISTS');
  });

  it('answers only "known in another district" to those who may ask for a transfer, and audits the lookup', async () => {
    const [grid, xGrid] = [await as('demo-grid'), await as('xd-grid')];
    const doc = idNumber();
    expect(
      (
        await xGrid.post('/api/persons', {
          gridId: xAreas.grid,
          name: '只在新都',
          docType: 'resident_id',
          docNumber: doc,
        })
      ).statusCode,
    ).toBe(201);
    const ask = (c: Client) => c.post('/api/persons/document-lookup', { docType: 'resident_id', docNumber: doc });
    const answer = await ask(grid);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ known: null, personId: null, knownInAnotherDistrict: true });
    expect(answer.body).not.toContain('新都');
    expect((await ask(xGrid)).json()).toMatchObject({ known: 'in_scope', knownInAnotherDistrict: false });
    for (const persona of ['demo-doctor', 'demo-street', 'demo-commander'])
      expect((await ask(await t.as(persona))).statusCode, persona).toBe(403);
    const entry = await t.db
      .selectFrom('audit_log')
      .select(['details'])
      .where('action', '=', 'person.document_lookup')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(entry.details)).not.toContain(doc);
  });

  it('a transfer never reaches into another district', async () => {
    const [grid, xGrid] = [await as('demo-grid'), await as('xd-grid')];
    const doc = idNumber();
    await grid.post('/api/persons', {
      gridId: await t.areaId('510112005201001'),
      name: '不迁区',
      docType: 'resident_id',
      docNumber: doc,
    });
    const res = await xGrid.post('/api/transfers', {
      docType: 'resident_id',
      docNumber: doc,
      toGridId: xAreas.grid,
      reason: '已搬来新都',
    });
    expect(res.statusCode).toBe(404);
  });

  it("self-registration in one district never matches the other's persons", async () => {
    const [grid, xGrid, xCommunity] = [await as('demo-grid'), await as('xd-grid'), await as('xd-community')];
    const doc = idNumber();
    await grid.post('/api/persons', {
      gridId: await t.areaId('510112005201001'),
      name: '龙泉人',
      docType: 'resident_id',
      docNumber: doc,
    });
    const yard = await buildYard(xGrid, xAreas.grid, '新都花园', ['101']);
    const code = await createCode(xGrid, { courtyardId: yard.courtyardId, expiresOn: '2020-12-31' });
    const form = familyForm(yard.rooms[0]!, [{ name: '龙泉人', docNumber: doc }]);
    const { res, id } = await submitFamily(t.anonymous, code.token, form);
    expect(res.statusCode).toBe(201);
    const detail = await xCommunity.get(`/api/reg-submissions/${id}`);
    expect(detail.statusCode).toBe(200);
    const member = detail.json<{ members: { match: { by: string | null; elsewhere: boolean } }[] }>().members[0]!;
    expect(member.match).toMatchObject({ by: null, elsewhere: false });
  });
});

describe('the audit log', () => {
  it("shows no district's admins a sign-in of an unknown username, nor the other district's entries", async () => {
    const name = `nobody-${randomUUID().slice(0, 8)}`;
    expect((await t.anonymous.post('/api/auth/login', { username: name, password: 'Wrong-pass-01' })).statusCode).toBe(
      401,
    );
    const stored = await t.db.selectFrom('audit_log').select('id').where('actor_username', '=', name).execute();
    expect(stored).toHaveLength(1);
    const xDistrict = await as('xd-district');
    for (const admin of [await as('demo-admin'), await as('xd-admin')]) {
      const res = await admin.get(`/api/audit?actor=${name}`);
      expect(res.statusCode).toBe(200);
      expect(res.json<{ items: unknown[] }>().items).toEqual([]);
    }
    const key = `xd_only_${randomUUID().slice(0, 8)}`;
    const added = await xDistrict.post('/api/health-rules/categories', {
      key,
      label: '新都专用类别',
      from: today(),
      note: '本区新增',
    });
    expect(added.statusCode).toBe(201);
    const mine = await (await as('demo-admin')).get('/api/audit?action=health_rules.');
    expect(mine.statusCode).toBe(200);
    expect(mine.body).not.toContain(key);
    expect((await (await as('xd-admin')).get('/api/audit?action=health_rules.')).body).toContain(key);
  });
});
