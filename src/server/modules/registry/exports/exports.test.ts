import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type ErrorBody, testApp } from '../../../../../test/support/app.js';
import type { BuildingDto, CourtyardDto, DwellingDto, UnitDto } from '../places/index.js';
import { safeCell } from './cells.js';
import type { ExportRow } from './query.js';
import { xlsx } from './service.js';

const t = await testApp();
const grid = await t.as('demo-grid');
const ownGrid = await t.areaId('510112005201001');
const yard = (
  await grid.post('/api/courtyards', { gridId: ownGrid, name: '三盛都会城', kind: 'urban_compound' })
).json<CourtyardDto>();
const b = (await grid.post(`/api/courtyards/${yard.id}/buildings`, { label: '3栋' })).json<BuildingDto>();
const u = (await grid.post(`/api/buildings/${b.id}/units`, { label: '2单元' })).json<UnitDto>();
const d = (
  await grid.post('/api/dwellings', { courtyardId: yard.id, buildingId: b.id, unitId: u.id, room: '1201' })
).json<DwellingDto>();
const FORMULA = '=HYPERLINK("http://evil.example","点我")';
const household = await grid.post('/api/households', {
  dwellingId: d.id,
  occupancyType: 'rented',
  startDate: '2020-02-01',
  members: [
    {
      relationship: 'head',
      person: {
        name: '鞠晓琴',
        docType: 'resident_id',
        docNumber: '510112198503074229',
        phone: '13800138000',
        tags: ['独居老人'],
      },
    },
    { relationship: 'other', person: { name: FORMULA, docType: 'passport', docNumber: 'E12345678' } },
  ],
});
expect(household.statusCode).toBe(201);

function csvRows(body: string) {
  return body
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
}

describe('persons export', () => {
  it('is masked, watermarked and formula-safe by default, with a UTF-8 BOM', async () => {
    const community = await t.as('demo-community');
    const res = await community.get(`/api/exports/persons?format=csv&courtyardId=${yard.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('实有人口-三盛都会城'));
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const [watermark, header, ...rows] = csvRows(res.body);
    expect(watermark).toMatch(/^脱敏导出｜导出人：demo-community/);
    expect(header).toBe(
      '姓名,证件类型,证件号码,性别,出生日期,联系电话,人口类型,户籍地,工作单位,标签,网格,住址,与户主关系,居住类型',
    );
    expect(rows).toHaveLength(2);
    const ju = rows.find((r) => r.startsWith('鞠'))!;
    expect(ju).toBe(
      '鞠*琴,居民身份证,5101**********4229,女,1985-**-**,138****8000,户籍,,,独居老人,三盛都会城网格,三盛都会城 3栋 **,户主,租住',
    );
    const evil = rows.find((r) => !r.startsWith('鞠'))!;
    expect(evil.startsWith("'=*")).toBe(true);
    expect(res.body).not.toContain('13800138000');
    const entry = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'person.export')
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ actor_username: 'demo-community', details: { format: 'csv', masked: true } });
  });

  it('escapes the formula even unmasked, where the full name is shown', async () => {
    const district = await t.as('demo-district');
    const res = await district.get(
      `/api/exports/persons?format=csv&courtyardId=${yard.id}&unmasked=true&reason=${encodeURIComponent('疫情流调需要完整联系方式')}`,
    );
    const rows = csvRows(res.body);
    expect(rows[0]).toMatch(/^未脱敏导出/);
    expect(rows.find((r) => r.startsWith('鞠'))).toContain('510112198503074229,女,1985-03-07,13800138000');
    expect(rows.find((r) => r.includes('HYPERLINK'))).toBe(
      `"'${FORMULA.replaceAll('"', '""')}",护照,E12345678,,,,户籍,,,,三盛都会城网格,三盛都会城 3栋 2单元 1201,其他,租住`,
    );
    const entry = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'person.export_unmasked')
      .executeTakeFirstOrThrow();
    expect(entry.details).toMatchObject({ masked: false, reason: '疫情流调需要完整联系方式' });
  });

  it('answers a check request without a file or an audit row', async () => {
    const district = await t.as('demo-district');
    const before = await t.db.selectFrom('audit_log').select('id').where('action', 'like', 'person.export%').execute();
    expect(
      (await district.get('/api/exports/persons?check=true&unmasked=true&reason=needed-for-tracing')).statusCode,
    ).toBe(204);
    expect((await district.get('/api/exports/persons?check=true&unmasked=true')).statusCode).toBe(400);
    const after = await t.db.selectFrom('audit_log').select('id').where('action', 'like', 'person.export%').execute();
    expect(after).toHaveLength(before.length);
  });

  it('refuses an unmasked export without the permission or without a reason', async () => {
    const community = await t.as('demo-community');
    expect((await community.get('/api/exports/persons?unmasked=true&reason=needed-for-work')).statusCode).toBe(403);
    const district = await t.as('demo-district');
    const noReason = await district.get('/api/exports/persons?unmasked=true');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json<ErrorBody>().error.fields[0]).toMatchObject({ field: 'reason' });
    expect((await grid.get('/api/exports/persons')).statusCode).toBe(403);
  });

  it('writes an xlsx workbook with the watermark, masked values and no formulas', async () => {
    const street = await t.as('demo-street');
    const res = await street.get(`/api/exports/persons?format=xlsx&courtyardId=${yard.id}`);
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0]!;
    expect(sheet.name).toBe('实有人口1');
    expect(sheet.getRow(1).getCell(1).text).toMatch(/^脱敏导出｜导出人：demo-street/);
    expect(sheet.getRow(2).getCell(3).value).toBe('证件号码');
    const values = [3, 4].map((i) => sheet.getRow(i).getCell(1).value);
    expect(values).toContain('鞠*琴');
    const evil = values.find((v) => v !== '鞠*琴');
    expect(typeof evil).toBe('string');
    expect(typeof evil === 'string' && evil.startsWith("'=")).toBe(true);
  });

  it('stays inside the scope', async () => {
    const luodai = await t.areaId('510112101');
    const street = await t.as('demo-street');
    expect((await street.get(`/api/exports/persons?areaId=${luodai}`)).statusCode).toBe(404);
  });
});

describe('spreadsheet limits and safety', () => {
  it('starts a new sheet when one is full', async () => {
    const row = (i: number): ExportRow => ({
      id: String(i),
      name: `人员${i}`,
      doc_type: 'passport',
      doc_number: `E${i}0000`,
      gender: null,
      birth_date: null,
      phone: null,
      population_type: 'registered',
      hukou_place: null,
      work_unit: null,
      tags: [],
      area_path: '/1/',
      grid: '网格',
      courtyard: null,
      building: null,
      unit: null,
      room: null,
      relationship: null,
      occupancy: null,
    });
    const rows = Readable.from([1, 2, 3, 4, 5].map(row));
    const chunks: Buffer[] = [];
    for await (const c of xlsx(rows, false, '水印', 'tester', 2)) chunks.push(c as Buffer);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['实有人口1', '实有人口2', '实有人口3']);
    expect(book.worksheets.map((w) => w.rowCount)).toEqual([4, 4, 3]);
    expect(book.worksheets[2]!.getRow(3).getCell(1).value).toBe('人员5');
  });

  it('neutralises every formula start', () => {
    expect(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '张三', ''].map(safeCell)).toEqual([
      "'=1+1",
      "'+1",
      "'-1",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
      '张三',
      '',
    ]);
  });
});
