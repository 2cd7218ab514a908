/**
 * Receiving a ledger file: streamed to DATA_DIR/uploads by the pipeline (never held in
 * memory, never while a database connection is held), then its first rows read to find the header row and guess each column's meaning.
 */
import path from 'node:path';
import type { ReceivedUpload } from '../../../http/uploads.js';
import { findHeaderRow, LEDGER_FIELDS } from '../../../../domain/ledger.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { AppError, fieldProblem } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import type { Config } from '../../../config.js';
import { fileRefused, FileRefusal, type ReadLimits } from './limits.js';
import { type FileKind, firstSheetName, readRows, type SheetRow } from './reader.js';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** A refused file: the reason's text is the catalogue's (a file past the limits: limits.ts, fileRefused). */
const fileProblem = (reason: string) => new AppError('VALIDATION_FAILED', [fieldProblem('file', reason)]);

function kindOf(filename: string): FileKind | null {
  const ext = path.extname(filename).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.xlsx' ? 'xlsx' : null;
}

/** The file's first rows; a row past a limit (a cell too long, too many columns) refuses the file. */
export async function firstRows(file: string, kind: FileKind, count: number, limits: ReadLimits): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of readRows(file, kind, limits)) {
    if (row.problem) throw new FileRefusal(row.problem.reason, row.problem.values);
    rows.push(row);
    if (rows.length >= count) break;
  }
  return rows;
}

type PreviewLimits = ReadLimits & Pick<Config, 'IMPORT_PREVIEW_ROWS'>;

/**
 * The header row (1-based), each column's guessed field, and at most IMPORT_PREVIEW_ROWS
 * rows under it, whole: a cell is never cut, since no cell passes IMPORT_MAX_CELL_CHARS.
 * Throws a FileRefusal for a file past the limits.
 */
export async function preview(file: string, kind: FileKind, limits: PreviewLimits) {
  const shown = limits.IMPORT_PREVIEW_ROWS;
  const rows = await firstRows(file, kind, 15 + 2 * shown, limits);
  const found = findHeaderRow(rows.slice(0, 15).map((r) => r.cells.map((c) => c.text)));
  if (!found) return null;
  const header = rows[found.index]!;
  const sample = rows
    .slice(found.index + 1)
    .filter((r) => r.cells.some((c) => c.text.trim() !== ''))
    .slice(0, shown);
  return {
    headerRow: header.n,
    // numeric: Excel stored some of the column's values as numbers (fatal for ID numbers).
    columns: header.cells
      .map((c, index) => ({
        index,
        header: c.text.trim(),
        field: found.fields[index] ?? null,
        numeric: sample.some((r) => r.cells[index]?.numeric === true),
      }))
      .filter((c) => c.header !== ''),
    sample: sample.map((r) => header.cells.map((_, i) => r.cells[i]?.text ?? '')),
  };
}

/**
 * Checks a received spreadsheet (stored by the pipeline before the transaction began:
 * http/uploads.ts) for permission, type and size.
 */
export function checkedFile(ctx: Context, file: ReceivedUpload | null, permission: 'person.create' | 'area.create') {
  const c = authorize(ctx, permission);
  if (!file) throw fileProblem('required');
  const kind = kindOf(file.filename);
  if (!kind) throw fileProblem('unsupported_type');
  if (file.truncated) throw fileProblem('too_large');
  if (file.size === 0) throw fileProblem('empty_file');
  return { c, id: file.id, kind, path: file.path, size: file.size, filename: file.filename, keep: file.keep };
}

export async function receive(ctx: Context, file: ReceivedUpload | null) {
  const { c, id, kind, path: target, size, filename, keep } = checkedFile(ctx, file, 'person.create');
  let found;
  try {
    found = await preview(target, kind, c.config);
  } catch (e) {
    // A file past the limits says which; one the reader cannot parse says so, and why, rather than "no header".
    if (!(e instanceof FileRefusal)) c.log.warn({ err: e, uploadId: id }, 'ledger preview failed');
    throw fileRefused(e);
  }
  if (!found) throw fileProblem('no_header');
  await c.db
    .insertInto('uploads')
    .values({
      id,
      district_id: c.actor.districtId,
      filename: filename.slice(0, 255),
      kind,
      size,
      path: target,
      created_by: c.actor.id,
      created_at: c.clock.now(),
    })
    .execute();
  await audit(c, { action: 'import.upload', resourceType: 'upload', resourceId: id, details: { filename, size } });
  keep();
  return {
    uploadId: id,
    filename,
    size,
    kind,
    sheet: kind === 'xlsx' ? await firstSheetName(target) : null,
    ...found,
    fields: LEDGER_FIELDS.map((f) => ({ key: f.key, label: f.label, required: f.required })),
  };
}
