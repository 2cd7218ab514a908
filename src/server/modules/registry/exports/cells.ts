/**
 * Spreadsheet safety and CSV framing. A cell that starts with = + - @, a tab or a
 * carriage return is prefixed with an apostrophe, so no spreadsheet runs it as a
 * formula (BRIEF §8: a name holding a formula once ran on a health office's PC).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function safeCell(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** One CSV line (RFC 4180): quoted when needed, CRLF-terminated. */
export function csvLine(cells: string[]): string {
  return `${cells.map((c) => (/[",\r\n]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c)).join(',')}\r\n`;
}

/** Excel opens UTF-8 CSV with Chinese text correctly only when it starts with a BOM. */
export const UTF8_BOM = '\uFEFF';

/** Rows per xlsx sheet: 1,048,576 minus the watermark and header rows. */
export const XLSX_DATA_ROWS_PER_SHEET = 1_048_576 - 2;
