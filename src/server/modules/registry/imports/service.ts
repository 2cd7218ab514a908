/** Starting an import of an uploaded ledger, and its error report. */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { LEDGER_FIELDS, type LedgerField } from '../../../../domain/ledger.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { AppError, notFound } from '../../../kernel/errors.js';
import { enqueue } from '../../../jobs/queue.js';
import { audit } from '../../../kernel/audit.js';
import { csvLine, safeCell, UTF8_BOM } from '../exports/cells.js';
import { IMPORT_KIND, type ImportPayload } from './job.js';
import { preview } from './uploads.js';

const mappingProblem = (reason: string, zh: string, en: string) => ({
  field: 'mapping',
  reason,
  messages: { 'zh-CN': zh, en },
});

export async function start(
  ctx: Context,
  input: { uploadId: string; targetAreaId: string; mapping: Record<string, string> },
) {
  const c = authorize(ctx, 'person.create');
  const upload = await c.db
    .selectFrom('uploads')
    .selectAll()
    .where('id', '=', input.uploadId)
    .where('created_by', '=', c.actor.id)
    .executeTakeFirst();
  if (!upload) throw notFound();
  const area = await c.db
    .selectFrom('areas')
    .select(['id', 'level', 'path', 'district_id', 'retired_at'])
    .where('id', '=', input.targetAreaId)
    .where('path', 'like', `${c.actor.areaPath}%`)
    .executeTakeFirst();
  if (!area) throw notFound();
  if (area.retired_at) throw new AppError('AREA_RETIRED');
  if (area.level !== 'grid' && area.level !== 'community') {
    throw new AppError('VALIDATION_FAILED', [
      {
        field: 'targetAreaId',
        reason: 'grid_or_community',
        messages: { 'zh-CN': '请选择一个网格或社区/村', en: 'choose a grid or a community/village' },
      },
    ]);
  }
  const known = new Set<string>(LEDGER_FIELDS.map((f) => f.key));
  const chosen = Object.entries(input.mapping).filter(([, f]) => f);
  const fields = chosen.map(([, f]) => f);
  const unknown = fields.filter((f) => !known.has(f));
  const duplicated = fields.filter((f, i) => fields.indexOf(f) !== i);
  const required = LEDGER_FIELDS.filter((f) => f.required || (f.key === 'grid' && area.level === 'community')).map(
    (f) => f.key as string,
  );
  const missing = required.filter((f) => !fields.includes(f));
  if (unknown.length)
    throw new AppError('VALIDATION_FAILED', [
      mappingProblem('unknown_field', `未知字段：${unknown.join('、')}`, `unknown fields: ${unknown.join(', ')}`),
    ]);
  if (duplicated.length)
    throw new AppError(
      'VALIDATION_FAILED',
      [
        mappingProblem(
          'duplicate_field',
          `同一字段对应了多列：${[...new Set(duplicated)].join('、')}`,
          `a field is mapped twice: ${[...new Set(duplicated)].join(', ')}`,
        ),
      ],
      { fields: [...new Set(duplicated)] },
    );
  if (missing.length) {
    const labels = missing.map((k) => LEDGER_FIELDS.find((f) => f.key === k)!.label);
    throw new AppError(
      'VALIDATION_FAILED',
      [
        mappingProblem(
          'missing_required',
          `缺少必需的列：${labels.join('、')}`,
          `required columns missing: ${missing.join(', ')}`,
        ),
      ],
      { fields: missing },
    );
  }
  const found = await preview(upload.path, upload.kind);
  if (!found)
    throw new AppError('VALIDATION_FAILED', [mappingProblem('no_header', '未能识别表头', 'no header row found')]);
  const headers: Partial<Record<LedgerField, string>> = {};
  for (const [i, f] of chosen)
    headers[f as LedgerField] = found.columns.find((col) => col.index === Number(i))?.header ?? f;
  const payload: ImportPayload = {
    uploadId: upload.id,
    path: upload.path,
    kind: upload.kind,
    targetAreaId: area.id,
    headerRow: found.headerRow,
    mapping: Object.fromEntries(chosen) as Record<string, LedgerField>,
    headers,
  };
  const job = await enqueue(c, {
    kind: IMPORT_KIND,
    payload: payload as unknown as Record<string, unknown>,
    maxAttempts: 3,
    area: { id: area.id, districtId: area.district_id },
  });
  await audit(c, {
    action: 'import.start',
    resourceType: 'job',
    resourceId: job.id,
    area: { id: area.id, path: area.path, districtId: area.district_id },
    details: { uploadId: upload.id, filename: upload.filename },
  });
  return { jobId: job.id };
}

/** The refused and warned rows of an import: row, column, value, reason — as CSV or XLSX. */
export async function errorReport(ctx: Context, jobId: string, format: 'csv' | 'xlsx') {
  const c = authorize(ctx, 'person.create');
  const job = await c.db
    .selectFrom('jobs as j')
    .leftJoin('areas as a', 'a.id', 'j.area_id')
    .select(['j.id', 'j.created_by', 'a.path'])
    .where('j.id', '=', jobId)
    .where('j.kind', '=', IMPORT_KIND)
    .where((eb) => eb.or([eb('j.created_by', '=', c.actor.id), eb('a.path', 'like', `${c.actor.areaPath}%`)]))
    .executeTakeFirst();
  if (!job) throw notFound();
  const rows = c.db
    .selectFrom('import_errors')
    .select(['row_no', 'column_name', 'value', 'reason', 'severity'])
    .where('job_id', '=', jobId)
    .orderBy('row_no')
    .orderBy('id')
    .stream(1000);
  const header = ['行号', '列', '值', '原因', '类型'];
  const cells = (r: {
    row_no: number;
    column_name: string | null;
    value: string | null;
    reason: string;
    severity: string;
  }) =>
    [
      String(r.row_no),
      r.column_name ?? '',
      r.value ?? '',
      r.reason,
      r.severity === 'error' ? '未导入' : '已导入（提示）',
    ].map(safeCell);
  const filename = `导入错误报告-${jobId.slice(0, 8)}.${format}`;
  if (format === 'csv') {
    async function* lines() {
      yield UTF8_BOM + csvLine(header);
      for await (const r of rows) yield csvLine(cells(r));
    }
    return { filename, contentType: 'text/csv; charset=utf-8', body: Readable.from(lines()) };
  }
  const out = new PassThrough();
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  void (async () => {
    const sheet = book.addWorksheet('错误报告');
    sheet.addRow(header).commit();
    for await (const r of rows) sheet.addRow(cells(r)).commit();
    sheet.commit();
    await book.commit();
  })().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return {
    filename,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    body: out as Readable,
  };
}
