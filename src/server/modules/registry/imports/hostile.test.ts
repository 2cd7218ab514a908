/**
 * Hostile ledgers (issue 12, item 4): a 196 KB .xlsx with one 200 MB cell took the
 * server from 0.7 to 1.9 GB and stalled health checks 4 s, and a 200,000-column CSV
 * stalled the event loop. Each file here is generated in the test; each is refused with
 * its own reason (row and column named where there is one) while the process's memory
 * stays sane and /api/health keeps answering.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type ErrorBody, type TestResponse, testApp } from '../../../../../test/support/app.js';
import { idNumber } from '../../../../../test/support/health.js';
import { guessed, importKit, type Job } from '../../../../../test/support/imports.js';
import { LEDGER_HEADER, messyXlsx, multipart } from '../../../../../test/support/ledger.js';
import { HEADER_ROW, HEADER_STRINGS, part, workbook, zip } from '../../../../../test/support/zip.js';
import type { StartedImportDto, UploadDto } from './index.js';

const t = await testApp({
  config: { DATA_DIR: await mkdtemp(path.join(tmpdir(), 'ss-hostile-')), IMPORT_PREVIEW_ROWS: 3 },
});
const { grid, ownGrid, runJobs } = await importKit(t);
const MB = 1024 * 1024;

/**
 * Uploads a file while /api/health is asked every 20 ms: the answer, how much the
 * process's resident memory grew at most, and the slowest health answer.
 */
async function hostile(filename: string, file: Buffer, route = '/api/imports/uploads', as = grid) {
  const { payload, headers } = multipart(filename, file);
  const before = process.memoryUsage().rss;
  let peak = before;
  let slowest = 0;
  let done = false;
  const upload = as.request('POST', route, payload, headers).finally(() => {
    done = true;
  });
  const probe = async () => {
    while (!done) {
      const start = performance.now();
      const health = await t.anonymous.get('/api/health');
      slowest = Math.max(slowest, performance.now() - start);
      expect(health.statusCode).toBe(200);
      peak = Math.max(peak, process.memoryUsage().rss);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const [res] = await Promise.all([upload, probe()]);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { res, grewMb: (peak - before) / MB, slowestMs: slowest };
}

/** The refusal's one field problem, after checking it is a refusal and not a failure. */
function refusal(res: TestResponse) {
  expect(res.statusCode, res.body.slice(0, 300)).toBe(400);
  const error = res.json<ErrorBody>().error;
  expect(error.code).toBe('VALIDATION_FAILED');
  expect(error.fields).toHaveLength(1);
  return { ...error.fields[0]!, details: error.details };
}

/** A sane upload: under 300 MB more memory, health never slower than a second. */
function sane(out: { grewMb: number; slowestMs: number }) {
  expect(out.grewMb).toBeLessThan(300);
  expect(out.slowestMs).toBeLessThan(1000);
}

const dataRow = '<row r="2"><c r="A2" t="inlineStr"><is><t>桃源居</t></is></c><c r="C2" t="s"><v>4</v></c></row>';

describe('hostile xlsx files', () => {
  it("refuses the issue's file, one 200 MB cell in 200 KB, by what it declares, without unpacking it", async () => {
    const file = workbook(
      [HEADER_ROW, dataRow],
      [HEADER_STRINGS, '<si><t>', { repeat: 'A'.repeat(MB), times: 200 }, '</t></si>'],
    );
    expect(file.length).toBeLessThan(300 * 1024);
    const out = await hostile('一个巨大单元格.xlsx', file);
    expect(refusal(out.res)).toMatchObject({ field: 'file', reason: 'file_too_expanded' });
    sane(out);
  });

  it('refuses a 20 MB cell of one letter (20 KB compressed) at its first 20 KB', async () => {
    const file = workbook(
      [HEADER_ROW, dataRow],
      [HEADER_STRINGS, '<si><t>', { repeat: 'A'.repeat(MB), times: 20 }, '</t></si>'],
    );
    const out = await hostile('巨大单元格.xlsx', file);
    const p = refusal(out.res);
    expect(p).toMatchObject({ field: 'file', reason: 'text_too_long' });
    expect(p.messages['zh-CN']).toContain('2000');
    expect(p.details).toEqual({ part: 'xl/sharedStrings.xml' });
    sane(out);
    // The same cell written inline in the sheet, not among the shared strings.
    const inline = `<row r="2"><c r="C2" t="inlineStr"><is><t>${'B'.repeat(100)}`;
    const sheet = workbook(
      [HEADER_ROW, inline, { repeat: 'B'.repeat(MB), times: 20 }, '</t></is></c></row>'],
      [HEADER_STRINGS],
    );
    expect(refusal((await hostile('行内巨大单元格.xlsx', sheet)).res)).toMatchObject({ reason: 'text_too_long' });
  });

  it('refuses a 1 GB zip bomb by what its directory declares, before unpacking it', async () => {
    const rows = '<row><c><v>1234567</v></c></row>'.repeat(MB / 32);
    const file = workbook([HEADER_ROW, { repeat: rows, times: 1024 }], [HEADER_STRINGS]);
    const out = await hostile('炸弹.xlsx', file);
    expect(refusal(out.res)).toMatchObject({ field: 'file', reason: 'file_too_expanded' });
    expect(refusal(out.res).messages.en).toContain('100 MB');
    sane(out);
  });

  it('refuses a zip bomb that lies about its size once it unpacks past what it declared', async () => {
    const rows = '<row><c><v>1234567</v></c></row>'.repeat(MB / 32);
    const file = workbook([HEADER_ROW, { repeat: rows, times: 1024 }], [HEADER_STRINGS], { declareSheet: 4000 });
    const out = await hostile('说谎的炸弹.xlsx', file);
    const p = refusal(out.res);
    expect(p).toMatchObject({ field: 'file', reason: 'unreadable' });
    expect(p.details?.cause).toMatch(/xl\/worksheets\/sheet1\.xml/);
    sane(out);
  });

  it('refuses a part compressed 1000:1 even under the size limit', async () => {
    const rows = '<row><c><v>1234567</v></c></row>'.repeat(MB / 32);
    const file = workbook([HEADER_ROW, { repeat: rows, times: 60 }], [HEADER_STRINGS]);
    const out = await hostile('高压缩比.xlsx', file);
    const p = refusal(out.res);
    expect(p).toMatchObject({ field: 'file', reason: 'compressed_too_much' });
    expect(p.messages['zh-CN']).toContain('xl/worksheets/sheet1.xml');
    sane(out);
  });

  it('refuses an archive of 2,000 parts', async () => {
    const parts = Array.from({ length: 2000 }, (_, i) => part(`xl/media/p${i}.xml`, ['<a/>']));
    const p = refusal((await hostile('很多文件.xlsx', zip(parts))).res);
    expect(p).toMatchObject({ field: 'file', reason: 'too_many_entries' });
  });

  it('names the row and column of a cell over 2,000 characters, and refuses over 200 columns', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('台账');
    sheet.addRow(LEDGER_HEADER);
    sheet.addRow([1, '三盛都会城', '3栋', '2单元', '1201', '王建国', '户主', '王建国', idNumber(), '', '自有', '']);
    sheet.addRow([
      2,
      '三盛都会城',
      '3栋',
      '2单元',
      '1201',
      '王建国',
      '配偶',
      '李秀英',
      idNumber(),
      '',
      '自有',
      '长'.repeat(3000),
    ]);
    const long = refusal((await hostile('长备注.xlsx', Buffer.from(await book.xlsx.writeBuffer()))).res);
    expect(long).toMatchObject({ field: 'file', reason: 'cell_too_long' });
    expect(long.messages['zh-CN']).toBe('第 3 行 L 列的单元格超过 2000 个字符');
    expect(long.messages.en).toBe('the cell in row 3, column L is longer than 2000 characters');

    sheet.getRow(3).getCell(12).value = '';
    sheet.getRow(2).getCell(250).value = '多余';
    const wide = refusal((await hostile('很宽.xlsx', Buffer.from(await book.xlsx.writeBuffer()))).res);
    expect(wide).toMatchObject({ field: 'file', reason: 'too_many_columns' });
    expect(wide.messages['zh-CN']).toBe('第 2 行超过 200 列');
  });
});

describe('hostile CSV files', () => {
  it('refuses a 200,000-column line without building it, and health answers meanwhile', async () => {
    const line = Array.from({ length: 200_000 }, (_, i) => `列${i}`).join(',');
    const out = await hostile('很宽.csv', Buffer.from(`${line}\r\n${line}\r\n`));
    const p = refusal(out.res);
    expect(p).toMatchObject({ field: 'file', reason: 'too_many_columns' });
    expect(p.messages.en).toBe('row 1 has more than 200 columns');
    sane(out);
    // The area import reads with the same reader, and refuses the same way.
    const street = await t.as('demo-street');
    const areas = await hostile(
      '很宽.csv',
      Buffer.from(`${'代码,'.repeat(100_000)}\r\n`),
      '/api/imports/areas',
      street,
    );
    expect(refusal(areas.res)).toMatchObject({ field: 'file', reason: 'too_many_columns' });
  });

  it('names the row and column of a 1 MB cell', async () => {
    const csv = `小区,房号,姓名,身份证号码\r\n桃源居,101,${'x'.repeat(MB)},${idNumber()}\r\n`;
    const out = await hostile('大单元格.csv', Buffer.from(csv));
    const p = refusal(out.res);
    expect(p).toMatchObject({ field: 'file', reason: 'cell_too_long' });
    expect(p.messages['zh-CN']).toBe('第 2 行 C 列的单元格超过 2000 个字符');
    sane(out);
    // A 10 MB cell is not even read whole: the record stops at the bytes its allowed cells could hold.
    const huge = await hostile(
      '巨大单元格.csv',
      Buffer.from(`小区,房号,姓名\r\n桃源居,101,${'x'.repeat(10 * MB)}\r\n`),
    );
    expect(refusal(huge.res).messages['zh-CN']).toBe('第 2 行 C 列的单元格超过 2000 个字符');
    sane(huge);
  });
});

describe('what a ledger that passes shows and imports', () => {
  it('previews at most IMPORT_PREVIEW_ROWS rows', async () => {
    const { payload, headers } = multipart('东华村台账.xlsx', await messyXlsx());
    const up = (await grid.request('POST', '/api/imports/uploads', payload, headers)).json<UploadDto>();
    expect(up.headerRow).toBe(3);
    expect(up.sample).toHaveLength(3);
    // Empty columns past the last one allowed (as a spreadsheet saved to CSV may leave) are no content.
    const csv = `小区,房号,姓名,身份证号码${','.repeat(300)}\r\n桃源居,101,胡敏,${idNumber()}${','.repeat(300)}\r\n`;
    const wide = multipart('多余逗号.csv', Buffer.from(csv));
    const res = await grid.request('POST', '/api/imports/uploads', wide.payload, wide.headers);
    expect(res.statusCode).toBe(201);
    expect(res.json<UploadDto>().columns.map((c) => c.header)).toEqual(['小区', '房号', '姓名', '身份证号码']);
  });

  it('refuses, in the error report, a row past the preview whose cell is too long, and imports the rest', async () => {
    const head = '小区,楼栋,房号,姓名,身份证号码,与户主关系,居住类型,备注';
    const name = (i: number) => `${'张王李赵刘陈杨黄周吴'[i % 10]}${'一二三四'[Math.floor(i / 10)]}`;
    const row = (i: number, note = '') => `桃源居,1栋,${100 + i},${name(i)},${idNumber()},户主,自有,${note}`;
    const lines = [head, ...Array.from({ length: 30 }, (_, i) => row(i)), row(30, '长'.repeat(3000)), row(31)];
    const { payload, headers } = multipart('桃源居.csv', Buffer.from(lines.join('\r\n')));
    const uploaded = await grid.request('POST', '/api/imports/uploads', payload, headers);
    expect(uploaded.statusCode).toBe(201);
    const up = uploaded.json<UploadDto>();
    const started = await grid.post('/api/imports', {
      uploadId: up.uploadId,
      targetAreaId: ownGrid,
      mapping: guessed(up),
    });
    const jobId = started.json<StartedImportDto>().jobId;
    await runJobs();
    const job = (await grid.get(`/api/jobs/${jobId}`)).json<Job>();
    expect(job).toMatchObject({ status: 'succeeded' });
    expect(job.result).toMatchObject({ rows: 32, imported: 31, rejected: 1 });
    const report = (await grid.get(`/api/imports/${jobId}/errors`)).body;
    expect(report).toContain('32,备注,,第 32 行 H 列的单元格超过 2000 个字符,未导入');
  });
});
