/**
 * CSV as RFC 4180 wants it (fields with commas, quotes or line breaks quoted, CRLF lines), safe to
 * open in a spreadsheet: a UTF-8 byte order mark first (asked for by the dashboard's export), so Excel reads Chinese as UTF-8, and a text
 * cell that starts with = + - @ (or a tab or carriage return) prefixed with ' so it is shown as
 * text instead of being run as a formula.
 */

export const BOM = '\uFEFF';

/** A text that a spreadsheet would take for a formula, made plain text. */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function csvField(value: unknown): string {
  const s = value === null || value === undefined ? '' : typeof value === 'string' ? neutralise(value) : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV file: the header line, then one line per row; with `bom`, the byte order mark first. */
export function toCsv<T>(columns: readonly string[], rows: T[], cell: (row: T, column: string) => unknown, options: { bom?: boolean } = {}): string {
  const lines = [columns.map(csvField).join(','), ...rows.map((row) => columns.map((c) => csvField(cell(row, c))).join(','))];
  return `${options.bom ? BOM : ''}${lines.join('\r\n')}\r\n`;
}
