import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ErrorBody, testApp } from '../../../../../test/support/app.js';
import { idNumber, registerFamily } from '../../../../../test/support/health.js';
import {
  buildYard,
  createCode,
  familyForm,
  submitFamily,
  type Yard,
} from '../../../../../test/support/self-registration.js';
import type { MeasureDto } from '../../health/measures/index.js';
import type { PersonDto } from '../../registry/persons/index.js';
import type { Submitted } from '../intake/index.js';
import type { AcceptResult, FiguresDto, QueueDto, SubmissionDetail } from './index.js';

/** What a test reads of a household (the registry's answer). */
type Household = { members: { relationship: string }[]; current: { dwellingId: string } };

const t = await testApp({ config: { PUBLIC_RATE_PER_ADDRESS: 10_000 } });
let grid: Awaited<ReturnType<typeof t.as>>;
let community: Awaited<ReturnType<typeof t.as>>;
let gridId: string;
let yard: Yard;
let token: string;

beforeAll(async () => {
  grid = await t.as('demo-grid');
  community = await t.as('demo-community');
  gridId = await t.areaId('510112005201001');
  yard = await buildYard(grid, gridId, '东华小区', ['101', '102', '201', '202', '301']);
  token = (await createCode(grid, { areaId: gridId })).token;
});

async function submitted(form: unknown) {
  const { res, ...ids } = await submitFamily(t.anonymous, token, form);
  if (res.statusCode !== 201) throw new Error(`submit: ${res.statusCode} ${res.body}`);
  return { ...ids, id: res.json<Submitted>().submissionId };
}

describe('matching and conflicts', () => {
  it('matches by document, says where the registry differs, and flags the submission', async () => {
    const family = await registerFamily(grid, gridId, ['陈大海']);
    const person = (await grid.get(`/api/persons/${family.members[0]}`)).json<PersonDto>();
    const docNumber = (
      await t.db.selectFrom('persons').select('doc_number').where('id', '=', person.id).executeTakeFirstOrThrow()
    ).doc_number;
    const s = await submitted(familyForm(yard.rooms[0]!, [{ name: '陈大海', docNumber, phone: '13711112222' }]));
    const list = (await grid.get('/api/reg-submissions?filter=conflicts')).json<QueueDto>();
    expect(list.items.map((i) => i.id)).toContain(s.id);
    const d = (await grid.get(`/api/reg-submissions/${s.id}`)).json<SubmissionDetail>();
    const m = d.members[0]!;
    expect(m.match.by).toBe('document');
    expect(m.match.person!.id).toBe(person.id);
    expect(m.match.conflicts.sort()).toEqual(['other_dwelling', 'phone_differs']);
    expect(m.match.elsewhere).toBe(false);
  });

  it('says only "registered elsewhere" about a person outside the reviewer\'s area', async () => {
    const otherGrid = await t.areaId('510112005201002');
    const elsewhere = await registerFamily(community, otherGrid, ['孙秘密']);
    const row = await t.db
      .selectFrom('persons')
      .select(['doc_number', 'phone'])
      .where('id', '=', elsewhere.members[0]!)
      .executeTakeFirstOrThrow();
    const s = await submitted(
      familyForm(yard.rooms[1]!, [{ name: '孙秘密', docNumber: row.doc_number, phone: '13722223333' }]),
    );
    const res = await grid.get(`/api/reg-submissions/${s.id}`);
    const m = res.json<SubmissionDetail>().members[0]!;
    expect(m.match).toEqual({ by: 'document', person: null, elsewhere: true, conflicts: ['registered_elsewhere'] });
    // Nothing of the other record leaks: not its id, grid, or phone.
    expect(res.body).not.toContain(elsewhere.members[0]);
    expect(res.body).not.toContain(row.phone);
    expect(res.body).not.toContain('510112005201002');
    // Accepting cannot create a second record; skipping the member works.
    const refused = await grid.post(`/api/reg-submissions/${s.id}/accept`, { version: 1 });
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorBody>().error.code).toBe('PERSON_REGISTERED_ELSEWHERE');
    expect(refused.json<ErrorBody>().error.fields[0]!.field).toBe('members.0.action');
  });
});

describe('decisions', () => {
  it("accepts a family into the registry as self-registration and places the returnee under the rule's measure", async () => {
    const form = familyForm(
      yard.rooms[2]!,
      [
        { name: '刘武汉', health: { temperature: 36.6, symptoms: [] } },
        { name: '刘配偶', relationship: 'spouse' },
        { name: '刘小娃', relationship: 'child', phone: null },
      ],
      { trips: [{ place: '武汉', returnDate: '2020-02-05', members: [0] }] },
    );
    const s = await submitted(form);
    const category = (await grid.get('/api/reg-submissions?filter=category')).json<QueueDto>();
    expect(category.items.map((i) => i.id)).toContain(s.id);
    const before = (await grid.get(`/api/reg-submissions/${s.id}`)).json<SubmissionDetail>();
    expect(before.members[0]!.proposal).toMatchObject({
      measure: 'home_medical_observation',
      categories: [{ key: 'local_visited_hubei' }],
      plannedEnd: '2020-02-24',
    });
    expect(before.members[1]!.proposal).toBeNull();
    // Placing before acceptance is refused.
    expect(
      (await grid.post(`/api/reg-submissions/${s.id}/place`, { id: randomUUID(), memberKey: form.members[0]!.key }))
        .statusCode,
    ).toBe(409);

    const res = await grid.post(`/api/reg-submissions/${s.id}/accept`, { version: 1, note: '核实无误' });
    expect(res.statusCode).toBe(200);
    const r = res.json<AcceptResult>();
    expect(r.persons.map((p) => p.action)).toEqual(['created', 'created', 'created']);
    const household = (await grid.get(`/api/households/${r.householdId}`)).json<Household>();
    expect(household.members.map((m) => m.relationship)).toEqual(['head', 'spouse', 'child']);
    expect(household.current.dwellingId).toBe(yard.rooms[2]);
    const channels = await t.db
      .selectFrom('record_versions')
      .select('channel')
      .where('record_id', '=', r.persons[0]!.personId!)
      .execute();
    expect(channels.map((x) => x.channel)).toEqual(['self_registration']);
    // Accepting the same version twice is refused.
    expect((await grid.post(`/api/reg-submissions/${s.id}/accept`, { version: 1 })).json<ErrorBody>().error.code).toBe(
      'REG_ALREADY_DECIDED',
    );

    const placed = await grid.post(`/api/reg-submissions/${s.id}/place`, {
      id: randomUUID(),
      memberKey: form.members[0]!.key,
    });
    expect(placed.statusCode).toBe(201);
    expect(placed.json<MeasureDto>()).toMatchObject({
      measure: 'home_medical_observation',
      startDay: '2020-02-10',
      plannedEnd: '2020-02-24',
      categories: ['local_visited_hubei'],
    });
    const after = (await grid.get(`/api/reg-submissions/${s.id}`)).json<SubmissionDetail>();
    expect(after.members[0]!.proposal!.placed).toMatchObject({
      measure: 'home_medical_observation',
      plannedEnd: '2020-02-24',
    });
    const audit = await t.db.selectFrom('audit_log').select('action').where('resource_id', '=', s.id).execute();
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['selfreg.submit', 'selfreg.open', 'selfreg.accept', 'selfreg.place']),
    );
    // A member no category applies to is not proposed.
    expect(
      (
        await grid.post(`/api/reg-submissions/${s.id}/place`, { id: randomUUID(), memberKey: form.members[1]!.key })
      ).json<ErrorBody>().error.code,
    ).toBe('REG_NOT_PROPOSED');
  });

  it('merges a family into the household it already has, linking the registered persons', async () => {
    const family = await registerFamily(grid, gridId, ['周老大']);
    const head = await t.db
      .selectFrom('persons')
      .select(['doc_number', 'phone'])
      .where('id', '=', family.members[0]!)
      .executeTakeFirstOrThrow();
    const form = familyForm(family.dwellingId, [
      { name: '周老大', docNumber: head.doc_number, phone: '13799998888' },
      { name: '周新生', relationship: 'child', phone: null },
    ]);
    const code = await createCode(community, { areaId: await t.areaId('510112005201') });
    const { res } = await submitFamily(t.anonymous, code.token, form);
    const id = res.json<Submitted>().submissionId;
    const r = await grid.post(`/api/reg-submissions/${id}/accept`, { version: 1, householdId: family.householdId });
    expect(r.statusCode).toBe(200);
    expect(r.json<AcceptResult>().persons.map((p) => p.action)).toEqual(['linked', 'created']);
    const household = (await grid.get(`/api/households/${family.householdId}`)).json<Household>();
    expect(household.members).toHaveLength(2);
    // The newer phone from the family is taken, versioned as self-registration.
    const p = await t.db
      .selectFrom('persons')
      .select('phone')
      .where('id', '=', family.members[0]!)
      .executeTakeFirstOrThrow();
    expect(p.phone).toBe('13799998888');
  });

  it('rejects only with a reason, and a correction puts the family back in the queue', async () => {
    const s = await submitted(familyForm(yard.rooms[3]!, [{ name: '吴某某' }]));
    const noReason = await grid.post(`/api/reg-submissions/${s.id}/reject`, { version: 1 });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<ErrorBody>().error.fields[0]!.field).toBe('reason');
    const r = await grid.post(`/api/reg-submissions/${s.id}/reject`, { version: 1, reason: '房号填错，请核对' });
    expect(r.json<SubmissionDetail>()).toMatchObject({
      status: 'rejected',
      decision: { reason: '房号填错，请核对', version: 1 },
    });
    const edit = await t.anonymous.post(`/api/public/reg-edit/${s.editToken}/versions`, {
      id: randomUUID(),
      baseVersion: 1,
      form: familyForm(yard.rooms[4]!, [{ name: '吴某某' }]),
    });
    expect(edit.statusCode).toBe(200);
    const d = (await grid.get(`/api/reg-submissions/${s.id}`)).json<SubmissionDetail>();
    expect(d).toMatchObject({ status: 'new', version: 2, changedAfterReview: true });
    expect(d.versions[1]!.changes.map((c) => c.path)).toContain('dwellingId');
  });

  it('needs a dwelling for a family that wrote an address, then accepts into it', async () => {
    const s = await submitted(familyForm(null, [{ name: '郑地址' }], { address: '东华小区6栋2单元502' }));
    const list = (await grid.get('/api/reg-submissions?filter=new')).json<QueueDto>();
    const item = list.items.find((i) => i.id === s.id);
    expect(item).toMatchObject({ listed: false, place: '东华小区6栋2单元502' });
    expect((await grid.post(`/api/reg-submissions/${s.id}/accept`, { version: 1 })).json<ErrorBody>().error.code).toBe(
      'REG_NEEDS_DWELLING',
    );
    const ok = await grid.post(`/api/reg-submissions/${s.id}/accept`, { version: 1, dwellingId: yard.rooms[4] });
    expect(ok.statusCode).toBe(200);
  });

  it('keeps reviewers of other areas out, and masks for street staff', async () => {
    const s = await submitted(familyForm(yard.rooms[0]!, [{ name: '冯可见', docNumber: idNumber() }]));
    const street = await t.as('demo-street');
    const d = (await street.get(`/api/reg-submissions/${s.id}`)).json<SubmissionDetail>();
    expect(d.members[0]!.name).toBe('冯*见');
    expect(d.masked).toBe(true);
    expect((await street.post(`/api/reg-submissions/${s.id}/accept`, { version: 1 })).statusCode).toBe(403);
  });
});

describe('documents without birth date or gender', () => {
  it('asks a passport holder both, shows them to the reviewer masked by role, and enters them into the registry', async () => {
    const members = (spouse: { gender?: 'male' | 'female' | null; birthDate?: string | null }) => [
      { name: '韩正', docNumber: idNumber(), gender: 'female' as const, birthDate: '2001-01-01' },
      { name: 'Anna Müller', relationship: 'spouse', docType: 'passport', docNumber: 'c1234567', ...spouse },
    ];
    const missing = await submitFamily(t.anonymous, token, familyForm(yard.rooms[3]!, members({})));
    expect(missing.res.statusCode).toBe(400);
    const fields = missing.res.json<ErrorBody>().error.fields;
    expect(fields.map((f) => `${f.field}:${f.reason}`)).toEqual([
      'form.members.1.gender:gender_needed',
      'form.members.1.birthDate:birth_date_needed',
    ]);
    expect(fields[1]!.messages).toEqual({
      'zh-CN': '证件号码不含出生日期，请填写',
      en: 'is needed: the document number does not carry it',
    });
    const future = await submitFamily(
      t.anonymous,
      token,
      familyForm(yard.rooms[3]!, members({ gender: 'female', birthDate: '2020-02-11' })),
    );
    expect(future.res.json<ErrorBody>().error.fields.map((f) => `${f.field}:${f.reason}`)).toEqual([
      'form.members.1.birthDate:future_day',
    ]);

    const s = await submitted(familyForm(yard.rooms[3]!, members({ gender: 'female', birthDate: '1988-04-09' })));
    const d = (await grid.get(`/api/reg-submissions/${s.id}`)).json<SubmissionDetail>();
    // The head's resident ID carries both: what the form said beside it is not kept.
    expect(d.members.map((m) => [m.gender, m.birthDate])).toEqual([
      [null, null],
      ['female', '1988-04-09'],
    ]);
    const street = (await (await t.as('demo-street')).get(`/api/reg-submissions/${s.id}`)).json<SubmissionDetail>();
    expect(street.members[1]!.birthDate).toBe('1988-**-**');

    const accepted = await grid.post(`/api/reg-submissions/${s.id}/accept`, { version: 1 });
    expect(accepted.statusCode).toBe(200);
    const spouse = accepted.json<AcceptResult>().persons[1]!.personId!;
    const row = await t.db
      .selectFrom('persons')
      .select(['doc_type', 'doc_number', 'gender', 'birth_date'])
      .where('id', '=', spouse)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ doc_type: 'passport', doc_number: 'C1234567', gender: 'female', birth_date: '1988-04-09' });
  });
});

describe('figures', () => {
  it('counts submissions, persons, reviews and proposals per area and day, rolled up', async () => {
    const district = await t.as('demo-district');
    const f = (await district.get('/api/reg-figures')).json<FiguresDto>();
    expect(f.today.submissions).toBeGreaterThanOrEqual(6);
    expect(f.today.proposed).toBeGreaterThanOrEqual(1);
    expect(f.total.reviewed).toBeGreaterThanOrEqual(4);
    expect(f.reviewedShare).toBeGreaterThan(0);
    expect(f.codesActive).toBe(2);
    const street = f.children.find((c) => c.name === '柏合街道');
    expect(street!.submissions).toBe(f.total.submissions);
    expect(f.trend).toHaveLength(30);
    expect(f.trend[29]).toMatchObject({ day: '2020-02-10', submissions: f.today.submissions });
  });
});
