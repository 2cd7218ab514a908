import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ErrorBody, testApp } from '../../../../../test/support/app.js';
import type { SubmissionDetail } from '../review/index.js';
import type { CodeView, DwellingTree, EditView, Recovered, SavedVersion, Submitted } from './index.js';
import { writeFigures } from './write-batch.js';
import {
  buildYard,
  createCode,
  editSecret,
  familyForm,
  submitFamily,
  type Yard,
} from '../../../../../test/support/self-registration.js';

const t = await testApp({ config: { PUBLIC_RATE_PER_ADDRESS: 10_000 } });
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
    const v = res.json<CodeView>();
    expect(v.place).toEqual({ name: '柏合街道 东华村 三盛都会城网格 东华小区', level: 'courtyard' });
    expect(v.courtyards.map((y) => y.name)).toEqual(['东华小区']);
    expect(v.categories.map((k) => k.key)).toContain('from_wuhan');
    expect(v.categories.map((k) => k.key)).not.toContain('from_key_areas'); // from 2020-02-15
    const tree = (
      await t.anonymous.get(`/api/public/reg/${code.token}/courtyards/${yard.courtyardId}`)
    ).json<DwellingTree>();
    expect(tree.buildings[0]!.units[0]!.rooms.map((r) => r.room)).toEqual(['101', '102', '201']);
    expect((await t.anonymous.get(`/api/public/reg/${code.token}/courtyards/${other.courtyardId}`)).statusCode).toBe(
      404,
    );
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
    expect(first.res.json<Submitted>().familyCode).toMatch(/^[2-9A-HJKMNP-Z]{8}$/);
    const n = await t.db
      .selectFrom('reg_submissions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('id', '=', ids.id)
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
    // The same id with another secret is someone else's: refused.
    const clash = await submitFamily(t.anonymous, code.token, form, { id: ids.id, editToken: editSecret() });
    expect(clash.res.statusCode).toBe(409);
    expect(clash.res.json<ErrorBody>().error.code).toBe('REG_SUBMISSION_ID_TAKEN');
  });

  it('refuses an edit secret that is not random (the link would be guessable)', async () => {
    const code = await createCode(grid, { courtyardId: yard.courtyardId });
    const form = familyForm(yard.rooms[1]!, [{ name: '弱密钥' }]);
    for (const weak of ['a'.repeat(32), 'ab'.repeat(20), 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij']) {
      const { res } = await submitFamily(t.anonymous, code.token, form, { id: randomUUID(), editToken: weak });
      expect(res.statusCode, weak).toBe(400);
      expect(res.json<ErrorBody>().error.fields[0]).toMatchObject({ field: 'editToken', reason: 'weak_secret' });
    }
  });

  it('stores one submission for two taps sent at the same moment', async () => {
    const form = familyForm(yard.rooms[2]!, [{ name: '双击' }]);
    const ids = { id: randomUUID(), editToken: editSecret() };
    const both = await Promise.all([
      submitFamily(t.anonymous, code.token, form, ids),
      submitFamily(t.anonymous, code.token, form, ids),
    ]);
    expect(both.map((b) => b.res.statusCode).sort()).toEqual([200, 201]);
    expect(both[0].res.json<Submitted>().familyCode).toBe(both[1].res.json<Submitted>().familyCode);
    const versions = await t.db.selectFrom('reg_versions').select('id').where('submission_id', '=', ids.id).execute();
    expect(versions).toHaveLength(1);
    const audits = await t.db.selectFrom('audit_log').select('id').where('resource_id', '=', ids.id).execute();
    expect(audits).toHaveLength(1);
  });

  it('refuses a dwelling of another courtyard than the code is for', async () => {
    const { res } = await submitFamily(t.anonymous, code.token, familyForm(other.rooms[0]!, [{ name: '赵六' }]));
    expect(res.statusCode).toBe(422);
    expect(res.json<ErrorBody>().error.code).toBe('REG_OUT_OF_SCOPE');
    expect(res.json<ErrorBody>().error.fields[0]!.field).toBe('form.dwellingId');
  });

  it('names each bad field in both languages', async () => {
    const form = familyForm(yard.rooms[1]!, [{ name: '钱七' }, { name: '钱八', docNumber: '11010519491231002Y' }]);
    const { res } = await submitFamily(t.anonymous, code.token, form);
    expect(res.statusCode).toBe(400);
    const f = res.json<ErrorBody>().error.fields.find((x) => x.field === 'form.members.1.docNumber');
    expect(f!.messages['zh-CN']).toBeTruthy();
    expect(f!.messages.en).toBeTruthy();
  });
});

describe('codes that no longer work', () => {
  it('refuses submissions through a revoked or an expired code', async () => {
    const revoked = await createCode(grid, { courtyardId: yard.courtyardId });
    await grid.post(`/api/reg-codes/${revoked.id}/status`, { status: 'revoked', reason: '海报被冒用' });
    const r1 = await submitFamily(t.anonymous, revoked.token, familyForm(yard.rooms[0]!, [{ name: '孔一' }]));
    expect(r1.res.statusCode).toBe(404);
    expect(r1.res.json<ErrorBody>().error.code).toBe('REG_CODE_INVALID');
    expect(r1.res.json<ErrorBody>().error.message).toContain('二维码无效');
    const expired = await createCode(grid, { areaId: gridId });
    await t.db
      .updateTable('reg_codes')
      .set({ expires_at: new Date('2020-02-10T00:00:00Z') })
      .where('id', '=', expired.id)
      .execute();
    const r2 = await submitFamily(t.anonymous, expired.token, familyForm(yard.rooms[0]!, [{ name: '孔二' }]));
    expect(r2.res.json<ErrorBody>().error.code).toBe('REG_CODE_INVALID');
    expect((await t.anonymous.get('/api/public/reg/not-a-real-token-at-all-000')).json<ErrorBody>().error.code).toBe(
      'REG_CODE_INVALID',
    );
  });
});

describe('minimum necessary', () => {
  it('keeps health answers only for members their answers put in a category', async () => {
    const form = familyForm(
      yard.rooms[2]!,
      [
        { name: '何返乡', health: { temperature: 37.5, symptoms: ['干咳'] } },
        { name: '何留守', relationship: 'spouse', health: { temperature: 36.5, symptoms: [] } },
      ],
      { trips: [{ place: '武汉', returnDate: '2020-02-03', members: [0] }] },
    );
    const { res, id } = await submitFamily(t.anonymous, code.token, form);
    expect(res.statusCode).toBe(201);
    const v = await t.db
      .selectFrom('reg_versions')
      .select(['form', 'exposures'])
      .where('submission_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(v.form.members[0]!.health).toEqual({ temperature: 37.5, symptoms: ['干咳'] });
    expect(v.form.members[1]!.health).toBeNull();
    expect(v.exposures.map((e) => e.categories)).toEqual([['local_visited_hubei'], []]);
    const s = await t.db
      .selectFrom('reg_submissions')
      .select(['category_members', 'fever_members'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(s).toEqual({ category_members: 1, fever_members: 1 });
    // A member in a category must give a temperature.
    const missing = familyForm(yard.rooms[2]!, [{ name: '何无温' }], {
      trips: [{ place: '武汉', returnDate: '2020-02-03', members: [0] }],
    });
    const bad = await submitFamily(t.anonymous, code.token, missing);
    expect(bad.res.json<ErrorBody>().error.fields.map((f) => `${f.field}:${f.reason}`)).toEqual([
      'form.members.0.health.temperature:required_health',
    ]);
    // Temperatures like 3.0 are refused (BRIEF §8).
    const cold = familyForm(yard.rooms[2]!, [{ name: '何体温', health: { temperature: 3.0, symptoms: [] } }], {
      trips: [{ place: '武汉', returnDate: '2020-02-03', members: [0] }],
    });
    expect((await submitFamily(t.anonymous, code.token, cold)).res.json<ErrorBody>().error.fields[0]!.reason).toBe(
      'temperature_range',
    );
  });
});

describe('edits and recovery', () => {
  it('keeps every correction as a new version, idempotent by its id, and refuses a stale base', async () => {
    const form = familyForm(yard.rooms[1]!, [{ name: '褚一家' }, { name: '褚二', phone: '13600001111' }]);
    const { res, editToken } = await submitFamily(t.anonymous, code.token, form);
    const view = (await t.anonymous.get(`/api/public/reg-edit/${editToken}`)).json<EditView>();
    expect(view).toMatchObject({ version: 1, status: 'new', familyCode: res.json<Submitted>().familyCode });
    expect(view.form.members[1]!.phone).toBe('13600001111');
    // The edit page offers the rooms of the code's courtyard, and no other courtyard's.
    expect(
      (await t.anonymous.get(`/api/public/reg-edit/${editToken}/courtyards/${yard.courtyardId}`)).json<DwellingTree>()
        .buildings[0]!.units[0]!.rooms,
    ).toHaveLength(3);
    expect(
      (await t.anonymous.get(`/api/public/reg-edit/${editToken}/courtyards/${other.courtyardId}`)).statusCode,
    ).toBe(404);
    const changed = { ...form, members: [form.members[0], { ...form.members[1], phone: '13600002222' }] };
    const editId = randomUUID();
    const e1 = await t.anonymous.post(`/api/public/reg-edit/${editToken}/versions`, {
      id: editId,
      baseVersion: 1,
      form: changed,
    });
    expect(e1.json<SavedVersion>()).toMatchObject({ version: 2, status: 'new' });
    const retry = await t.anonymous.post(`/api/public/reg-edit/${editToken}/versions`, {
      id: editId,
      baseVersion: 1,
      form: changed,
    });
    expect(retry.json<SavedVersion>().version).toBe(2);
    const stale = await t.anonymous.post(`/api/public/reg-edit/${editToken}/versions`, {
      id: randomUUID(),
      baseVersion: 1,
      form,
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<ErrorBody>().error.code).toBe('REG_VERSION_STALE');
    const versions = await t.db
      .selectFrom('reg_versions')
      .select(['no', 'form'])
      .where('submission_id', '=', res.json<Submitted>().submissionId)
      .orderBy('no')
      .execute();
    expect(versions.map((v) => v.form.members[1]!.phone)).toEqual(['13600001111', '13600002222']);
    const detail = (
      await grid.get(`/api/reg-submissions/${res.json<Submitted>().submissionId}`)
    ).json<SubmissionDetail>();
    expect(detail.versions[1]!.changes).toEqual([
      { path: `members[${form.members[1]!.key}].phone`, before: '13600001111', after: '13600002222' },
    ]);
  });

  it('recovers the edit link with the family code and a phone of the family; the old link stops working', async () => {
    const form = familyForm(yard.rooms[0]!, [{ name: '卫一', phone: '13512345678' }]);
    const { res, editToken } = await submitFamily(t.anonymous, code.token, form);
    const familyCode = res.json<Submitted>().familyCode;
    const wrong = await t.anonymous.post('/api/public/reg-recover', { familyCode, phone: '13500000000' });
    expect(wrong.json<ErrorBody>().error.code).toBe('REG_RECOVER_FAILED');
    const ok = await t.anonymous.post('/api/public/reg-recover', {
      familyCode: familyCode.toLowerCase(),
      phone: '+86 135 1234 5678',
    });
    expect(ok.statusCode).toBe(200);
    const recovered = ok.json<Recovered>();
    expect(recovered.editPath).toBe(`/m/reg/e/${recovered.editToken}`);
    expect((await t.anonymous.get(`/api/public/reg-edit/${recovered.editToken}`)).statusCode).toBe(200);
    expect((await t.anonymous.get(`/api/public/reg-edit/${editToken}`)).json<ErrorBody>().error.code).toBe(
      'REG_EDIT_LINK_INVALID',
    );
  });
});

describe('a surge', () => {
  it('on a fresh process (nothing cached) never waits on the pool it holds', async () => {
    const cold = await testApp({ config: { SELFREG_RATE_LIMIT: false } });
    const g = await cold.as('demo-grid');
    const y = await buildYard(g, await cold.areaId('510112005201001'), '高峰小区');
    const k = await createCode(g, { courtyardId: y.courtyardId });
    // Twice the test pool's connections at once: each request holds one for its transaction.
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        submitFamily(
          cold.anonymous,
          k.token,
          familyForm(y.rooms[i % 3]!, [{ name: `高峰${'甲乙丙丁戊己庚辛壬癸'[i]}` }]),
        ),
      ),
    );
    expect(answers.map((a) => a.res.statusCode)).toEqual(Array(10).fill(201));
  }, 20_000);
});

describe('group commit', () => {
  it('writes families arriving together in shared statements; a family at fault fails alone, a double tap stores once', async () => {
    const y = await buildYard(grid, gridId, '同批小区');
    const k = await createCode(grid, { courtyardId: y.courtyardId });
    const counted = async () =>
      Number(
        (
          await t.db
            .selectFrom('reg_day_counters')
            .select((eb) => eb.fn.sum<string>('value').as('n'))
            .where('metric', '=', 'submissions')
            .where('area_id', '=', gridId)
            .executeTakeFirst()
        )?.n ?? 0,
      );
    const before = { counted: await counted(), figures: writeFigures() };
    const names = [...'甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉'];
    const sends = names.map((n, i) => ({
      form: familyForm(y.rooms[i % 3]!, [{ name: `同批${n}` }]),
      ids: { id: randomUUID(), editToken: editSecret() },
    }));
    // One family reuses another's edit secret (the database refuses it); one is sent twice at once.
    sends.push({
      form: familyForm(y.rooms[0]!, [{ name: '同批重复' }]),
      ids: { id: randomUUID(), editToken: sends[3]!.ids.editToken },
    });
    sends.push(sends[5]!);
    const answers = await Promise.all(sends.map((x) => submitFamily(t.anonymous, k.token, x.form, x.ids)));
    const status = answers.map((a) => a.res.statusCode);
    // Of the two sharing a secret one is stored and the other refused; the double tap is stored once.
    expect([status[3], status[20]].sort()).toEqual([201, 409]);
    expect(answers[status[3] === 409 ? 3 : 20]!.res.json<ErrorBody>().error.code).toBe('CONFLICT');
    expect([status[5], status[21]].sort()).toEqual([200, 201]);
    expect(status.filter((s, i) => ![3, 20, 5, 21].includes(i))).toEqual(Array(18).fill(201));
    const ids = [...new Set(sends.map((x) => x.ids.id))];
    const stored = await t.db.selectFrom('reg_submissions').select('id').where('id', 'in', ids).execute();
    expect(stored).toHaveLength(20);
    expect(await t.db.selectFrom('reg_versions').select('id').where('submission_id', 'in', ids).execute()).toHaveLength(
      20,
    );
    expect(
      await t.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'selfreg.submit')
        .where('resource_id', 'in', ids)
        .execute(),
    ).toHaveLength(20);
    expect((await counted()) - before.counted).toBe(20);
    // The answers name what was stored for each family.
    const byId = new Map<string, string>(
      answers.filter((a) => a.res.statusCode < 300).map((a) => [a.id, a.res.json<Submitted>().familyCode]),
    );
    const codes = await t.db
      .selectFrom('reg_submissions')
      .select(['id', 'family_code'])
      .where('id', 'in', ids)
      .execute();
    for (const c of codes) expect(byId.get(c.id)).toBe(c.family_code);
    // Fewer statements than families: the burst was written in groups.
    const figures = writeFigures();
    expect(figures.families - before.figures.families).toBe(22);
    expect(figures.statements - before.figures.statements).toBeLessThan(22);
  });
});

describe('limits', () => {
  it('refuses an oversized payload with a clear error', async () => {
    const form = familyForm(yard.rooms[0]!, [{ name: '大包' }]);
    const { res } = await submitFamily(t.anonymous, code.token, { ...form, address: 'x'.repeat(70_000) });
    expect(res.statusCode).toBe(413);
    expect(res.json<ErrorBody>().error).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '提交的内容过大' });
  });

  it('rate-limits per client address (one budget for every public endpoint) and per code', async () => {
    const limited = await testApp({ config: { PUBLIC_RATE_PER_ADDRESS: 3, SELFREG_RATE_PER_CODE: 2 } });
    const g = await limited.as('demo-grid');
    const y = await buildYard(g, await limited.areaId('510112005201001'), '限流小区');
    const k = await createCode(g, { courtyardId: y.courtyardId });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await limited.anonymous.get(`/api/public/reg/${k.token}`)).statusCode);
    expect(codes).toEqual([200, 200, 200, 429]);
    // One budget per address across the public endpoints: a check-in link is refused too.
    expect((await limited.anonymous.get(`/api/public/checkin/${'T'.repeat(32)}`)).statusCode).toBe(429);
    expect((await limited.anonymous.get(`/api/public/checkin/${'T'.repeat(32)}`)).headers['retry-after']).toMatch(
      /^\d+$/,
    );
    const other = await createCode(g, { courtyardId: y.courtyardId });
    // Per code: the third submission through one code is refused, whichever client sends it.
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const r = await limited.app.inject({
        method: 'POST',
        url: `/api/public/reg/${other.token}/submissions`,
        remoteAddress: `10.0.0.${i + 1}`,
        payload: {
          id: randomUUID(),
          editToken: editSecret(),
          form: familyForm(y.rooms[0]!, [{ name: `限流${'甲乙丙'[i]}` }]),
        },
      });
      statuses.push(r.statusCode);
    }
    expect(statuses).toEqual([201, 201, 429]);
  });
});
