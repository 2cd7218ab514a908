/**
 * Names of persons and places go through one normaliser (src/domain/names.ts) wherever
 * they are written: the console's schemas, the phone form, ledger and area imports, and
 * a CHECK in the database behind them (issue 12: 92 stored names held invisible, bidi
 * override or noncharacter text, one of them only U+200B).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { translateDbError } from '../src/server/kernel/pg-errors.js';
import type { AreaImportDto, UploadDto } from '../src/server/modules/registry/imports/index.js';
import { type ErrorBody, testApp } from './support/app.js';
import { idNumber } from './support/health.js';
import { guessed, importKit } from './support/imports.js';
import { multipart } from './support/ledger.js';
import { buildYard, createCode, familyForm, submitFamily } from './support/self-registration.js';

const t = await testApp({ config: { DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ss-names-')) } });
const { grid, ownGrid, runJobs } = await importKit(t);
const refusal = (body: string) => JSON.parse(body) as ErrorBody;
const person = (name: string) => ({ gridId: ownGrid, name, docType: 'resident_id', docNumber: idNumber() });

describe('names written through the API', () => {
  it('refuses invisible, bidi-override and noncharacter text with the reason, in both languages', async () => {
    for (const [name, reason] of [
      ['\u200B', 'invisible_character'],
      ['张\u202E三', 'invisible_character'],
      ['\uFEFF张三', 'invisible_character'],
      ['张\uFDD0', 'invalid_character'],
      ['张\uD800', 'invalid_character'],
      ['\u3000\u3000', 'name_empty'],
    ]) {
      const res = await grid.post('/api/persons', person(name!));
      expect(res.statusCode, JSON.stringify(name)).toBe(400);
      const [field] = refusal(res.body).error.fields;
      expect(field).toMatchObject({ field: 'name', reason });
      expect(field!.messages['zh-CN']).not.toBe(field!.messages.en);
    }
  });

  it('keeps real names as written and tidies spaces: minority names with ·, foreign names, full-width spaces', async () => {
    const names: [string, string][] = [
      ['阿不都·热合曼', '阿不都·热合曼'],
      ['John  Smith', 'John Smith'],
      ['\u3000王五\u3000', '王五'],
      ['Jose\u0301', 'José'],
    ];
    for (const [written, kept] of names) {
      const res = await grid.post('/api/persons', person(written));
      expect(res.statusCode, written).toBe(201);
      expect(res.json<{ name: string }>().name).toBe(kept);
    }
  });

  it('applies to every place and person name: courtyards, labels, rooms, contacts, areas, accounts, care sites, codes', async () => {
    const yard = await buildYard(grid, ownGrid, '名字小区', ['101']);
    const admin = await t.as('demo-admin');
    const district = await t.as('demo-district');
    const bad = '\u200B';
    const cases: [Promise<{ statusCode: number; body: string }>, string][] = [
      [grid.post('/api/courtyards', { gridId: ownGrid, name: `幸福${bad}小区`, kind: 'rural_scattered' }), 'name'],
      [grid.patch(`/api/courtyards/${yard.courtyardId}`, { name: bad }), 'name'],
      [grid.post(`/api/courtyards/${yard.courtyardId}/buildings`, { label: `\u202E3栋` }), 'label'],
      [grid.post(`/api/buildings/${yard.buildingId}/units`, { label: `2单元${bad}` }), 'label'],
      [grid.post('/api/dwellings', { courtyardId: yard.courtyardId, room: `\uFEFF102` }), 'room'],
      [
        grid.post(`/api/courtyards/${yard.courtyardId}/contacts`, {
          role: 'volunteer',
          name: bad,
          phone: '13800138000',
        }),
        'name',
      ],
      [admin.patch(`/api/areas/${ownGrid}`, { name: bad }), 'name'],
      [
        admin.post('/api/users', {
          username: 'names-1',
          displayName: `\u2066张三\u2069`,
          role: 'grid_worker',
          areaId: ownGrid,
          initialPassword: 'Initial-pass-01',
        }),
        'displayName',
      ],
      [
        district.post('/api/care-sites', {
          kind: 'isolation_site',
          name: `隔离点${bad}`,
          areaId: await t.areaId('510112'),
          rooms: [{ label: '201', capacity: 1 }],
        }),
        'name',
      ],
      [
        grid.post('/api/reg-codes', {
          areaId: ownGrid,
          responsibleName: bad,
          responsiblePhone: '13800138000',
          expiresOn: '2020-03-31',
        }),
        'responsibleName',
      ],
    ];
    for (const [sent, field] of cases) {
      const res = await sent;
      expect(res.statusCode, res.body).toBe(400);
      expect(refusal(res.body).error.fields).toEqual([
        expect.objectContaining({ field, reason: 'invisible_character' }),
      ]);
    }
  });

  it("checks the family form's names with the same rules, and keeps them tidied", async () => {
    const yard = await buildYard(grid, ownGrid, '自报小区', ['101', '102']);
    const code = await createCode(grid, { areaId: ownGrid });
    const refused = await submitFamily(t.anonymous, code.token, familyForm(yard.rooms[0]!, [{ name: '张\u202E三' }]));
    expect(refused.res.statusCode).toBe(400);
    expect(refusal(refused.res.body).error.fields).toEqual([
      expect.objectContaining({ field: 'form.members.0.name', reason: 'invisible_character' }),
    ]);
    const kept = await submitFamily(
      t.anonymous,
      code.token,
      familyForm(yard.rooms[1]!, [{ name: '\u3000李四\u3000' }]),
    );
    expect(kept.res.statusCode).toBe(201);
    const head = await t.db
      .selectFrom('reg_submissions')
      .select('head_name')
      .orderBy('submitted_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(head.head_name).toBe('李四');
  });
});

describe('names in imports', () => {
  it('reports a ledger row whose name holds hidden characters, showing them, and stores none of it', async () => {
    const csv = [
      '小区,楼栋,房号,姓名,身份证号码,与户主关系',
      `名字苑,1栋,101,张\u200B三,${idNumber()},户主`,
      `\u202E名字苑,1栋,102,李四,${idNumber()},户主`,
      `名字苑,1栋,10\uFEFF3,王五,${idNumber()},户主`,
      `名字苑,1栋,104,张  三丰,${idNumber()},户主`,
      `名字苑,1栋,105,Anna  Lee,${idNumber()},户主`,
      `名字苑,1栋,106,\uFEFF赵六,${idNumber()},户主`,
    ].join('\r\n');
    const { payload, headers } = multipart('名字苑.csv', Buffer.from(csv));
    const up = (await grid.request('POST', '/api/imports/uploads', payload, headers)).json<UploadDto>();
    const started = await grid.post('/api/imports', {
      uploadId: up.uploadId,
      targetAreaId: ownGrid,
      mapping: guessed(up),
    });
    expect(started.statusCode).toBe(201);
    await runJobs();
    const report = (await grid.get(`/api/imports/${started.json<{ jobId: string }>().jobId}/errors`)).body;
    expect(report).toContain('2,姓名,张<U+200B>三,含有不可见的字符');
    expect(report).toContain('3,小区,<U+202E>名字苑,含有不可见的字符');
    expect(report).toContain('4,房号,10<U+FEFF>3,含有不可见的字符');
    // A byte-order mark opening a cell other than the file's first is the cell's: refused, not cleaned.
    expect(report).toMatch(/\n7,姓名,[^,\n]*赵六,含有不可见的字符/);
    const stored = await t.db
      .selectFrom('persons')
      .select('name')
      .where('name', 'in', ['张三丰', 'Anna Lee'])
      .execute();
    expect(stored.map((p) => p.name).sort()).toEqual(['Anna Lee', '张三丰']);
    const hidden = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM persons WHERE name ~ '\u200B' OR name LIKE '%李四%'`.execute(t.db);
    expect(hidden.rows[0]!.n).toBe(0);
  });

  it('refuses an area named with hidden characters in an area import', async () => {
    const street = await t.as('demo-street');
    const csv = ['区划代码,名称,版本', '510112005203,新\u200B华村,2020'].join('\r\n');
    const { payload, headers } = multipart('区划.csv', Buffer.from(csv));
    const out = (await street.request('POST', '/api/imports/areas', payload, headers)).json<AreaImportDto>();
    expect(out).toMatchObject({ created: 0, rejected: 1 });
    expect(out.errors[0]).toMatchObject({ column: '名称', value: '新<U+200B>华村' });
  });

  it('answers a JSON body sent to an upload route as a missing file, not a 500', async () => {
    const res = await grid.post('/api/imports/uploads', { file: 'x' });
    expect(res.statusCode).toBe(400);
    expect(refusal(res.body).error.fields).toEqual([expect.objectContaining({ field: 'file', reason: 'required' })]);
  });
});

describe('the database as the last line', () => {
  it('refuses a hidden character in a stored name (validated constraints), answered on the field', async () => {
    // On Citus the coordinator also holds its copies of the reference tables (areas_102008, …),
    // whose checks bear the same names: each name is counted once, every copy validated.
    const checks = await sql<{ conname: string; convalidated: boolean }>`
      SELECT conname, bool_and(convalidated) AS convalidated FROM pg_constraint
      WHERE conname LIKE '%\\_visible' GROUP BY conname ORDER BY conname`.execute(t.db);
    expect(checks.rows).toHaveLength(12);
    expect(checks.rows.every((c) => c.convalidated)).toBe(true);
    const id = await grid.post('/api/persons', person('赵六'));
    const error = await t.db
      .updateTable('persons')
      .set({ name: '赵\u202E六' })
      .where('district_id', '=', await t.areaId('510112'))
      .where('id', '=', id.json<{ id: string }>().id)
      .execute()
      .then(
        () => null,
        (e: unknown) => e,
      );
    // Relayed from a Citus shard, the error names the constraint only in its message.
    expect(error).toMatchObject({ code: '23514' });
    expect((error as Error).message).toMatch(/ constraint "persons_name_visible"$/);
    expect(translateDbError(error)?.fields).toEqual([
      expect.objectContaining({ field: 'name', reason: 'invisible_character' }),
    ]);
  });
});
