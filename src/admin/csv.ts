// RFC 4180 CSV: fields quoted when they hold a quote, comma or line break; rows end with CRLF.

/**
 * Spreadsheets run cells that start with = + - @ (or a tab / carriage return) as formulas, so a Slack
 * display name like "=HYPERLINK(…)" could execute on the admin's machine. Such text gets a leading
 * apostrophe, which spreadsheets hide (OWASP "CSV injection").
 */
function defuseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export type CsvValue = string | number | boolean | Date | null | undefined;

export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = value instanceof Date ? value.toISOString() : defuseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: readonly CsvValue[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
