/**
 * A table for people on the command line, drawn like `console.table` but without its index column and without the
 * quotes it puts around strings: the cells come already in words and in Vietnamese formats (messages/format.js).
 */
export type TableRow = Record<string, string | number>;

export function formatTable(rows: readonly TableRow[]): string {
  const headers = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  const cell = (row: TableRow, header: string): string => String(row[header] ?? '').replace(/\s+/g, ' ');
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((row) => cell(row, h).length)));
  const line = (left: string, join: string, right: string): string =>
    `${left}${widths.map((w) => '─'.repeat(w + 2)).join(join)}${right}`;
  const values = (cells: string[]): string =>
    `│${cells.map((c, i) => ` ${c.padEnd(widths[i] ?? 0)} `).join('│')}│`;
  return [
    line('┌', '┬', '┐'),
    values(headers),
    line('├', '┼', '┤'),
    ...rows.map((row) => values(headers.map((h) => cell(row, h)))),
    line('└', '┴', '┘'),
  ].join('\n');
}

export function printTable(rows: readonly TableRow[]): void {
  console.log(formatTable(rows));
}
