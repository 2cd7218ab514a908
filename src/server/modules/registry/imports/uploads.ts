/**
 * Receiving a ledger file: streamed to DATA_DIR/uploads (never held in memory),
 * then its first rows read to find the header row and guess each column's meaning.
 */
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { MultipartFile } from '@fastify/multipart';
import { findHeaderRow, LEDGER_FIELDS } from '../../../../domain/ledger.js';
import { authorize, type Context } from '../../../kernel/context.js';
import { AppError, fieldProblem } from '../../../kernel/errors.js';
import { audit } from '../../../kernel/audit.js';
import { type FileKind, firstSheetName, readRows, type SheetRow } from './reader.js';

export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

/** A refused file: the reason's text is the catalogue's; `details` says more (why it is unreadable). */
const fileProblem = (reason: string, details?: Record<string, unknown>) =>
  new AppError('VALIDATION_FAILED', [fieldProblem('file', reason)], details);

function kindOf(filename: string): FileKind | null {
  const ext = path.extname(filename).toLowerCase();
  return ext === '.csv' ? 'csv' : ext === '.xlsx' ? 'xlsx' : null;
}

export async function firstRows(file: string, kind: FileKind, count: number): Promise<SheetRow[]> {
  const rows: SheetRow[] = [];
  for await (const row of readRows(file, kind)) {
    rows.push(row);
    if (rows.length >= count) break;
  }
  return rows;
}

/** The header row (1-based) and each column's guessed field. */
export async function preview(file: string, kind: FileKind) {
  const rows = await firstRows(file, kind, 25);
  const found = findHeaderRow(rows.slice(0, 15).map((r) => r.cells.map((c) => c.text)));
  if (!found) return null;
  const header = rows[found.index]!;
  const sample = rows
    .slice(found.index + 1)
    .filter((r) => r.cells.some((c) => c.text.trim() !== ''))
    .slice(0, 5);
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

/** Streams an uploaded spreadsheet to DATA_DIR/uploads and checks its type and size. */
export async function saveFile(
  ctx: Context,
  file: MultipartFile | undefined,
  permission: 'person.create' | 'area.create',
) {
  const c = authorize(ctx, permission);
  if (!file) throw fileProblem('required');
  const kind = kindOf(file.filename);
  if (!kind) {
    file.file.resume();
    throw fileProblem('unsupported_type');
  }
  const id = randomUUID();
  const dir = path.resolve(c.config.DATA_DIR, 'uploads');
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, `${id}.${kind}`);
  await pipeline(file.file, createWriteStream(target));
  const size = (await stat(target)).size;
  const remove = () => rm(target, { force: true });
  const refuse = async (e: AppError): Promise<never> => {
    await remove();
    throw e;
  };
  if (file.file.truncated) await refuse(fileProblem('too_large'));
  if (size === 0) await refuse(fileProblem('empty_file'));
  return { c, id, kind, path: target, size, filename: file.filename, remove, refuse };
}

export async function receive(ctx: Context, file: MultipartFile | undefined) {
  const { c, id, kind, path: target, size, filename, refuse } = await saveFile(ctx, file, 'person.create');
  let found;
  try {
    found = await preview(target, kind);
  } catch (e) {
    // A file the reader cannot parse: say so, and why, rather than "no header".
    const why = (e instanceof Error ? e.message : String(e)).slice(0, 200);
    c.log.warn({ err: e, uploadId: id }, 'ledger preview failed');
    return refuse(fileProblem('unreadable', { cause: why }));
  }
  if (!found) return refuse(fileProblem('no_header'));
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
