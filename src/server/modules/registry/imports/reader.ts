/**
 * Reading a ledger file row by row at constant memory: CSV (UTF-8, or GB18030 as
 * Excel on Chinese Windows saves it) through csv-parse, XLSX through exceljs's
 * streaming reader (first sheet). Each cell keeps whether Excel stored it as a number.
 * Within limits (limits.ts): an .xlsx passes the zip guard before exceljs opens it; a CSV
 * record is split into at most IMPORT_MAX_COLUMNS + 1 fields and buffers a bounded number
 * of bytes; a row with a cell over IMPORT_MAX_CELL_CHARS or content past IMPORT_MAX_COLUMNS
 * carries its problem.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { CsvError, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { columnName, FileRefusal, type ReadLimits, type RowProblem } from './limits.js';
import { checkXlsx } from './zip-guard.js';

export interface Cell {
  text: string;
  /** Excel stored the value as a number (an ID number stored so has lost digits). */
  numeric: boolean;
}

export interface SheetRow {
  /** 1-based row number in the file, as a user sees it in Excel. */
  n: number;
  /** At most IMPORT_MAX_COLUMNS (what lies past them is empty, or the row has a problem). */
  cells: Cell[];
  /** The first limit the row passes: it is not to be imported. */
  problem?: RowProblem;
}

/** The row as it may be passed on: its cells up to the last column allowed, and its first problem. */
function withinLimits(n: number, cells: Cell[], limits: ReadLimits): SheetRow {
  const max = limits.IMPORT_MAX_CELL_CHARS;
  const long = cells.findIndex((c, i) => i < limits.IMPORT_MAX_COLUMNS && c.text.length > max);
  if (long >= 0) return { n, cells, problem: problem('cell_too_long', n, long, max) };
  if (cells.length <= limits.IMPORT_MAX_COLUMNS) return { n, cells };
  const kept = cells.slice(0, limits.IMPORT_MAX_COLUMNS);
  const past = cells.findIndex((c, i) => i >= limits.IMPORT_MAX_COLUMNS && c.text !== '');
  if (past < 0) return { n, cells: kept };
  return { n, cells: kept, problem: problem('too_many_columns', n, past, limits.IMPORT_MAX_COLUMNS) };
}

const problem = (reason: RowProblem['reason'], row: number, index: number, max: number): RowProblem => ({
  reason,
  index,
  values: { row, column: columnName(index), max },
});

export type FileKind = 'csv' | 'xlsx';

async function* decodedText(path: string): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 }) as AsyncIterable<Buffer>) {
    if (!decoder) {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(0, Math.max(0, chunk.length - 4)), {
          stream: true,
        });
        decoder = new TextDecoder('utf-8');
      } catch {
        decoder = new TextDecoder('gb18030');
      }
    }
    yield decoder.decode(chunk, { stream: true });
  }
  if (decoder) yield decoder.decode();
}

async function* csvRows(path: string, limits: ReadLimits): AsyncGenerator<SheetRow> {
  const maxColumns = limits.IMPORT_MAX_COLUMNS;
  const source = Readable.from(decodedText(path));
  const parser = source.pipe(
    parse({
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      // Named, not discovered: until it has found one, csv-parse allocates a buffer per byte
      // of the first line (a 1.5 MB line: a second of CPU).
      record_delimiter: ['\r\n', '\n', '\r'],
      // A record is never split into more than the columns allowed and one more, which holds
      // the rest of the line: a line of 200,000 columns is 201 strings, not 200,000.
      ignore_last_delimiters: maxColumns + 1,
      // Bytes a record may buffer: every allowed cell at its longest, in UTF-8.
      max_record_size: limits.IMPORT_MAX_CELL_CHARS * 4 * maxColumns,
    }),
  );
  let n = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      n++;
      // A byte-order mark belongs to the file's start only: one inside a cell is the cell's
      // (and a name holding it is refused as invisible, not silently cleaned).
      const cells = record.map((text, i) => ({
        text: n === 1 && i === 0 ? text.replace(/^\uFEFF/, '') : text,
        numeric: false,
      }));
      // The rest of the line past the last column allowed: nothing if it is only empty columns.
      if (cells.length > maxColumns && /^[\s,"]*$/.test(cells[maxColumns]!.text)) cells.length = maxColumns;
      yield withinLimits(n, cells, limits);
    }
  } catch (e) {
    if (!(e instanceof CsvError) || e.code !== 'CSV_MAX_RECORD_SIZE') throw e;
    // The record outgrew what its allowed cells could hold: past the columns, or a cell too long.
    const { index, records } = e as unknown as { index?: unknown; records?: unknown };
    const at = Number(index ?? 0);
    const row = Number(records ?? n) + 1;
    const p =
      at >= maxColumns
        ? problem('too_many_columns', row, at, maxColumns)
        : problem('cell_too_long', row, at, limits.IMPORT_MAX_CELL_CHARS);
    throw new FileRefusal(p.reason, p.values);
  } finally {
    source.destroy();
  }
}

function cellText(v: ExcelJS.CellValue): Cell {
  if (v === null || v === undefined) return { text: '', numeric: false };
  if (typeof v === 'number') return { text: String(v), numeric: true };
  if (typeof v === 'string') return { text: v, numeric: false };
  if (typeof v === 'boolean') return { text: v ? '是' : '否', numeric: false };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10), numeric: false };
  if (typeof v === 'object' && 'richText' in v) return { text: v.richText.map((r) => r.text).join(''), numeric: false };
  if (typeof v === 'object' && 'result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
  if (typeof v === 'object' && 'text' in v) return { text: String((v as { text: unknown }).text), numeric: false };
  // An error cell reads as its error (#N/A …); a formula never calculated has no value.
  return { text: 'error' in v ? v.error : '', numeric: false };
}

async function* xlsxRows(path: string, limits: ReadLimits): AsyncGenerator<SheetRow> {
  await checkXlsx(path, limits);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = row.values as ExcelJS.CellValue[];
      yield withinLimits(
        row.number,
        Array.from(values.slice(1), (v) => cellText(v ?? null)),
        limits,
      );
    }
    return; // the first sheet only
  }
}

/** The name of an xlsx file's first sheet (the one that is imported); only of a file readRows has read. */
export async function firstSheetName(path: string): Promise<string | null> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'ignore',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  for await (const sheet of reader) return (sheet as unknown as { name?: string }).name ?? null;
  return null;
}

/** The file's rows; throws a FileRefusal where it cannot read on within the limits. */
export function readRows(path: string, kind: FileKind, limits: ReadLimits): AsyncGenerator<SheetRow> {
  return kind === 'csv' ? csvRows(path, limits) : xlsxRows(path, limits);
}
