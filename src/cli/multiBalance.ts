/** `balance` with hledger's report options: columns per period, accumulation, valuation (reports/MultiBalance.ts). */
import * as E from 'fp-ts/lib/Either.js'
import * as Commodity from '../core/Commodity.js'
import * as LocalDate from '../core/LocalDate.js'
import * as PeriodExpression from '../core/PeriodExpression.js'
import type { Posting } from '../core/Posting.js'
import type { Transaction } from '../core/Transaction.js'
import * as Elaborate from '../journal/Elaborate.js'
import * as Search from '../journal/Search.js'
import type * as Load from '../load/Load.js'
import * as MultiBalance from '../reports/MultiBalance.js'
import * as Valuation from '../reports/Valuation.js'
import { type Context, entityFilter, UsageError } from './common.js'
import { type RuleFlags, reportLedger } from './forecast.js'
import { type MultiPeriodFlags, parseValue, type ValueWhen } from './periodOptions.js'

/** The flags of `balance` this report reads. */
export interface MultiBalanceFlags extends MultiPeriodFlags {
  readonly tree?: boolean
  readonly depth?: number
  readonly entity?: string
  readonly units?: boolean
  readonly real?: boolean
  readonly output: 'table' | 'csv' | 'json'
}

/**
 * The `P` directives of a loaded journal as prices (a directive that does not read is left out; the loader reported
 * it).
 */
export const pricesOf = (loaded: Load.Loaded): ReadonlyArray<Valuation.Price> =>
  loaded.elaborated.prices.flatMap((directive) => {
    const date = LocalDate.fromString(directive.date.replace(/[/.]/gu, '-'))
    const from = Commodity.symbolFromString(directive.commodity)
    const amount = Elaborate.amountOf(directive.amount, [])
    if (E.isLeft(date) || E.isLeft(from) || amount === undefined) return []
    return [{ date: date.right, from: from.right, to: amount.commodity, rate: amount.quantity }]
  })

/** The report of `balance` when any of hledger's period, accumulation or valuation options is given. */
export const multiBalanceCommand = (
  context: Context,
  file: string,
  flags: MultiBalanceFlags,
  search: Search.Search,
  period: { readonly span: PeriodExpression.Span; readonly interval?: PeriodExpression.ReportInterval },
  today: LocalDate.LocalDate,
  rules: RuleFlags = {},
): void => {
  const loaded = context.load(file)
  if (loaded === undefined) return
  // With --forecast/--auto, the copy with the generated transactions and postings (as the one-column balance).
  const ledger = reportLedger(context, loaded, rules)
  if (ledger === undefined) return
  const entity = entityFilter(ledger, flags.entity)
  // --value replaces -V/-X (as the right-most of them would in hledger; giving both is rare).
  const value = flags.value !== undefined ? parseValue(flags.value, today) : undefined
  const valuing = flags.market === true || flags.exchange !== undefined || value !== undefined
  const when: ValueWhen = value?.when ?? { _tag: 'end' }
  let target: Valuation.Target = { _tag: 'default' }
  const exchange = value !== undefined ? value.commodity : flags.exchange
  if (exchange !== undefined) {
    const symbol = Commodity.symbolFromString(exchange)
    if (E.isLeft(symbol))
      throw new UsageError(
        `${value !== undefined ? '--value' : '--exchange'}: ${JSON.stringify(exchange)} is not a commodity symbol`,
      )
    target = { _tag: 'commodity', commodity: symbol.right }
  }
  // The `date:` terms give the span (below), not a filter.
  const matching = Search.withoutDateSpan(search)
  const db = valuing ? Valuation.database(pricesOf(loaded)) : undefined
  const filter = {
    book: flags.units === true ? ('goods' as const) : ('money' as const),
    ...(entity !== undefined ? { entity } : {}),
    ...(flags.real === true ? { real: true } : {}),
    ...(matching.terms.length > 0
      ? { where: (transaction: Transaction, posting: Posting) => Search.matches(matching, transaction, posting) }
      : {}),
  }
  const columns = MultiBalance.reportColumns(ledger, {
    span: PeriodExpression.intersect(period.span, search.dateSpan ?? {}),
    ...(period.interval !== undefined ? { interval: period.interval } : {}),
    ...(db?.lastDate !== undefined ? { lastPriceDate: db.lastDate } : {}),
  })
  if (E.isLeft(columns)) throw new UsageError(PeriodExpression.renderError(columns.left))
  const depth = flags.depth ?? search.depth
  const mode = flags.tree === true ? 'tree' : 'flat'
  const report = MultiBalance.build(ledger, {
    ...filter,
    columns: columns.right,
    mode,
    ...(depth !== undefined ? { depth } : {}),
    accumulation: flags.historical === true ? 'historical' : flags.cumulative === true ? 'cumulative' : 'change',
    // As in hledger, a one-column report has no total or average column.
    rowTotal: flags.rowTotal === true && period.interval !== undefined,
    average: flags.average === true && period.interval !== undefined,
    empty: flags.empty === true,
    invert: flags.invert === true,
    sortAmount: flags.sortAmount === true,
    ...(db !== undefined
      ? {
          valuation: {
            db,
            target,
            // Each column valued on its last day, or all on the one date asked, or each posting on its date.
            dates: columns.right.map((column) =>
              when._tag === 'date' ? when.date : E.getOrElse(() => column.start)(LocalDate.addDays(-1)(column.end)),
            ),
            ...(when._tag === 'then' ? { atPostingDate: true } : {}),
            ...(when._tag === 'date' ? { oneDate: true } : {}),
          },
        }
      : {}),
  })
  const single = period.interval === undefined
  if (flags.output === 'csv') context.io.stdout(MultiBalance.renderCsv(ledger, report, single ? ['amount'] : undefined))
  else if (flags.output === 'json')
    context.io.stdout(`${JSON.stringify(MultiBalance.toJson(ledger, report), null, 2)}\n`)
  else {
    const shown = single
      ? { ...report, columns: report.columns.map((column) => ({ ...column, label: 'balance' })) }
      : report
    context.io.stdout(`${MultiBalance.renderTable(ledger, shown, mode)}\n`)
  }
}
