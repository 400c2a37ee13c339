/**
 * A strict RFC 4180 reader, written apart from the writer (shared/csv.ts) so that a test reads
 * exports the way a spreadsheet does rather than trusting the writer's own idea of them. It
 * refuses what RFC 4180 does not allow (a bare LF line end, text after a closing quote, a quote
 * inside an unquoted cell, an unclosed quote), so a sloppy file fails the test instead of being
 * read "well enough".
 */

/** The records of a CSV text (no byte-order mark), each a list of its cells. */
export function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`not RFC 4180 CSV at character ${i}: ${why}`);
  };
  while (i < text.length) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) fail('a quoted cell is never closed');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += text[i];
        i++;
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') fail('a quote inside an unquoted cell');
        cell += text[i];
        i++;
      }
    }
    record.push(cell);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) {
      i += 2;
      records.push(record);
      record = [];
      continue;
    }
    if (i < text.length) fail(`${JSON.stringify(text[i])} after a cell (lines end in CRLF)`);
    // The last record may go without its line end.
    records.push(record);
    record = [];
  }
  return records;
}

/** A cell as its writer meant it: the `'` put before a would-be formula taken off again. */
export const unguarded = (cell: string): string => (/^'[=+\-@]/.test(cell) ? cell.slice(1) : cell);
