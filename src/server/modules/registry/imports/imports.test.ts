/** Registry imports: reading a ledger (xlsx or CSV) and writing it into the registry, and importing areas. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { type ErrorBody, testApp } from '../../../../../test/support/app.js';
import { idNumber } from '../../../../../test/support/health.js';
import { guessed, importKit, type Job } from '../../../../../test/support/imports.js';
import { multipart } from '../../../../../test/support/ledger.js';
import { recountRegistry, registryCounters } from '../../../../../test/support/recount.js';
import type { AreaImportDto, StartedImportDto, UploadDto } from './index.js';

/** What these tests read of the platform's areas answers. */
type Area = { name: string; level: string };

const t = await testApp({ config: { DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ss-imports-')) } });
const { grid, ownGrid, upload, uploaded, runJobs, importOnce } = await importKit(t);

describe('ledger upload', () => {
  it('finds the header under the title and group rows and guesses the columns', async () => {
    const res = await upload(grid);
    expect(res.statusCode).toBe(201);
    const up = res.json<UploadDto>();
    expect(up.headerRow).toBe(3);
    expect(up.sheet).toBe('一房一户');
    // Row 6 holds an ID Excel stored as a number: the column says so before the import starts.
    expect(up.columns.filter((c) => c.numeric).map((c) => c.header)).toContain('身份证号码');
    expect(Object.fromEntries(up.columns.map((c) => [c.header, c.field]))).toEqual({
      序号: null,
      小区名称: 'courtyard',
      楼栋: 'building',
      单元: 'unit',
      房号: 'room',
      户主姓名: 'headName',
      与户主关系: 'relationship',
      姓名: 'name',
      身份证号码: 'docNumber',
      联系电话: 'phone',
      居住类型: 'occupancyType',
      备注: 'note',
    });
    expect(up.sample[0]).toEqual([
      '1',
      '三盛都会城',
      '3栋',
      '2单元',
      '1201',
      '王建国',
      '户主',
      '王建国',
      '510112198005121010',
      '138 0013 8000',
      '自有',
      '',
    ]);
  });

  it('refuses other file types and a mapping without the required columns', async () => {
    const { payload, headers } = multipart('台账.xls', Buffer.from('old'));
    const bad = await grid.request('POST', '/api/imports/uploads', payload, headers);
    expect(bad.json<ErrorBody>().error.fields[0]).toMatchObject({ field: 'file', reason: 'unsupported_type' });
    // An .xlsx the reader cannot open says so, and why, instead of "no header".
    const broken = multipart('坏文件.xlsx', Buffer.from('PK this is not a workbook'));
    const unreadable = await grid.request('POST', '/api/imports/uploads', broken.payload, broken.headers);
    expect(unreadable.json<ErrorBody>().error.fields[0]).toMatchObject({ field: 'file', reason: 'unreadable' });
    const up = await uploaded(grid);
    const res = await grid.post('/api/imports', {
      uploadId: up.uploadId,
      targetAreaId: ownGrid,
      mapping: { '7': 'name' },
    });
    expect(res.json<ErrorBody>().error.fields[0]).toMatchObject({ field: 'mapping', reason: 'missing_required' });
    expect(res.json<ErrorBody>().error.details?.fields).toEqual(['docNumber', 'courtyard', 'room']);
  });
});

describe('importing a messy ledger', () => {
  let jobId = '';

  it('writes the valid rows and reports the others, cell by cell', async () => {
    jobId = await importOnce();
    await runJobs();
    const job = (await grid.get(`/api/jobs/${jobId}`)).json<Job>();
    expect(job).toMatchObject({ status: 'succeeded', progress: 100 });
    // The blank line (row 7) is not in the xlsx at all; row numbers stay as Excel shows them.
    expect(job.result).toMatchObject({
      rows: 11,
      blank: 0,
      imported: 7,
      skipped: 0,
      rejected: 4,
      warned: 1,
      errorReport: `/api/imports/${jobId}/errors`,
    });
    const report = (await grid.get(`/api/imports/${jobId}/errors?format=csv`)).body
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(report).toEqual([
      '行号,列,值,原因,类型',
      '6,身份证号码,510112200803011000,"Excel 将证件号码存成了数字，末尾数字已丢失；请把该列设为""文本""格式、重新填写后再导入",未导入',
      '10,联系电话,12345678901,电话号码格式不正确，未导入该电话,已导入（提示）',
      '11,身份证号码,510112197802022021,证件号码校验位不正确，请核对号码,未导入',
      '12,身份证号码,51011219900230123X,证件号码出生日期不存在,未导入',
      '13,身份证号码,510112198005121010,与第 4 行重复,未导入',
    ]);
  });

  it('normalises what it took, and builds households per dwelling and head', async () => {
    const persons = await t.db
      .selectFrom('persons')
      .select(['name', 'doc_number', 'phone'])
      .orderBy('doc_number')
      .execute();
    expect(persons.map((p) => `${p.name}:${p.doc_number}:${p.phone ?? ''}`)).toEqual([
      '赵兰:11010519491231002X:',
      '孙丽:510112195203033018:13711112222',
      '张伟:510112197501012011:13900002222',
      '张丽:510112197802022029:',
      '王建国:510112198005121010:13800138000',
      '李秀英:510112198208161020:13900001111',
      '=cmd|calc:510112199011114014:',
    ]);
    const households = await sql<{ room: string; type: string; members: string }>`
      SELECT d.room, o.type, string_agg(p.name || '/' || m.relationship, ',' ORDER BY m.relationship, p.name) AS members
      FROM occupancies o JOIN dwellings d ON d.district_id = o.district_id AND d.id = o.dwelling_id
      JOIN household_members m ON m.district_id = o.district_id AND m.household_id = o.household_id
      JOIN persons p ON p.district_id = m.district_id AND p.id = m.person_id
      WHERE o.end_date IS NULL GROUP BY 1, 2 ORDER BY 1`.execute(t.db);
    expect(households.rows).toEqual([
      { room: '1201', type: 'owned', members: '王建国/head,李秀英/spouse' },
      { room: '1202', type: 'owned', members: '张伟/head,张丽/other,赵兰/parent' },
      { room: '1401', type: 'rented', members: '孙丽/head' },
      { room: '1402', type: 'rented', members: '=cmd|calc/head' },
    ]);
    const versions = await t.db
      .selectFrom('record_versions')
      .select('channel')
      .where('record_type', '=', 'person')
      .execute();
    expect(new Set(versions.map((v) => v.channel))).toEqual(new Set(['import']));
    expect(await registryCounters(t.db)).toEqual(await recountRegistry(t.db));
  });

  it('creates nothing new when the same file is imported again', async () => {
    const before = await t.db
      .selectFrom('persons')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    const again = await importOnce();
    await runJobs();
    const job = (await grid.get(`/api/jobs/${again}`)).json<Job>();
    expect(job.result).toMatchObject({ imported: 0, skipped: 7, rejected: 4 });
    const after = await t.db
      .selectFrom('persons')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
    expect(
      (
        await t.db
          .selectFrom('households')
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ).toBe(4);
  });

  it('exports what it imported masked, with the formula name neutralised', async () => {
    const community = await t.as('demo-community');
    const csv = (await community.get('/api/exports/persons?format=csv')).body;
    expect(csv).toMatch(/'=\*+c/);
    expect(csv).not.toMatch(/\r\n=cmd/);
    expect(csv).not.toContain('13800138000');
  });
});

describe('importing a CSV ledger', () => {
  it('reads UTF-8 with a BOM, and rejects an ID that Excel turned into scientific notation', async () => {
    const csv = [
      '小区,楼栋,房号,姓名,身份证号码,与户主关系,居住类型',
      '桃源居,1栋,101,胡敏,510112196606062029,户主,租住',
      '桃源居,1栋,101,胡杰,5.10112E+17,子女,租住',
    ].join('\r\n');
    const { payload, headers } = multipart('桃源居.csv', Buffer.from(`\uFEFF${csv}`));
    const up = (await grid.request('POST', '/api/imports/uploads', payload, headers)).json<UploadDto>();
    expect(up).toMatchObject({ kind: 'csv', headerRow: 1 });
    const mapping = guessed(up);
    const jobId = (
      await grid.post('/api/imports', { uploadId: up.uploadId, targetAreaId: ownGrid, mapping })
    ).json<StartedImportDto>().jobId;
    await runJobs();
    const job = (await grid.get(`/api/jobs/${jobId}`)).json<Job>();
    expect(job.result).toMatchObject({ rows: 2, imported: 1, rejected: 1 });
    const report = (await grid.get(`/api/imports/${jobId}/errors`)).body;
    expect(report).toContain('3,身份证号码,5.10112E+17,"Excel 将证件号码存成了数字');
  });
});

describe('a row the database refuses', () => {
  it('is named in the report, and the other rows of its batch are imported', async () => {
    // A rule only the database knows (the row passes every check before it): the batch,
    // refused whole, is written again row by row.
    await sql`ALTER TABLE persons ADD CONSTRAINT persons_not_refused CHECK (name <> '拒收')`.execute(t.db);
    try {
      const csv = [
        '小区,楼栋,房号,姓名,身份证号码,与户主关系',
        `拒收苑,1栋,101,孙一,${idNumber()},户主`,
        `拒收苑,1栋,102,拒收,${idNumber()},户主`,
        `拒收苑,1栋,101,孙三,${idNumber()},子女`,
      ].join('\r\n');
      const { payload, headers } = multipart('拒收苑.csv', Buffer.from(csv));
      const up = (await grid.request('POST', '/api/imports/uploads', payload, headers)).json<UploadDto>();
      const jobId = (
        await grid.post('/api/imports', { uploadId: up.uploadId, targetAreaId: ownGrid, mapping: guessed(up) })
      ).json<StartedImportDto>().jobId;
      await runJobs();
      const job = (await grid.get(`/api/jobs/${jobId}`)).json<Job>();
      expect(job.result).toMatchObject({ rows: 3, imported: 2, rejected: 1 });
      const report = (await grid.get(`/api/imports/${jobId}/errors`)).body;
      expect(report).toMatch(/\n3,,,数据库拒绝了该行：[^\n]+,未导入/);
      const members = await sql<{ room: string; name: string; relationship: string }>`
        SELECT d.room, p.name, m.relationship FROM courtyards c
        JOIN dwellings d ON d.district_id = c.district_id AND d.courtyard_id = c.id
        JOIN occupancies o ON o.district_id = d.district_id AND o.dwelling_id = d.id
        JOIN household_members m ON m.district_id = o.district_id AND m.household_id = o.household_id
        JOIN persons p ON p.district_id = m.district_id AND p.id = m.person_id
        WHERE c.name = '拒收苑' ORDER BY p.name`.execute(t.db);
      expect(members.rows).toEqual([
        { room: '101', name: '孙一', relationship: 'head' },
        { room: '101', name: '孙三', relationship: 'child' },
      ]);
      // The refused row's dwelling was written with it, and rolled back with it.
      const rooms = await sql<{ room: string }>`
        SELECT d.room FROM dwellings d JOIN courtyards c ON c.district_id = d.district_id AND c.id = d.courtyard_id
        WHERE c.name = '拒收苑' ORDER BY d.room`.execute(t.db);
      expect(rooms.rows.map((r) => r.room)).toEqual(['101']);
      expect(await registryCounters(t.db)).toEqual(await recountRegistry(t.db));
    } finally {
      await sql`ALTER TABLE persons DROP CONSTRAINT persons_not_refused`.execute(t.db);
    }
  });
});

describe('importing areas', () => {
  it('creates new areas parents first, renames existing ones, and reports the rest', async () => {
    const street = await t.as('demo-street');
    const csv = [
      '柏合街道区划（2020）',
      '区划代码,名称,版本',
      '510112005203001,新华村第一网格,2020',
      '510112005203,新华村,2020',
      '510112005000,柏合街道,2020',
      '510112005202,长松社区,2020',
      '510112006001,外街道社区,2020',
      'abc,坏代码,2020',
      '510112101202,洛带镇的村,2020',
    ].join('\r\n');
    const { payload, headers } = multipart('区划.csv', Buffer.from(`\uFEFF${csv}`));
    const res = await street.request('POST', '/api/imports/areas', payload, headers);
    expect(res.statusCode).toBe(200);
    const out = res.json<AreaImportDto>();
    expect(out).toMatchObject({ created: 2, renamed: 1, unchanged: 1, rejected: 3 });
    expect(out.errors.map((e) => `${e.row}:${e.reason}`)).toEqual([
      '7:上级区域 510112006 不存在或不在您的管辖范围内',
      '8:代码须为 6、9、12 或 15 位数字',
      '9:上级区域 510112101 不存在或不在您的管辖范围内',
    ]);
    const village = (await street.get(`/api/areas?q=${encodeURIComponent('新华村')}`)).json<{ items: Area[] }>().items;
    expect(village.map((a) => `${a.name}:${a.level}`)).toEqual(['新华村:community', '新华村第一网格:grid']);
    expect((await street.get(`/api/areas/${await t.areaId('510112005202')}`)).json<Area>().name).toBe('长松社区');
  });
});
