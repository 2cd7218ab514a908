import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type ErrorBody, PASSWORD, testApp } from '../../../../../test/support/app.js';
import type { VersionListDto } from '../versions/index.js';
import type { CreatedPersonDto, PersonListDto, RevealedDto } from './index.js';

const t = await testApp();
const grid = await t.as('demo-grid');
const ownGrid = await t.areaId('510112005201001');
const siblingGrid = await t.areaId('510112005201002');

// A grid worker of the sibling grid, set up through the admin API.
const admin = await t.as('demo-admin');
await admin.post('/api/users', {
  username: 'grid-two',
  displayName: '东华二组网格员',
  role: 'grid_worker',
  areaId: siblingGrid,
  initialPassword: 'Initial-pass-01',
});
const firstLogin = await t.as('grid-two', 'Initial-pass-01');
await firstLogin.post('/api/me/password', { currentPassword: 'Initial-pass-01', newPassword: PASSWORD });
const sibling = await t.as('grid-two');

const JU = {
  gridId: ownGrid,
  name: '鞠晓琴',
  docType: 'resident_id',
  docNumber: '51011219850307422９',
  phone: '+86 138-0013-8000',
  tags: ['网格员'],
};

describe('registering a person', () => {
  it('normalises the number and phone, derives birth date and gender, and masks the ID for a grid worker', async () => {
    const res = await grid.post('/api/persons', JU);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      name: '鞠晓琴',
      docNumber: '5101**********4229',
      phone: '13800138000',
      gender: 'female',
      birthDate: '1985-03-07',
      masked: ['idNumber'],
      warnings: [],
    });
    const row = await t.db
      .selectFrom('persons')
      .select(['doc_number', 'phone'])
      .where('name', '=', '鞠晓琴')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ doc_number: '510112198503074229', phone: '13800138000' });
    const version = await t.db
      .selectFrom('record_versions')
      .selectAll()
      .where('record_type', '=', 'person')
      .executeTakeFirstOrThrow();
    expect(version).toMatchObject({ channel: 'staff', before: null });
  });

  it('says which field is wrong and why, in both languages', async () => {
    const res = await grid.post('/api/persons', { ...JU, docNumber: '510112198503074221', phone: '12345' });
    expect(res.statusCode).toBe(400);
    const fields = res.json<ErrorBody>().error.fields;
    expect(fields.map((f) => `${f.field}:${f.reason}`)).toEqual(['docNumber:checksum', 'phone:phone_format']);
    expect(fields[0]?.messages['zh-CN']).toBe('校验位不正确，请核对号码');
  });

  it('accepts a legacy 15-digit number with a warning', async () => {
    const res = await grid.post('/api/persons', {
      gridId: ownGrid,
      name: '王老汉',
      docType: 'resident_id',
      docNumber: '110105491231002',
    });
    expect(res.json()).toMatchObject({ warnings: ['legacy_15_digit'], birthDate: '1949-12-31' });
  });

  it('creates a submission sent twice with the same client id once', async () => {
    const id = randomUUID();
    const body = { id, gridId: ownGrid, name: '李明', docType: 'passport', docNumber: 'E12345678' };
    expect((await grid.post('/api/persons', body)).statusCode).toBe(201);
    const again = await grid.post('/api/persons', body);
    expect(again.statusCode).toBe(201);
    expect(again.json<CreatedPersonDto>().id).toBe(id);
    expect(await t.db.selectFrom('persons').select('id').where('doc_number', '=', 'E12345678').execute()).toHaveLength(
      1,
    );
  });
});

describe('one person, one record', () => {
  it('points to the existing record inside the scope', async () => {
    const res = await grid.post('/api/persons', { ...JU, name: '鞠晓琴二' });
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorBody>().error.code).toBe('PERSON_EXISTS');
    expect(res.json<ErrorBody>().error.details?.personId).toMatch(/[0-9a-f-]{36}/);
  });

  it('says only "registered elsewhere" outside the scope, with no name, address or area', async () => {
    const res = await sibling.post('/api/persons', { ...JU, gridId: siblingGrid, name: '冒名' });
    expect(res.statusCode).toBe(409);
    expect(res.json<ErrorBody>().error.code).toBe('PERSON_REGISTERED_ELSEWHERE');
    expect(res.json<ErrorBody>().error.details).toBeUndefined();
    expect(res.body).not.toContain('鞠');
    expect(res.body).not.toContain('三盛');
    const { error } = res.json<ErrorBody>();
    expect(Object.keys(error).sort()).toEqual(['code', 'fields', 'message', 'messages', 'requestId']);
    expect(error.fields).toEqual([expect.objectContaining({ field: 'docNumber', reason: 'conflict' })]);
  });

  it('refuses to register on a grid outside the scope', async () => {
    const res = await sibling.post('/api/persons', { ...JU, docNumber: '510112199001011230', gridId: ownGrid });
    expect(res.statusCode).toBe(404);
  });
});

describe('searching persons', () => {
  it('finds by a 1-, 2- or 3-character fragment anywhere in the name', async () => {
    for (const fragment of ['琴', '晓琴', '鞠晓琴']) {
      const res = (await grid.get(`/api/persons?q=${encodeURIComponent(fragment)}`)).json<PersonListDto>();
      expect(res.matchedBy).toBe('name');
      expect(res.items.map((p) => p.name)).toEqual(['鞠晓琴']);
    }
    expect((await grid.get(`/api/persons?q=${encodeURIComponent('晓明')}`)).json<PersonListDto>().items).toEqual([]);
  });

  it('finds by document number (normalised) and by the last 4 digits of the phone', async () => {
    const byDoc = (await grid.get('/api/persons?q=510112198503074229')).json();
    expect(byDoc).toMatchObject({ matchedBy: 'document', items: [{ name: '鞠晓琴' }] });
    const byTail = (await grid.get('/api/persons?q=8000')).json();
    expect(byTail).toMatchObject({ matchedBy: 'phone_tail', items: [{ name: '鞠晓琴' }] });
    const byPhone = (await grid.get('/api/persons?q=13800138000')).json();
    expect(byPhone).toMatchObject({ matchedBy: 'phone', items: [{ name: '鞠晓琴' }] });
  });

  it("never finds another grid's persons, by name, phone or exact document", async () => {
    for (const q of ['晓琴', '8000', '510112198503074229']) {
      expect((await sibling.get(`/api/persons?q=${encodeURIComponent(q)}`)).json<PersonListDto>().items).toEqual([]);
    }
    const id = (await grid.get(`/api/persons?q=${encodeURIComponent('晓琴')}`)).json<PersonListDto>().items[0]!.id;
    expect((await sibling.get(`/api/persons/${id}`)).statusCode).toBe(404);
  });
});

describe('masking and reveal', () => {
  it('masks names, numbers and phones for street staff, and reveals them with an audited reason', async () => {
    const street = await t.as('demo-street');
    const found = (await street.get(`/api/persons?q=${encodeURIComponent('晓琴')}`)).json<PersonListDto>().items[0]!;
    expect(found).toMatchObject({
      name: '鞠*琴',
      docNumber: '5101**********4229',
      phone: '138****8000',
      birthDate: '1985-**-**',
    });
    expect(JSON.stringify(found)).not.toContain('13800138000');
    const res = await street.post(`/api/persons/${found.id}/reveal`, {
      fields: ['name', 'phone'],
      reason: '核实居家观察人员联系方式',
    });
    expect(res.json<RevealedDto>().values).toEqual({ name: '鞠晓琴', phone: '13800138000' });
    const entry = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'person.reveal')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({
      actor_username: 'demo-street',
      resource_id: found.id,
      details: { fields: ['name', 'phone'], reason: '核实居家观察人员联系方式' },
    });
  });

  it('refuses a reveal the role may not make, and one without a reason', async () => {
    const id = (await grid.get(`/api/persons?q=${encodeURIComponent('晓琴')}`)).json<PersonListDto>().items[0]!.id;
    const name = await grid.post(`/api/persons/${id}/reveal`, { fields: ['name'], reason: '核对姓名写法' });
    expect(name.statusCode).toBe(403);
    expect(name.json<ErrorBody>().error.code).toBe('FIELD_NOT_REVEALABLE');
    const noReason = await grid.post(`/api/persons/${id}/reveal`, { fields: ['idNumber'], reason: '' });
    expect(noReason.statusCode).toBe(400);
    expect(
      (await grid.post(`/api/persons/${id}/reveal`, { fields: ['idNumber'], reason: '核对身份证' })).json<RevealedDto>()
        .values.idNumber,
    ).toBe('510112198503074229');
  });

  it('shows nothing to roles without person.read', async () => {
    const commissioner = await t.as('demo-commissioner');
    expect((await commissioner.get(`/api/persons?q=${encodeURIComponent('晓琴')}`)).statusCode).toBe(403);
  });
});

describe('correcting a person', () => {
  it('updates fields with a version holding before and after, and an audit row without the values', async () => {
    const id = (await grid.get(`/api/persons?q=${encodeURIComponent('晓琴')}`)).json<PersonListDto>().items[0]!.id;
    const res = await grid.patch(`/api/persons/${id}`, { phone: '139-0000-2222', tags: ['网格员', '党员'] });
    expect(res.json()).toMatchObject({ phone: '13900002222', tags: ['网格员', '党员'] });
    const versions = (await grid.get(`/api/versions?type=person&id=${id}`)).json<VersionListDto>().items;
    expect(versions).toHaveLength(2);
    expect(versions[1]).toMatchObject({
      before: { phone: '13800138000', tags: ['网格员'] },
      after: { phone: '13900002222', tags: ['网格员', '党员'] },
    });
    const entry = await t.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'person.update')
      .executeTakeFirstOrThrow();
    expect(entry.details).toEqual({ fields: ['phone', 'tags'] });
    // Outside the scope the record's history does not exist either.
    expect((await sibling.get(`/api/versions?type=person&id=${id}`)).statusCode).toBe(404);
    // History carries personal values masked for the role, like every other response.
    const street = await t.as('demo-street');
    const seen = (await street.get(`/api/versions?type=person&id=${id}`)).json<VersionListDto>().items;
    expect(seen[0]?.after).toMatchObject({
      name: '鞠*琴',
      doc_number: '5101**********4229',
      phone: '138****8000',
      birth_date: '1985-**-**',
    });
    expect(JSON.stringify(seen)).not.toContain('13800138000');
  });
});
