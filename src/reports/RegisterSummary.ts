/**
 * `register` with a report interval (hledger's `register -M`, `-p 'quarterly in 1936'`): per
 * period, one summary row per account and commodity with the period's sum of the matched
 * postings, accounts by name, and a running total across the summary rows. Periods without a
 * matched posting, and sums that cancel to zero, show no row (hledger's default, without `-E`).
 */
import * as E from 'fp-ts/lib/Either.js'
import * as Amount from '../core/Amount.js'
import type { CommoditySymbol } from '../core/Commodity.js'
import * as Ledger from '../core/Ledger.js'
import type * as LocalDate from '../core/LocalDate.js'
import * as PeriodExpression from '../core/PeriodExpression.js'
import type * as Quantity from '../core/Quantity.js'
import type { RegisterRow } from '../core/Query.js'

/** One summary row: the period (its first row carries `first`), the account, one commodity's sum, the running total. */
export interface SummaryRow {
  readonly period: PeriodExpression.Column
  /** The first row of its period (the text table prints the period's label there only). */
  readonly first: boolean
  readonly account: string
  readonly amount: Amount.Amount
  readonly running: Amount.MixedAmount
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The span of a report with an interval before widening: the given ends, an open one taken from the
 * journal's transaction dates (its first date, the day after its last), as hledger fills them. An
 * empty span (start not before end) is returned as the empty span at its start.
 */
export const defaultSpan = (
  ledger: Ledger.Ledger,
  given: PeriodExpression.Span,
): { readonly begin?: LocalDate.LocalDate; readonly end?: LocalDate.LocalDate } => {
  let first: LocalDate.LocalDate | undefined
  let last: LocalDate.LocalDate | undefined
  if (given.start === undefined || given.end === undefined)
    for (const transaction of Ledger.transactions(ledger)) {
      if (first === undefined || transaction.date < first) first = transaction.date
      if (last === undefined || transaction.date > last) last = transaction.date
    }
  const begin = given.start ?? first
  const end = given.end ?? (last === undefined ? undefined : PeriodExpression.addUnits('day', 1, last))
  if (begin === undefined || end === undefined) return {}
  return begin < end ? { begin, end } : { begin, end: begin }
}

/**
 * The span widened to whole periods, as hledger widens a report's span with an interval: the start
 * back to its period's start, the end forward to its period's end (a span too long for
 * `PeriodExpression.columns` is left as given; summarising it then reports the error).
 */
export const widen = (
  interval: PeriodExpression.ReportInterval,
  span: { readonly begin?: LocalDate.LocalDate; readonly end?: LocalDate.LocalDate },
): { readonly begin?: LocalDate.LocalDate; readonly end?: LocalDate.LocalDate } => {
  const begin =
    span.begin === undefined ? undefined : (PeriodExpression.periodStart(interval, span.begin) ?? span.begin)
  let end = span.end
  if (begin !== undefined && end !== undefined && end <= (span.begin ?? begin)) return { begin, end: begin }
  if (end !== undefined) {
    const lastDay = PeriodExpression.addUnits('day', -1, end) ?? end
    const from = begin ?? PeriodExpression.periodStart(interval, lastDay) ?? lastDay
    const periods = PeriodExpression.columns(interval, from, end)
    const last = E.isRight(periods) ? periods.right[periods.right.length - 1] : undefined
    if (last !== undefined) end = last.end
  }
  return { ...(begin !== undefined ? { begin } : {}), ...(end !== undefined ? { end } : {}) }
}

/**
 * Summarises register rows by period. The span is `begin`/`end` when given, else the rows' first
 * date to the day after their last; it is widened to whole periods as hledger widens it.
 */
export const summarise = (
  rows: ReadonlyArray<RegisterRow>,
  interval: PeriodExpression.ReportInterval,
  span: { readonly begin?: LocalDate.LocalDate; readonly end?: LocalDate.LocalDate },
): E.Either<PeriodExpression.PeriodExpressionError, ReadonlyArray<SummaryRow>> => {
  let first: LocalDate.LocalDate | undefined
  let last: LocalDate.LocalDate | undefined
  for (const row of rows) {
    const date = row.transaction.date
    if (first === undefined || date < first) first = date
    if (last === undefined || date > last) last = date
  }
  if (first === undefined || last === undefined) return E.right([])
  const dayAfterLast = PeriodExpression.addUnits('day', 1, last) ?? last
  const periods = PeriodExpression.columns(interval, span.begin ?? first, span.end ?? dayAfterLast)
  if (E.isLeft(periods)) return periods
  const columns = periods.right
  // Per period, per account, per commodity: the sum.
  const sums = columns.map(() => new Map<string, Map<CommoditySymbol, Quantity.Quantity>>())
  for (const row of rows) {
    const date = row.transaction.date
    let low = 0
    let high = columns.length - 1
    let found = -1
    while (low <= high) {
      const middle = (low + high) >> 1
      const column = columns[middle] as PeriodExpression.Column
      if (date < column.start) high = middle - 1
      else if (date >= column.end) low = middle + 1
      else {
        found = middle
        break
      }
    }
    const bucket = sums[found]
    if (bucket === undefined) continue
    let account = bucket.get(row.posting.account)
    if (account === undefined) {
      account = new Map()
      bucket.set(row.posting.account, account)
    }
    Amount.accumulate(account, row.amount.commodity, row.amount.quantity)
  }
  const result: SummaryRow[] = []
  const running = new Map<CommoditySymbol, Quantity.Quantity>()
  columns.forEach((period, index) => {
    const bucket = sums[index] as Map<string, Map<CommoditySymbol, Quantity.Quantity>>
    let firstOfPeriod = true
    for (const account of [...bucket.keys()].sort(byCodePoint))
      for (const amount of Amount.entries(bucket.get(account) as Amount.MixedAmount)) {
        Amount.accumulate(running, amount.commodity, amount.quantity)
        result.push({ period, first: firstOfPeriod, account, amount, running: new Map(running) })
        firstOfPeriod = false
      }
  })
  return E.right(result)
}
