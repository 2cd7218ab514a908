/** Starting an import of an uploaded ledger, and its error report. */
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { LEDGER_FIELDS, type LedgerField } from '../../../../domain/ledger.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { AppError, fieldProblem, notFound } from '../../../kernel/errors.js';
import { enqueue } from '../../../jobs/queue.js';
import { audit } from '../../../kernel/audit.js';
import { areaInScope, inScope } from '../../../kernel/scope.js';
import { csvLine, safeCell, UTF8_BOM } from '../exports/index.js';
import { IMPORT_KIND, type ImportPayload } from './job.js';
import { fileRefused } from './limits.js';
import { REPORT } from './texts.js';
import { preview } from './uploads.js';

const mappingProblem = (reason: string, fields: string[]) =>
  new AppError('VALIDATION_FAILED', [fieldProblem('mapping', reason)], { fields });

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
    .forUpdate() // the hourly purge skips an upload being started, and this waits for one being purged
    .executeTakeFirst();
  if (!upload) throw notFound();
  if (upload.removed_at) throw new AppError('VALIDATION_FAILED', [fieldProblem('uploadId', 'upload_removed')]);
  const area = await areaInScope(c, input.targetAreaId);
  if (area.retired_at) throw new AppError('AREA_RETIRED');
  if (area.level !== 'grid' && area.level !== 'community')
    throw new AppError('VALIDATION_FAILED', [fieldProblem('targetAreaId', 'grid_or_community')]);
  const known = new Set<string>(LEDGER_FIELDS.map((f) => f.key));
  const chosen = Object.entries(input.mapping).filter(([, f]) => f);
  const fields = chosen.map(([, f]) => f);
  const unknown = fields.filter((f) => !known.has(f));
  const duplicated = fields.filter((f, i) => fields.indexOf(f) !== i);
  const required = LEDGER_FIELDS.filter((f) => f.required || (f.key === 'grid' && area.level === 'community')).map(
    (f) => f.key as string,
  );
  const missing = required.filter((f) => !fields.includes(f));
  // Which fields: in the answer's details (the catalogue's text names none).
  if (unknown.length) throw mappingProblem('unknown_field', unknown);
  if (duplicated.length) throw mappingProblem('duplicate_field', [...new Set(duplicated)]);
  if (missing.length) throw mappingProblem('missing_required', missing);
  // Read again (the limits may have changed since the upload): a refusal, never a 500.
  const found = await preview(upload.path, upload.kind, c.config).catch((e: unknown) => {
    throw fileRefused(e);
  });
  if (!found) throw new AppError('VALIDATION_FAILED', [fieldProblem('mapping', 'no_header')]);
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
    .where((eb) => eb.or([eb('j.created_by', '=', c.actor.id), inScope(c, 'a.path')]))
    .executeTakeFirst();
  if (!job) throw notFound();
  const rows = c.db
    .selectFrom('import_errors')
    .select(['row_no', 'column_name', 'value', 'reason', 'severity'])
    .where('job_id', '=', jobId)
    .orderBy('row_no')
    .orderBy('id')
    .stream(1000);
  const header = [...REPORT.header];
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
      r.severity === 'error' ? REPORT.error : REPORT.warning,
    ].map(safeCell);
  const filename = REPORT.filename(jobId, format);
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
    const sheet = book.addWorksheet(REPORT.sheet);
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
