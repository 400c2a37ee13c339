/**
 * CSV as spreadsheets read it (RFC 4180): a cell holding a quote, a comma, CR or LF is quoted,
 * its quotes doubled; lines end in CRLF. Exports start with a UTF-8 byte-order mark, without
 * which Excel reads UTF-8 as the system's code page and garbles every accent and emoji.
 *
 * Visitors write the comments, so a cell must never run as a formula when the file is opened
 * (`=HYPERLINK(…)` that leaks data, `@SUM(…)`, `+1`): a cell that starts with `=`, `+`, `-` or
 * `@` gets a leading `'`, which spreadsheets take as "this is text" (decisions.md, CSV formula
 * safety). Pure, so the console can make the same files.
 */

export const CSV_BOM = '\uFEFF';

export type CsvValue = string | number | null;

/** Starts a formula in Excel, LibreOffice or Google Sheets. */
const FORMULA_START = /^[=+\-@]/;
/** Needs quoting under RFC 4180. */
const SPECIAL = /[",\r\n]/;

/** One cell: null is empty; text that could run as a formula is made plain text first. */
export function csvCell(value: CsvValue): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : value;
  const safe = FORMULA_START.test(text) ? `'${text}` : text;
  return SPECIAL.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** One line, CRLF included. */
export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}
