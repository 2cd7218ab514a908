import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../../../../test/support/app.js';
import { buildYard, createCode, editSecret, familyForm, submitFamily, type Yard } from '../../../../test/support/self-registration.js';

const t = await testApp({ config: { SELFREG_RATE_PER_CLIENT: 10_000 } });
let grid: Awaited<ReturnType<typeof t.as>>;
let gridId: string;
let yard: Yard;
let other: Yard;
let code: Awaited<ReturnType<typeof createCode>>;

beforeAll(async () => {
  grid = await t.as('demo-grid');
  gridId = await t.areaId('510112005201001');
  yard = await buildYard(grid, gridId, '东华小区');
  other = await buildYard(grid, gridId, '桃园小区');
  code = await createCode(grid, { courtyardId: yard.courtyardId });
});

describe('public registration page data', () => {
  it('shows the place, the courtyard and its rooms, the categories in force, and no person', async () => {
    const res = await t.anonymous.get(`/api/public/reg/${code.token}`);
    expect(res.statusCode).toBe(200);
    const v = res.json();
    expect(v.place).toEqual({ name: '柏合街道 东华村 三盛都会城网格 东华小区', level: 'courtyard' });
    expect(v.courtyards.map((y: { name: string }) => y.name)).toEqual(['东华小区']);
    expect(v.categories.map((k: { key: string }) => k.key)).toContain('from_wuhan');
    expect(v.categories.map((k: { key: string }) => k.key)).not.toContain('from_key_areas'); // from 2020-02-15
    const tree = (await t.anonymous.get(`/api/public/reg/${code.token}/courtyards/${yard.courtyardId}`)).json();
    expect(tree.buildings[0].units[0].rooms.map((r: { room: string }) => r.room)).toEqual(['101', '102', '201']);
    expect((await t.anonymous.get(`/api/public/reg/${code.token}/courtyards/${other.courtyardId}`)).statusCode).toBe(404);
  });
});

describe('submitting', () => {
  it('stores one submission for retries of the same id, with the family code and edit link', async () => {
    const form = familyForm(yard.rooms[0]!, [{ name: '王建国' }, { name: '王小明' }]);
    const ids = { id: randomUUID(), editToken: editSecret() };
    const first = await submitFamily(t.anonymous, code.token, form, ids);
    expect(first.res.statusCode).toBe(201);
    const again = await submitFamily(t.anonymous, code.token, form, ids);
    expect(again.res.statusCode).toBe(200);
    expect(again.res.json()).toEqual(first.res.json());
    expect(first.res.json().familyCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    const n = await t.db.selectFrom('reg_submissions').select((eb) => eb.fn.countAll<string>().as('n')).where('id', '=', ids.id).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    // The same id with another secret is someone else's: refused.
    const clash = await submitFamily(t.anonymous, code.token, form, { id: ids.id, editToken: editSecret() });
    expect(clash.res.statusCode).toBe(409);
    expect(clash.res.json().error.code).toBe('REG_SUBMISSION_ID_TAKEN');
  });

  it('refuses a dwelling of another courtyard than the code is for', async () => {
    const { res } = await submitFamily(t.anonymous, code.token, familyForm(other.rooms[0]!, [{ name: '赵六' }]));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('REG_OUT_OF_SCOPE');
    expect(res.json().error.fields[0].field).toBe('form.dwellingId');
  });

  it('names each bad field in both languages', async () => {
    const form = familyForm(yard.rooms[1]!, [{ name: '钱七' }, { name: '钱八', docNumber: '11010519491231002Y' }]);
    const { res } = await submitFamily(t.anonymous, code.token, form);
    expect(res.statusCode).toBe(400);
    const f = res.json().error.fields.find((x: { field: string }) => x.field === 'form.members.1.docNumber');
    expect(f.messages['zh-CN']).toBeTruthy();
    expect(f.messages.en).toBeTruthy();
  });
});
