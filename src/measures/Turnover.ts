/**
 * Turnover of working capital (domain.md R2): realized sales / average working capital, and its
 * length in days on a 360-day year: days = 360 · average / sales (scaled to the period's length).
 */
import * as O from 'fp-ts/lib/Option.js'
import { LocalDate as Dates, type Entity, type LocalDate, Period, Quantity, type Transaction } from '../core/index.js'
import type { Books } from '../domain/Books.js'
import { ascendingByIndex, dayBefore, type Latest, type LedgerIndex, latestOfUnion, mergeByIndex } from './Flows.js'
import { realizedSales } from './Fulfilment.js'
import { ratio, ratioRounding } from './Ratio.js'
import { workingCapital } from './WorkingCapital.js'

/** The days in the conventional 360-day year used for the turnover length in days. */
export const yearDays = 360

/**
 * Turnover of working capital for a period: realized sales over average working capital as an Option ratio with four
 * decimals, and its length as an Option count of days with two decimals.
 */
export interface Turnover {
  readonly entity: Entity.EntityName
  readonly period: Period.Period
  readonly realizedSales: Quantity.Quantity
  /** Mean of the working capital at the opening and at each quarter end within the period (up to `asOf`). */
  readonly averageWorkingCapital: Quantity.Quantity
  readonly points: ReadonlyArray<{ readonly on: LocalDate.LocalDate; readonly total: Quantity.Quantity }>
  /** sales / average, four decimals; none when the average is zero. */
  readonly turnover: O.Option<Quantity.Quantity>
  /** 360 · (period days / 365 or 366 → 360-day share) · average / sales, two decimals; none when sales are zero. */
  readonly days: O.Option<Quantity.Quantity>
  readonly transactions: ReadonlyArray<Transaction.Transaction>
  /** The last of `transactions` (see `Flow.latest`), read without listing them all. */
  readonly latest?: Latest
  readonly estimated: boolean
}

/**
 * Turnover of `entity` over `period`, with data up to `asOf` (with the run's `index`, working capital and sales are
 * shared with other measures).
 */
export const turnover = (
  books: Books,
  entity: Entity.EntityName,
  period: Period.Period,
  asOf: LocalDate.LocalDate,
  index?: LedgerIndex,
): Turnover => {
  const last = dayBefore(period.endExclusive) < asOf ? dayBefore(period.endExclusive) : asOf
  const dates: LocalDate.LocalDate[] = [dayBefore(period.start)]
  for (const quarter of Period.split('quarter', period.start, period.endExclusive)) {
    const end = Period.lastDay(quarter)
    if (end <= last) dates.push(end)
  }
  if (dates[dates.length - 1] !== last) dates.push(last)
  const capitals = dates.map((on) => workingCapital(books, entity, on, asOf, index))
  const sum = Quantity.sumAll(capitals.map((item) => item.total))
  const average = ratio(sum, Quantity.unsafeFromInteger(capitals.length), { scaleDigits: 2, mode: 'halfEven' })
  const averageValue = O.isSome(average) ? average.value : Quantity.zero
  const sales = realizedSales(books, entity, period, asOf, index)
  // The period's share of a 360-day year: a full year is 360 days, a quarter 90.
  const periodDays = Dates.daysBetween(period.start, period.endExclusive)
  const yearLength = Dates.daysInMonth(Dates.year(period.start), 2) === 29 ? 366 : 365
  const scaledDays = ratio(
    Quantity.multiply(Quantity.unsafeFromInteger(yearDays), Quantity.unsafeFromInteger(periodDays)),
    Quantity.unsafeFromInteger(yearLength),
    { scaleDigits: 6, mode: 'halfEven' },
  )
  const span = O.isSome(scaledDays) ? scaledDays.value : Quantity.unsafeFromInteger(yearDays)
  // The contributing transactions are listed only when asked for.
  let listed: ReadonlyArray<Transaction.Transaction> | undefined
  const list = (): ReadonlyArray<Transaction.Transaction> => {
    // every list in posting order (the usual case): merged in one pass over the categories' flows
    // category by category, dates in order: the balances of one category on later dates extend the earlier ones
    const lists = [
      ...(capitals[0]?.categories ?? []).flatMap((_, category) =>
        capitals.map((item) => item.categories[category]?.flow.transactions ?? []),
      ),
      sales.transactions,
    ]
    if (lists.every(ascendingByIndex)) return mergeByIndex(lists)
    const transactions = new Map<number, Transaction.Transaction>()
    for (const item of capitals)
      for (const transaction of item.transactions) transactions.set(transaction.index, transaction)
    for (const transaction of sales.transactions) transactions.set(transaction.index, transaction)
    return [...transactions.values()].sort((a, b) => a.index - b.index)
  }
  return {
    entity,
    period,
    realizedSales: sales.money,
    averageWorkingCapital: averageValue,
    points: capitals.map((item) => ({ on: item.on, total: item.total })),
    turnover: ratio(sales.money, averageValue, ratioRounding),
    days:
      Quantity.sign(sales.money) > 0
        ? ratio(Quantity.multiply(span, averageValue), sales.money, { scaleDigits: 2, mode: 'halfEven' })
        : O.none,
    get transactions(): ReadonlyArray<Transaction.Transaction> {
      listed ??= list()
      return listed
    },
    latest: (count, test) =>
      latestOfUnion(
        [...capitals.flatMap((item) => item.categories.map((category) => category.flow)), sales],
        count,
        test,
      ),
    estimated: capitals.some((item) => item.estimated) || sales.estimated,
  }
}
