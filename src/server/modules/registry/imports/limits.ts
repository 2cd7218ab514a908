/**
 * What a ledger or area file may hold (configuration: IMPORT_*), and how a file past it
 * is refused. A hostile file must cost little to refuse: the reader and the zip guard
 * stop where a limit is passed, never after building what lies beyond it.
 */
import type { Config } from '../../../config.js';
import { AppError, fieldProblem } from '../../../kernel/errors.js';

export type ReadLimits = Pick<
  Config,
  | 'IMPORT_MAX_CELL_CHARS'
  | 'IMPORT_MAX_COLUMNS'
  | 'IMPORT_XLSX_MAX_MB'
  | 'IMPORT_XLSX_MAX_RATIO'
  | 'IMPORT_XLSX_MAX_PARTS'
>;

/**
 * A file the reader does not read on: a field reason of the catalogue with the values
 * its text names (row, column, limit), and details for the answer (what was wrong).
 */
export class FileRefusal extends Error {
  constructor(
    readonly reason: string,
    readonly values: Record<string, string | number> = {},
    readonly details?: Record<string, unknown>,
  ) {
    const { messages } = fieldProblem('file', reason, values);
    // What a failed import job shows: both languages.
    super(`${messages['zh-CN']}（${messages.en}）`);
  }
}

/** A file the zip guard finds damaged or crafted: unreadable, and why. */
export const unreadable = (cause: string) => new FileRefusal('unreadable', {}, { cause });

/**
 * A row the reader could read but that passes a limit (a cell too long, content past the
 * last column allowed): the preview refuses the file, the import job refuses the row.
 */
export interface RowProblem {
  reason: 'cell_too_long' | 'too_many_columns';
  /** 0-based index of the column at fault. */
  index: number;
  values: { row: number; column: string; max: number };
}

/** The problem's text as the error report gives it (Chinese). */
export const problemText = (p: RowProblem) => fieldProblem('file', p.reason, p.values).messages['zh-CN'];

/** 0 → A, 25 → Z, 26 → AA: a column as Excel names it. */
export function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/**
 * Any failure to read an uploaded file, as the answer to it (never a 500): a refusal
 * with its reason, or `unreadable` with the reader's own words.
 */
export function fileRefused(e: unknown): AppError {
  if (e instanceof AppError) return e;
  if (e instanceof FileRefusal)
    return new AppError('VALIDATION_FAILED', [fieldProblem('file', e.reason, e.values)], e.details);
  const cause = (e instanceof Error ? e.message : String(e)).slice(0, 200);
  return new AppError('VALIDATION_FAILED', [fieldProblem('file', 'unreadable')], { cause });
}
