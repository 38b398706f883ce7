/**
 * CSV (RFC 4180): cells quoted when needed, and cells that a spreadsheet would run as a formula
 * (beginning with `=`, `+`, `-`, `@`, tab or carriage return) neutralized with a leading `'`.
 * Exact amounts are numbers that begin with `-`, so amount columns are marked `numeric` and
 * left as they are: a negative amount is data, not a formula.
 */

const formulaStart = /^[=+\-@\t\r]/u

/** Neutralizes a text cell and quotes it if needed. */
export const textCell = (value: string): string => quote(formulaStart.test(value) ? `'${value}` : value)

/** A numeric cell: must be a plain decimal literal (checked), never neutralized. */
export const numberCell = (value: string): string => {
  if (!/^-?\d+(\.\d+)?$/u.test(value)) return textCell(value)
  return value
}

const quote = (value: string): string => (/[",\r\n]/u.test(value) ? `"${value.replace(/"/gu, '""')}"` : value)

/** One CSV document: header then rows; each row's cells already encoded. Lines end in `\n`. */
export const render = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  [header.map(textCell).join(','), ...rows.map((row) => row.join(','))].join('\n') + '\n'
