/**
 * Plain-text tables for the terminal: columns aligned, numbers right-aligned, a rule under the
 * header. Widths count Unicode code points, so Cyrillic names line up.
 */

/** How a table column aligns its cells: left or right. */
export type Alignment = 'left' | 'right'

/** One column of a plain-text table: its header and alignment. */
export interface Column {
  readonly header: string
  readonly align: Alignment
}

const width = (text: string): number => {
  let count = 0
  for (const _ of text) count++
  return count
}

const pad = (text: string, size: number, align: Alignment): string => {
  const gap = ' '.repeat(Math.max(0, size - width(text)))
  return align === 'right' ? gap + text : text + gap
}

/** Renders rows under headers; `separatorBefore` lists row indexes that get a rule above them. */
export const render = (
  columns: ReadonlyArray<Column>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  options: { readonly separatorBefore?: ReadonlyArray<number> } = {},
): string => {
  const widths = columns.map((column, index) =>
    Math.max(width(column.header), ...rows.map((row) => width(row[index] ?? ''))),
  )
  const line = (cells: ReadonlyArray<string>): string =>
    columns
      .map((column, index) => pad(cells[index] ?? '', widths[index] ?? 0, column.align))
      .join('  ')
      .trimEnd()
  const rule = widths.map((size) => '-'.repeat(size)).join('  ')
  const separators = new Set(options.separatorBefore ?? [])
  const body = rows.flatMap((row, index) => (separators.has(index) ? [rule, line(row)] : [line(row)]))
  return [line(columns.map((column) => column.header)), rule, ...body].join('\n')
}
