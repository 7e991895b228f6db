/** CSV as RFC 4180 wants it: fields with commas, quotes or line breaks quoted, CRLF lines. */

export function csvField(value: unknown): string {
  const s = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV file: the header line, then one line per row. */
export function toCsv<T>(columns: readonly string[], rows: T[], cell: (row: T, column: string) => unknown): string {
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => csvField(cell(row, c))).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
