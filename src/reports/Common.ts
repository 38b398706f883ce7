/**
 * What the analytical reports share: their inputs (a loaded journal, or anything shaped like
 * one), their options (period columns, entity, date range), the columns a report is measured
 * over and the pass over the transactions by column, values accumulated per column and summed
 * per commodity, and the pieces of their io-ts JSON codecs (decimals as strings). The grid they
 * render through (to an aligned text table and to CSV) is in `Grid.ts`.
 *
 * Every report module follows the pattern of `Balance.ts`: `build(inputs, options)` returns
 * plain data; `renderTable`, `renderCsv` and `toJson` render it; a codec describes the JSON.
 */
import * as t from 'io-ts'
import { type Commodity, type Entity, Ledger, LocalDate, Period, Quantity, type Transaction } from '../core/index.js'
import { type Books, history } from '../domain/Books.js'
import type { Expectation, ReportedFigure } from '../domain/Statements.js'

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

/** The length of a report column period: a month, a quarter or a year. */
export type Granularity = 'month' | 'quarter' | 'year'
/** Every column granularity, shortest first. */
export const granularities: ReadonlyArray<Granularity> = ['month', 'quarter', 'year']

/** Options shared by the analytical reports: the column granularity, one entity, and the date range. */
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
export const dateSpan = (
  inputs: ReportInputs,
): { readonly first: LocalDate.LocalDate; readonly last: LocalDate.LocalDate } | undefined => {
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

/** The report column of a period, with its label, bounds and last day. */
export const columnOf = (period: Period.Period): ReportColumn => ({
  label: period.label,
  start: period.start,
  endExclusive: period.endExclusive,
  lastDay: dayBefore(period.endExclusive),
})

/** The column as a core period (for the measures that take one). */
export const periodOf = (column: ReportColumn): Period.Period => ({
  start: column.start,
  endExclusive: column.endExclusive,
  label: column.label,
})

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
    const candidate = Period.within(granularity, start)
    if (candidate !== undefined && candidate.start === start && candidate.endExclusive === endExclusive)
      return [columnOf(candidate)]
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

/**
 * Visits each transaction with the index of its column. One dated before the first column goes
 * to the index `opening` when given (a column, or one past the last for an opening slot), else it
 * is left out, as are those after the last column.
 */
export const eachInColumns = (
  ledger: Ledger.Ledger,
  columns: ReadonlyArray<ReportColumn>,
  opening: number | undefined,
  visit: (transaction: Transaction.Transaction, column: number) => void,
): void => {
  const first = columns[0]
  for (const transaction of Ledger.transactions(ledger)) {
    let column = columnIndex(columns, transaction.date)
    if (column < 0) {
      if (opening === undefined || first === undefined || transaction.date >= first.start) continue
      column = opening
    }
    visit(transaction, column)
  }
}

/** Whether two periods are the same days (labels aside). */
export const samePeriod = (a: Period.Period | undefined, b: Period.Period): boolean =>
  a !== undefined && a.start === b.start && a.endExclusive === b.endExclusive

/** The last day of `period` that `last` (the as-of date, the last date of the books) has reached. */
export const lastSeen = (period: Period.Period, last: LocalDate.LocalDate): LocalDate.LocalDate => {
  const end = Period.lastDay(period)
  return end < last ? end : last
}

/**
 * The date a plan period is read on: its last day, or for a period the books (`dateSpan`) have not
 * reached the end of, the last date they speak of (not before the period's start).
 */
export const readingDate = (span: ReturnType<typeof dateSpan>, period: Period.Period): LocalDate.LocalDate => {
  const last = Period.lastDay(period)
  return span !== undefined && span.last < last ? LocalDate.max(span.last, period.start) : last
}

/** Whether `period` overlaps the options' `[begin, end)` (either bound may be open). */
export const overlapsRange = (period: Period.Period, options: ReportOptions): boolean =>
  (options.begin === undefined || period.endExclusive > options.begin) &&
  (options.end === undefined || period.start < options.end)

/** A wage-fund line labelled `total` or `all` is the fund of the whole payroll, not of a staff category. */
export const isTotalLabel = (label: string): boolean => label.toLowerCase() === 'total' || label.toLowerCase() === 'all'

// -------------------------------------------------------------------------------------
// small exact helpers
// -------------------------------------------------------------------------------------

/** Compares two strings by code unit, for sorting (negative, zero or positive). */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Adds `quantity` at `index` of a per-column array (created with zeros on first use). */
export const addAt = (values: Quantity.Quantity[], index: number, quantity: Quantity.Quantity): void => {
  values[index] = Quantity.add(values[index] ?? Quantity.zero, quantity)
}

/** A fresh per-column array of `count` exact zeros. */
export const zeros = (count: number): Quantity.Quantity[] => Array.from({ length: count }, () => Quantity.zero)

/** Running sums: element i is the sum of elements 0..i. */
export const cumulative = (values: ReadonlyArray<Quantity.Quantity>): ReadonlyArray<Quantity.Quantity> => {
  let sum = Quantity.zero
  return values.map((value) => (sum = Quantity.add(sum, value)))
}

/** Whether some value is not zero (a line worth showing). */
export const anyNonZero = (values: ReadonlyArray<Quantity.Quantity>): boolean =>
  values.some((value) => !Quantity.isZero(value))

/** Values per column under a key (an account, a stage…), and whether an estimated figure went in. */
export interface Accumulated {
  readonly values: Quantity.Quantity[]
  estimated: boolean
}

/**
 * Adds `quantity` at `column` of the slot under `key` (made by `create` on first use); an estimated figure marks the
 * slot.
 */
export const accumulate = <S extends Accumulated>(
  slots: Map<string, S>,
  key: string,
  create: () => S,
  column: number,
  quantity: Quantity.Quantity,
  estimated: boolean,
): void => {
  let slot = slots.get(key)
  if (slot === undefined) {
    slot = create()
    slots.set(key, slot)
  }
  addAt(slot.values, column, quantity)
  if (estimated) slot.estimated = true
}

/** Values per column of one commodity (a line, a total). */
export interface CommodityValues {
  readonly commodity: Commodity.CommoditySymbol
  readonly values: ReadonlyArray<Quantity.Quantity>
}

/** Column by column sums of the lines, per commodity. */
export const sumByCommodity = (
  lines: ReadonlyArray<CommodityValues>,
  count: number,
): Map<Commodity.CommoditySymbol, Quantity.Quantity[]> => {
  const totals = new Map<Commodity.CommoditySymbol, Quantity.Quantity[]>()
  for (const line of lines) {
    let values = totals.get(line.commodity)
    if (values === undefined) {
      values = zeros(count)
      totals.set(line.commodity, values)
    }
    for (const [index, value] of line.values.entries()) addAt(values, index, value)
  }
  return totals
}

/** The same sums as a list sorted by commodity: the total lines of a section. */
export const commodityTotals = (lines: ReadonlyArray<CommodityValues>, count: number): ReadonlyArray<CommodityValues> =>
  [...sumByCommodity(lines, count).entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([commodity, values]) => ({ commodity, values }))

// -------------------------------------------------------------------------------------
// JSON pieces
// -------------------------------------------------------------------------------------

/** An exact decimal as a string (`-145137000.5`). */
export const DecimalJson = t.string
/** An exact quantity as a decimal string, unrounded. */
export const decimal = (quantity: Quantity.Quantity): string => Quantity.toString(quantity)
/** An exact quantity as a decimal string, unrounded, or null when there is none. */
export const optionalDecimal = (quantity: Quantity.Quantity | undefined): string | null =>
  quantity === undefined ? null : Quantity.toString(quantity)
/** The codec of an exact decimal string or null. */
export const NullableDecimalJson = t.union([t.string, t.null])

/** The codec of an amount in JSON: a commodity and its exact quantity as a decimal string. */
export const AmountJson = t.readonly(t.type({ commodity: t.string, quantity: DecimalJson }))
/** An amount in JSON: a commodity and its exact quantity as a decimal string. */
export type AmountJson = t.TypeOf<typeof AmountJson>

/** The codec of a report column in JSON: its label, start, exclusive end and last day. */
export const ColumnJson = t.readonly(
  t.type({ label: t.string, start: t.string, endExclusive: t.string, lastDay: t.string }),
)
/** A report column in JSON: its label, start, exclusive end and last day as ISO dates. */
export type ColumnJson = t.TypeOf<typeof ColumnJson>
/** A report column as JSON. */
export const columnJson = (column: ReportColumn): ColumnJson => ({
  label: column.label,
  start: column.start,
  endExclusive: column.endExclusive,
  lastDay: column.lastDay,
})

/** The codec of the report options in JSON, every field optional. */
export const OptionsJson = t.readonly(
  t.partial({
    period: t.union([t.literal('month'), t.literal('quarter'), t.literal('year')]),
    entity: t.string,
    begin: t.string,
    end: t.string,
  }),
)
/** The report options in JSON, only the fields that were given. */
export type OptionsJson = t.TypeOf<typeof OptionsJson>
/** The report options as JSON, leaving out the fields not given. */
export const optionsJson = (options: ReportOptions): OptionsJson => ({
  ...(options.period !== undefined ? { period: options.period } : {}),
  ...(options.entity !== undefined ? { entity: options.entity } : {}),
  ...(options.begin !== undefined ? { begin: options.begin } : {}),
  ...(options.end !== undefined ? { end: options.end } : {}),
})

/** A JSON document's common head: `version: 1`, the report kind, its options and columns. */
export const headJson = <K extends string>(kind: K) =>
  ({
    version: t.literal(1),
    kind: t.literal(kind),
    options: OptionsJson,
    columns: t.readonlyArray(ColumnJson),
  }) as const

/** The head of a report's JSON document (the values of `headJson`). */
export const reportHead = <K extends string>(report: {
  readonly kind: K
  readonly options: ReportOptions
  readonly columns: ReadonlyArray<ReportColumn>
}): {
  readonly version: 1
  readonly kind: K
  readonly options: OptionsJson
  readonly columns: ReadonlyArray<ColumnJson>
} => ({
  version: 1,
  kind: report.kind,
  options: optionsJson(report.options),
  columns: report.columns.map(columnJson),
})

/** Exact decimals as strings, one per column. */
export const decimals = (values: ReadonlyArray<Quantity.Quantity>): ReadonlyArray<string> => values.map(decimal)

/**
 * The codec of a report measured per entity with one point per column: the head, the currency, each entity's points.
 */
export const perEntityJson = <K extends string, P extends t.Mixed>(kind: K, point: P) =>
  t.readonly(
    t.type({
      ...headJson(kind),
      currency: t.string,
      entities: t.readonlyArray(t.readonly(t.type({ entity: t.string, points: t.readonlyArray(point) }))),
    }),
  )

/** The JSON of such a report (what `perEntityJson` describes), each point encoded by `pointJson`. */
export const perEntityToJson = <K extends string, P, J>(
  report: {
    readonly kind: K
    readonly options: ReportOptions
    readonly columns: ReadonlyArray<ReportColumn>
    readonly currency: Commodity.CommoditySymbol
    readonly entities: ReadonlyArray<{ readonly entity: Entity.EntityName; readonly points: ReadonlyArray<P> }>
  },
  pointJson: (point: P) => J,
) => ({
  ...reportHead(report),
  currency: report.currency,
  entities: report.entities.map((item) => ({ entity: item.entity, points: item.points.map(pointJson) })),
})

/** A number for a chart (approximate: for plotting only; the exact value goes beside it). */
export const approximateNumber = (quantity: Quantity.Quantity): number => Quantity.toApproximateNumber(quantity)
