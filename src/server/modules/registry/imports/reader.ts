/**
 * Reading a ledger file row by row at constant memory: CSV (UTF-8, or GB18030 as
 * Excel on Chinese Windows saves it) through csv-parse, XLSX through exceljs's
 * streaming reader (first sheet). Each cell keeps whether Excel stored it as a number.
 */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { TextDecoder } from 'node:util';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';

export interface Cell {
  text: string;
  /** Excel stored the value as a number (an ID number stored so has lost digits). */
  numeric: boolean;
}

export interface SheetRow {
  /** 1-based row number in the file, as a user sees it in Excel. */
  n: number;
  cells: Cell[];
}

export type FileKind = 'csv' | 'xlsx';

async function* decodedText(path: string): AsyncGenerator<string> {
  let decoder: TextDecoder | null = null;
  for await (const chunk of createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
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

async function* csvRows(path: string): AsyncGenerator<SheetRow> {
  const parser = Readable.from(decodedText(path)).pipe(
    parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }),
  );
  let n = 0;
  for await (const record of parser as AsyncIterable<string[]>) {
    n++;
    yield { n, cells: record.map((text) => ({ text: text.replace(/^\uFEFF/, ''), numeric: false })) };
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

async function* xlsxRows(path: string): AsyncGenerator<SheetRow> {
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
      yield { n: row.number, cells: Array.from(values.slice(1), (v) => cellText(v ?? null)) };
    }
    return; // the first sheet only
  }
}

/** The name of an xlsx file's first sheet (the one that is imported). */
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

export function readRows(path: string, kind: FileKind): AsyncGenerator<SheetRow> {
  return kind === 'csv' ? csvRows(path) : xlsxRows(path);
}
