/**
 * What the analytical reports share: their inputs (a loaded journal, or anything shaped like
 * one), their options (period columns, entity, date range), the columns a report is measured
 * over, a small grid model that renders to an aligned text table and to CSV, and the pieces of
 * their io-ts JSON codecs (decimals as strings).
 *
 * Every report module follows the pattern of `Balance.ts`: `build(inputs, options)` returns
 * plain data; `renderTable`, `renderCsv` and `toJson` render it; a codec describes the JSON.
 */
import * as t from 'io-ts'
import { Commodity, type Entity, Ledger, LocalDate, Period, Quantity } from '../core/index.js'
import { type Books, history } from '../domain/Books.js'
import type { Expectation, ReportedFigure } from '../domain/Statements.js'
import * as Csv from './Csv.js'
import * as Table from './Table.js'

// -------------------------------------------------------------------------------------
// inputs and options
// -------------------------------------------------------------------------------------

/** What a report reads: a `Loaded` journal satisfies it. */
export interface ReportInputs {
  readonly ledger: Ledger.Ledger
  readonly books: Books
  readonly reported: ReadonlyArray<ReportedFigure>
  readonly expectations?: ReadonlyArray<Expectation>
}

export type Granularity = 'month' | 'quarter' | 'year'
export const granularities: ReadonlyArray<Granularity> = ['month', 'quarter', 'year']

export interface ReportOptions {
  /** One column per period of this length; without it, one column for the whole range. */
  readonly period?: Granularity
  /** Only this entity's books. */
  readonly entity?: Entity.EntityName
  /** First date included (default: the first date the books speak of). */
  readonly begin?: LocalDate.LocalDate
  /** First date excluded (default: the day after the last date the books speak of). */
  readonly end?: LocalDate.LocalDate
}

// -------------------------------------------------------------------------------------
// dates and columns
// -------------------------------------------------------------------------------------

const dayAfter = (date: LocalDate.LocalDate): LocalDate.LocalDate => {
  const next = LocalDate.addDays(1)(date)
  return next._tag === 'Right' ? next.right : date
}

const dayBefore = (date: LocalDate.LocalDate): LocalDate.LocalDate => {
  const previous = LocalDate.addDays(-1)(date)
  return previous._tag === 'Right' ? previous.right : date
}

/**
 * The first and last dates the books speak of: transactions, operations, and reported figures
 * (their period's first and last day); undefined for empty books.
 */
export const dateSpan = (inputs: ReportInputs): { readonly first: LocalDate.LocalDate; readonly last: LocalDate.LocalDate } | undefined => {
  let first: LocalDate.LocalDate | undefined
  let last: LocalDate.LocalDate | undefined
  const see = (start: LocalDate.LocalDate, end: LocalDate.LocalDate): void => {
    if (first === undefined || start < first) first = start
    if (last === undefined || end > last) last = end
  }
  for (const transaction of Ledger.transactions(inputs.ledger)) see(transaction.date, transaction.date)
  for (const applied of history(inputs.books)) see(applied.operation.date, applied.operation.date)
  for (const figure of inputs.reported) see(figure.period.start, Period.lastDay(figure.period))
  return first === undefined || last === undefined ? undefined : { first, last }
}

/** One column of a report: a period `[start, endExclusive)`; balances are read at its last day. */
export interface ReportColumn {
  /** `1936`, `1936-Q2`, `1936-03`, or `START..END` (end exclusive) for a whole range. */
  readonly label: string
  readonly start: LocalDate.LocalDate
  readonly endExclusive: LocalDate.LocalDate
  readonly lastDay: LocalDate.LocalDate
}

export const columnOf = (period: Period.Period): ReportColumn => ({ label: period.label, start: period.start, endExclusive: period.endExclusive, lastDay: dayBefore(period.endExclusive) })

/** The column as a core period (for the measures that take one). */
export const periodOf = (column: ReportColumn): Period.Period => ({ start: column.start, endExclusive: column.endExclusive, label: column.label })

/**
 * The columns of a report: with `period`, every period of that length that overlaps
 * `[begin, end)` (whole periods, as hledger does); without, one column for the range. The range
 * defaults to the dates the books speak of. Empty books give no columns.
 */
export const reportColumns = (inputs: ReportInputs, options: ReportOptions): ReadonlyArray<ReportColumn> => {
  const span = dateSpan(inputs)
  const start = options.begin ?? span?.first
  const endExclusive = options.end ?? (span === undefined ? undefined : dayAfter(span.last))
  if (start === undefined || endExclusive === undefined || start >= endExclusive) return []
  if (options.period !== undefined) return Period.split(options.period, start, endExclusive).map(columnOf)
  const whole = Period.fromString(`${start}..${endExclusive}`)
  if (whole._tag === 'Left') return []
  // A range that is exactly one year, quarter or month keeps its short label.
  for (const granularity of ['year', 'quarter', 'month'] as const) {
    const candidate = Period.containing(granularity, start)
    if (candidate.start === start && candidate.endExclusive === endExclusive) return [columnOf(candidate)]
  }
  return [columnOf(whole.right)]
}

/** The entities a report covers: the one asked for, else every declared entity (sorted). */
export const reportEntities = (inputs: ReportInputs, options: ReportOptions): ReadonlyArray<Entity.EntityName> =>
  options.entity !== undefined ? [options.entity] : [...inputs.ledger.declarations.entities.keys()].sort()

/** Index of the column containing `date`, or -1. Columns are consecutive and sorted. */
export const columnIndex = (columns: ReadonlyArray<ReportColumn>, date: LocalDate.LocalDate): number => {
  let low = 0
  let high = columns.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const column = columns[middle] as ReportColumn
    if (date < column.start) high = middle - 1
    else if (date >= column.endExclusive) low = middle + 1
    else return middle
  }
  return -1
}

// -------------------------------------------------------------------------------------
// small exact helpers
// -------------------------------------------------------------------------------------

export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Adds `quantity` at `index` of a per-column array (created with zeros on first use). */
export const addAt = (values: Quantity.Quantity[], index: number, quantity: Quantity.Quantity): void => {
  values[index] = Quantity.add(values[index] ?? Quantity.zero, quantity)
}

export const zeros = (count: number): Quantity.Quantity[] => Array.from({ length: count }, () => Quantity.zero)

/** Running sums: element i is the sum of elements 0..i. */
export const cumulative = (values: ReadonlyArray<Quantity.Quantity>): ReadonlyArray<Quantity.Quantity> => {
  let sum = Quantity.zero
  return values.map((value) => (sum = Quantity.add(sum, value)))
}

// -------------------------------------------------------------------------------------
// the grid: one model for the text table and for CSV
// -------------------------------------------------------------------------------------

export type Cell =
  | { readonly _tag: 'Text'; readonly text: string }
  | { readonly _tag: 'Amount'; readonly quantity: Quantity.Quantity; readonly commodity: Commodity.CommoditySymbol; readonly estimated?: boolean }
  | { readonly _tag: 'Percent'; readonly percent: Quantity.Quantity; readonly estimated?: boolean }
  | { readonly _tag: 'Number'; readonly value: Quantity.Quantity; readonly estimated?: boolean }
  | { readonly _tag: 'Empty' }

export const text = (value: string): Cell => ({ _tag: 'Text', text: value })
export const empty: Cell = { _tag: 'Empty' }
export const amount = (quantity: Quantity.Quantity, commodity: Commodity.CommoditySymbol, estimated = false): Cell => ({ _tag: 'Amount', quantity, commodity, estimated })
export const percent = (value: Quantity.Quantity | undefined, estimated = false): Cell => (value === undefined ? empty : { _tag: 'Percent', percent: value, estimated })
export const number = (value: Quantity.Quantity | undefined, estimated = false): Cell => (value === undefined ? empty : { _tag: 'Number', value, estimated })

export interface GridColumn {
  readonly header: string
  readonly align: Table.Alignment
  /** A key column: in the table, a value equal to the one above is left blank. */
  readonly key?: boolean
  /** Only in CSV (the table shows it inside the amounts, e.g. the commodity). */
  readonly csvOnly?: boolean
  /** Only in the table. */
  readonly tableOnly?: boolean
}

export interface Grid {
  readonly columns: ReadonlyArray<GridColumn>
  readonly rows: ReadonlyArray<ReadonlyArray<Cell>>
  /** Row indexes that get a rule above them in the table (totals, new sections). */
  readonly separatorBefore?: ReadonlyArray<number>
}

/** How the table shows commodities: the ledger's declared style (`1,000.00 RUB`, `101 T28`). */
export type CommodityLookup = (symbol: Commodity.CommoditySymbol) => Commodity.Commodity

export const lookupOf = (ledger: Ledger.Ledger): CommodityLookup => (symbol) => Ledger.commodity(ledger, symbol)

const groupedNumber: Commodity.DisplayStyle = { side: 'right', spaced: true, decimalMark: '.', groupMark: ',', precision: 0 }

const approximate = (estimated: boolean | undefined, value: string): string => (estimated === true ? `~${value}` : value)

export const showCell = (cell: Cell, lookup: CommodityLookup): string => {
  switch (cell._tag) {
    case 'Text':
      return cell.text
    case 'Empty':
      return ''
    case 'Amount':
      // An estimate of nothing is still nothing: zeros are shown without `~` (the JSON keeps the flag).
      return approximate(cell.estimated === true && !Quantity.isZero(cell.quantity), Commodity.format(cell.quantity, lookup(cell.commodity)))
    case 'Percent':
      return approximate(cell.estimated, `${Commodity.formatNumber(cell.percent, { ...groupedNumber, precision: 2 })} %`)
    case 'Number':
      return approximate(cell.estimated === true && !Quantity.isZero(cell.value), Commodity.formatNumber(cell.value, groupedNumber))
  }
}

/** An aligned text table; repeated key values are blanked, `n/a` marks an empty numeric cell. */
export const renderGridTable = (grid: Grid, lookup: CommodityLookup): string => {
  const shown = grid.columns.map((column, index) => ({ column, index })).filter(({ column }) => column.csvOnly !== true)
  const separators = new Set(grid.separatorBefore ?? [])
  const rows = grid.rows.map((row, rowIndex) => {
    const previous = rowIndex > 0 && !separators.has(rowIndex) ? grid.rows[rowIndex - 1] : undefined
    let keysSame = previous !== undefined
    return shown.map(({ column, index }) => {
      const cell = row[index] ?? empty
      const value = showCell(cell, lookup)
      if (column.key === true) {
        const above = previous === undefined ? undefined : showCell(previous[index] ?? empty, lookup)
        keysSame = keysSame && above === value
        return keysSame ? '' : value
      }
      return cell._tag === 'Empty' && column.align === 'right' ? 'n/a' : value
    })
  })
  return Table.render(
    shown.map(({ column }) => ({ header: column.header, align: column.align })),
    rows,
    { separatorBefore: grid.separatorBefore ?? [] },
  )
}

const csvCell = (cell: Cell): string => {
  switch (cell._tag) {
    case 'Text':
      return Csv.textCell(cell.text)
    case 'Empty':
      return ''
    case 'Amount':
      return Csv.numberCell(Quantity.toString(cell.quantity))
    case 'Percent':
      return Csv.numberCell(Quantity.toString(cell.percent))
    case 'Number':
      return Csv.numberCell(Quantity.toString(cell.value))
  }
}

/** CSV: exact decimals, every text cell neutralized; one header row. */
export const renderGridCsv = (grid: Grid): string => {
  const shown = grid.columns.map((column, index) => ({ column, index })).filter(({ column }) => column.tableOnly !== true)
  return Csv.render(
    shown.map(({ column }) => column.header),
    grid.rows.map((row) => shown.map(({ index }) => csvCell(row[index] ?? empty))),
  )
}

// -------------------------------------------------------------------------------------
// JSON pieces
// -------------------------------------------------------------------------------------

/** An exact decimal as a string (`-145137000.5`). */
export const DecimalJson = t.string
export const decimal = (quantity: Quantity.Quantity): string => Quantity.toString(quantity)
export const optionalDecimal = (quantity: Quantity.Quantity | undefined): string | null => (quantity === undefined ? null : Quantity.toString(quantity))
export const NullableDecimalJson = t.union([t.string, t.null])

export const AmountJson = t.readonly(t.type({ commodity: t.string, quantity: DecimalJson }))
export type AmountJson = t.TypeOf<typeof AmountJson>

export const ColumnJson = t.readonly(t.type({ label: t.string, start: t.string, endExclusive: t.string, lastDay: t.string }))
export type ColumnJson = t.TypeOf<typeof ColumnJson>
export const columnJson = (column: ReportColumn): ColumnJson => ({ label: column.label, start: column.start, endExclusive: column.endExclusive, lastDay: column.lastDay })

export const OptionsJson = t.readonly(
  t.partial({ period: t.union([t.literal('month'), t.literal('quarter'), t.literal('year')]), entity: t.string, begin: t.string, end: t.string }),
)
export type OptionsJson = t.TypeOf<typeof OptionsJson>
export const optionsJson = (options: ReportOptions): OptionsJson => ({
  ...(options.period !== undefined ? { period: options.period } : {}),
  ...(options.entity !== undefined ? { entity: options.entity } : {}),
  ...(options.begin !== undefined ? { begin: options.begin } : {}),
  ...(options.end !== undefined ? { end: options.end } : {}),
})

/** A JSON document's common head: `version: 1`, the report kind, its options and columns. */
export const headJson = <K extends string>(kind: K) =>
  ({ version: t.literal(1), kind: t.literal(kind), options: OptionsJson, columns: t.readonlyArray(ColumnJson) }) as const

/** A number for a chart (approximate: for plotting only; the exact value goes beside it). */
export const approximateNumber = (quantity: Quantity.Quantity): number => Quantity.toApproximateNumber(quantity)
