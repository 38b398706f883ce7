/**
 * `register` with a report interval (hledger's `register -M`, `-p 'quarterly in 1936'`): per
 * period, one summary row per account and commodity with the period's sum of the matched
 * postings, accounts by name, and a running total across the summary rows. Periods without a
 * matched posting, and sums that cancel to zero, show no row (hledger's default, without `-E`).
 * The periods are the multi-period balance's (`MultiBalance.reportColumns`: open ends from the
 * journal's dates, widened to whole periods, as hledger's).
 */
import * as Amount from '../core/Amount.js'
import type { CommoditySymbol } from '../core/Commodity.js'
import type * as PeriodExpression from '../core/PeriodExpression.js'
import type * as Quantity from '../core/Quantity.js'
import type { RegisterRow } from '../core/Query.js'
import { columnOf } from './MultiBalance.js'

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

/** Summarises register rows by the given periods (rows outside them are left out). */
export const summarise = (
  rows: ReadonlyArray<RegisterRow>,
  columns: ReadonlyArray<PeriodExpression.Column>,
): ReadonlyArray<SummaryRow> => {
  // Per period, per account, per commodity: the sum.
  const sums = columns.map(() => new Map<string, Map<CommoditySymbol, Quantity.Quantity>>())
  for (const row of rows) {
    const bucket = sums[columnOf(columns, row.transaction.date)]
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
  return result
}
