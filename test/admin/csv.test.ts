import { csvField, csvRow } from '../../src/admin/csv';
import { parseCsv } from './parse-csv';

describe('RFC 4180 CSV writing', () => {
  it('leaves plain fields bare and ends rows with CRLF', () => {
    expect(csvRow(['U123', 'Ada Lovelace', 'ada@example.com'])).toBe('U123,Ada Lovelace,ada@example.com\r\n');
  });

  it('quotes fields holding a comma, a quote or a line break, doubling quotes', () => {
    expect(csvField('Smith, Jane')).toBe('"Smith, Jane"');
    expect(csvField('Jane "JJ" Smith')).toBe('"Jane ""JJ"" Smith"');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('carriage\rreturn')).toBe('"carriage\rreturn"');
  });

  it('writes empty for null and undefined, yes/no for flags, ISO instants for dates', () => {
    expect(csvRow([null, undefined, true, false, new Date('2025-03-01T09:30:00Z'), 42])).toBe(',,yes,no,2025-03-01T09:30:00.000Z,42\r\n');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvField('=HYPERLINK("http://evil")')).toBe('"\'=HYPERLINK(""http://evil"")"');
    expect(csvField('+1 555')).toBe("'+1 555");
    expect(csvField('-x')).toBe("'-x");
    expect(csvField('@handle')).toBe("'@handle");
    expect(csvField('a=b')).toBe('a=b');
  });

  it('round-trips awkward values through an independent reader', () => {
    const values = ['Zoë "Z" O\'Brien', 'a,b,c', 'line1\r\nline2', '', 'emoji 🎉', 'tab\tinside'];
    const [row] = parseCsv(csvRow(values));
    expect(row).toEqual(values);
  });
});
