// OWASP "CSV Injection": a spreadsheet treats a cell starting with one of these as a formula
// (`=cmd|' /C calc'!A0`, `=HYPERLINK(…)`), and tab / CR starts are read the same way by some.
const formulaStart = /^[=+\-@\t\r]/;

/**
 * One CSV cell, safe to open in a spreadsheet: text starting with `=`, `+`, `-`, `@`, tab or CR
 * gets a leading `'` (OWASP's rule) and is quoted; quotes, commas and line breaks are quoted as
 * RFC 4180 requires. A JavaScript number is written as it is: the product's own numeric columns
 * (row and line numbers, counts) cannot carry a formula, and a negative number stays a number.
 * Text that merely looks numeric (`-2`, `-2+3`) is prefixed, because it came from outside.
 *
 * @example
 * csvCell('=SUM(1,1)') // "\"'=SUM(1,1)\""
 * csvCell(-3)          // "-3"
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = formulaStart.test(value) ? `'${value}` : value;
  return text !== value || /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One CSV record (no line ending) from its cells, each through `csvCell`. */
export function csvRow(cells: readonly (string | number | null | undefined)[]): string {
  return cells.map(csvCell).join(',');
}
