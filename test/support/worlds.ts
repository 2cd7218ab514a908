/**
 * Worlds for the authorization test: an area subtree (street → community → two grids)
 * with its own accounts and one record of every kind, all made through HTTP by the
 * world's own accounts. The demo grid gets one too (the personas' home), so a request
 * can name an own record in its path and a foreign one in its body.
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { bootstrap } from '../../src/server/demo/bootstrap.js';
import { jobKinds } from '../../src/server/jobs/kinds.js';
import { JobRunner } from '../../src/server/jobs/runner.js';
import { type Client, PASSWORD, type TestApp, type TestResponse } from './app.js';
import { idNumber, placePerson } from './health.js';
import { messyXlsx, multipart } from './ledger.js';
import { buildYard, createCode, familyForm, submitFamily } from './self-registration.js';

const INITIAL = 'Initial-pass-01';

export interface Areas {
  district: string;
  street: string;
  community: string;
  grid: string;
  /** A second grid of the community: where the transferred person comes from. */
  grid2: string;
}

export interface Accounts {
  street: Client;
  community: Client;
  grid: Client;
  medical: Client;
  /** District staff of the world's district. */
  district: Client;
  /** The system admin of the world's district. */
  admin: Client;
}

export interface World {
  label: string;
  areas: Areas;
  /** The area codes (POST /api/areas needs a child code of the right shape). */
  codes: { community: string };
  by: Accounts;
  /** The world's grid worker's account. */
  userId: string;
  courtyardId: string;
  buildingId: string;
  unitId: string;
  dwellingId: string;
  /** A vacant dwelling of the same unit. */
  spareDwellingId: string;
  householdId: string;
  /** The membership of the second person in the household. */
  memberId: string;
  /** Head and spouse of the household; the head is a key person. */
  persons: [string, string];
  names: [string, string];
  measureId: string;
  testId: string;
  /** Raised by the head's check-in with fever. */
  alertId: string;
  linkId: string;
  linkToken: string;
  siteId: string;
  roomId: string;
  codeId: string;
  codeToken: string;
  submissionId: string;
  editToken: string;
  /** A member key of the submitted family. */
  memberKey: string;
  transferId: string;
  /** An import job of a small ledger, run to its end. */
  jobId: string;
}

export async function ok<T = { id: string }>(res: Promise<TestResponse>, status: number, what: string): Promise<T> {
  const r = await res;
  if (r.statusCode !== status) throw new Error(`${what}: ${r.statusCode} ${r.body}`);
  return (r.body ? r.json<T>() : undefined) as T;
}

/** An account made by an admin; signed in once with its initial password to change it. */
export async function account(
  t: TestApp,
  admin: Client,
  username: string,
  role: string,
  areaId: string,
): Promise<{ client: Client; id: string }> {
  const body = { username, displayName: username, role, areaId, initialPassword: INITIAL };
  const { id } = await ok(admin.post('/api/users', body), 201, `account ${username}`);
  await changePassword(t, username);
  return { client: await t.as(username), id };
}

async function changePassword(t: TestApp, username: string) {
  const first = await t.as(username, INITIAL);
  await ok(
    first.post('/api/me/password', { currentPassword: INITIAL, newPassword: PASSWORD }),
    204,
    `password ${username}`,
  );
}

/** The accounts of a world below its district: street, community, grid worker, medical officer. */
export async function worldAccounts(t: TestApp, admin: Client, prefix: string, areas: Areas, district: Client) {
  const street = await account(t, admin, `${prefix}-street`, 'street_staff', areas.street);
  const community = await account(t, admin, `${prefix}-community`, 'community_staff', areas.community);
  const grid = await account(t, admin, `${prefix}-grid`, 'grid_worker', areas.grid);
  const medical = await account(t, admin, `${prefix}-medical`, 'medical_officer', areas.community);
  const by: Accounts = {
    street: street.client,
    community: community.client,
    grid: grid.client,
    medical: medical.client,
    district,
    admin,
  };
  return { by, userId: grid.id };
}

/** A second district in the same database (bootstrapped like production), with one street, community and two grids. */
export async function secondDistrict(t: TestApp) {
  const { districtId } = await bootstrap(t.db, {
    districtCode: '510114',
    districtName: '新都区',
    vintage: 2020,
    adminUsername: 'xd-admin',
    adminPassword: INITIAL,
  });
  await changePassword(t, 'xd-admin');
  const admin = await t.as('xd-admin');
  const area = async (parentId: string, code: string, name: string) =>
    (await ok(admin.post('/api/areas', { parentId, code, vintage: 2020, name }), 201, `area ${code}`)).id;
  const street = await area(districtId, '510114001', '新都街道');
  const community = await area(street, '510114001001', '新都社区');
  const areas: Areas = {
    district: districtId,
    street,
    community,
    grid: await area(community, '510114001001001', '第一网格'),
    grid2: await area(community, '510114001001002', '第二网格'),
  };
  const district = await account(t, admin, 'xd-district', 'district_staff', districtId);
  return { admin, areas, district: district.client, codes: { community: '510114001001' } };
}

/** 新都区's world: the second district with every record kind, made by its own accounts. */
export async function xinduWorld(t: TestApp): Promise<World> {
  const second = await secondDistrict(t);
  return buildWorld(t, '新都', {
    areas: second.areas,
    codes: second.codes,
    ...(await worldAccounts(t, second.admin, 'xd', second.areas, second.district)),
    names: ['辛建国', '辛雪梅'],
  });
}

/** Every record kind of a world, each made by the account that would make it. */
export async function buildWorld(
  t: TestApp,
  label: string,
  w: Pick<World, 'areas' | 'codes' | 'by' | 'userId' | 'names'>,
): Promise<World> {
  const { grid, community, district } = w.by;
  const yard = await buildYard(grid, w.areas.grid, `${label}小区`, ['101', '102']);
  const [dwellingId, spareDwellingId] = yard.rooms as [string, string];
  const household = await ok<{ id: string; members: { id: string; person: { id: string } }[] }>(
    grid.post('/api/households', {
      id: randomUUID(),
      dwellingId,
      occupancyType: 'owned',
      startDate: '2020-02-01',
      members: w.names.map((name, i) => ({
        relationship: i === 0 ? 'head' : 'spouse',
        person: { name, docType: 'resident_id', docNumber: idNumber(), phone: `1380013${String(1000 + i)}` },
      })),
    }),
    201,
    `${label} household`,
  );
  const persons = household.members.map((m) => m.person.id) as [string, string];
  const head = persons[0];
  const measure = await placePerson(grid, head, { categories: [{ key: 'from_wuhan' }] });
  const test = { id: randomUUID(), personId: head, sampledAt: '2020-02-10T08:00:00+08:00', result: 'pending' };
  await ok(grid.post('/api/nucleic-tests', test), 201, `${label} nucleic test`);
  const fever = { id: randomUUID(), personId: head, temperature: 38.6, symptoms: ['发热'], channel: 'staff_visit' };
  await ok(grid.post('/api/checkins', fever), 200, `${label} check-in`);
  const alerts = await ok<{ items: { id: string; person: { id: string } | null }[] }>(
    grid.get('/api/alerts?state=all'),
    200,
    `${label} alerts`,
  );
  const alert = alerts.items.find((a) => a.person?.id === head);
  if (!alert) throw new Error(`${label}: the check-in with fever raised no alert`);
  const link = await ok<{ id: string; token: string }>(
    grid.post(`/api/health-persons/${head}/checkin-links`, { scope: 'person' }),
    201,
    `${label} check-in link`,
  );
  const site = await ok<{ id: string; rooms: { id: string }[] }>(
    district.post('/api/care-sites', {
      kind: 'isolation_site',
      name: `${label}隔离点`,
      areaId: w.areas.street,
      rooms: [{ label: '201', capacity: 20 }],
    }),
    201,
    `${label} care site`,
  );
  const code = await createCode(grid, { areaId: w.areas.grid });
  const form = familyForm(spareDwellingId, [{ name: `${label}自报户主` }, { name: `${label}自报子女` }]);
  const submitted = await submitFamily(t.anonymous, code.token, form);
  const submission = await ok<{ submissionId: string }>(Promise.resolve(submitted.res), 201, `${label} submission`);
  const transferId = await transfer(label, w, community);
  return {
    ...w,
    label,
    courtyardId: yard.courtyardId,
    buildingId: yard.buildingId,
    unitId: yard.unitId,
    dwellingId,
    spareDwellingId,
    householdId: household.id,
    memberId: household.members[1]!.id,
    persons,
    measureId: measure.id,
    testId: test.id,
    alertId: alert.id,
    linkId: link.id,
    linkToken: link.token,
    siteId: site.id,
    roomId: site.rooms[0]!.id,
    codeId: code.id,
    codeToken: code.token,
    submissionId: submission.submissionId,
    editToken: submitted.editToken,
    memberKey: form.members[0]!.key,
    transferId,
    jobId: await importLedger(grid, w.areas.grid),
  };
}

/** The grid worker asks for a person the community registered in the other grid (approver: the community). */
async function transfer(label: string, w: Pick<World, 'areas' | 'by'>, community: Client) {
  const docNumber = idNumber();
  const person = { gridId: w.areas.grid2, name: `${label}迁入`, docType: 'resident_id', docNumber };
  await ok(community.post('/api/persons', person), 201, `${label} person of the other grid`);
  const body = { docType: 'resident_id', docNumber, toGridId: w.areas.grid, reason: '已租住本网格' };
  return (await ok(w.by.grid.post('/api/transfers', body), 201, `${label} transfer`)).id;
}

/** An upload by this client (its id is good for this client only). */
export async function upload(c: Client) {
  const { payload, headers } = multipart('台账.xlsx', await messyXlsx());
  return c.request('POST', '/api/imports/uploads', payload, headers);
}

/** Uploads the messy ledger and starts its import into the grid; returns the job id. */
async function importLedger(grid: Client, gridId: string) {
  const up = await ok<{ uploadId: string; columns: { index: number; field: string | null }[] }>(
    upload(grid),
    201,
    'upload',
  );
  const mapping = Object.fromEntries(up.columns.filter((c) => c.field).map((c) => [String(c.index), c.field]));
  const body = { uploadId: up.uploadId, targetAreaId: gridId, mapping };
  return (await ok<{ jobId: string }>(grid.post('/api/imports', body), 201, 'import')).jobId;
}

/** Runs queued jobs to their end, as the platform's runner would. */
export async function runJobs(t: TestApp) {
  const runner = new JobRunner(t.platform, pino({ level: 'silent' }), jobKinds, { leaseMs: 60_000 });
  for (let i = 0; i < 50 && (await runner.tick()); i++);
}

/** A new person in the world's grid (for a request that may write to it). */
export async function freshPerson(w: World): Promise<string> {
  const body = { gridId: w.areas.grid, name: `${w.label}新人`, docType: 'resident_id', docNumber: idNumber() };
  return (await ok(w.by.grid.post('/api/persons', body), 201, `${w.label} person`)).id;
}

/** A new person of the world's grid under home isolation; returns the measure. */
export async function freshMeasure(w: World): Promise<string> {
  return (await placePerson(w.by.grid, await freshPerson(w), { categories: [{ key: 'from_wuhan' }] })).id;
}
