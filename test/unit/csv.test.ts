/**
 * The CSV writer against RFC 4180 and the formula-safety decision, cell by cell; the round trip
 * of whole exports is in test/integration/exports.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { csvCell, csvRow } from '../../shared/csv';
import { readCsv, unguarded } from '../support/csv';

describe('CSV cells', () => {
  it('quotes only what needs it, doubling quotes', () => {
    expect(csvCell('plain text')).toBe('plain text');
    expect(csvCell('a, b')).toBe('"a, b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('cr\r')).toBe('"cr\r"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(4)).toBe('4');
  });

  it('makes every would-be formula text with a leading apostrophe', () => {
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("x","y")')).toBe('"\'=HYPERLINK(""x"",""y"")"');
    expect(csvCell('a=b')).toBe('a=b');
  });

  it('ends lines in CRLF, and reads back', () => {
    const cells = ['=cmd|x', 'a,"b"', 'émoji 😀', '', 'line\r\nbreak'];
    const line = csvRow(cells);
    expect(line.endsWith('\r\n')).toBe(true);
    expect(readCsv(line)[0]!.map(unguarded)).toEqual(cells);
  });
});
