/**
 * The balance report: data first (rows of account, commodity, exact quantity), then renderers
 * (text table, CSV, JSON). Flat mode lists each account's own balance, as hledger's flat mode
 * does; with a depth, deeper accounts are summed into their ancestor at that depth. Tree mode
 * lists every account with its subtree total, indented.
 */
import * as t from 'io-ts'
import * as AccountName from '../core/AccountName.js'
import * as Amount from '../core/Amount.js'
import * as Commodity from '../core/Commodity.js'
import * as Ledger from '../core/Ledger.js'
import * as Quantity from '../core/Quantity.js'
import * as Query from '../core/Query.js'
import * as Csv from './Csv.js'
import * as Table from './Table.js'

/**
 * Options of the balance report: the query filter, flat or tree mode, and an optional depth to sum deeper accounts
 * into.
 */
export interface BalanceOptions extends Query.Filter {
  readonly mode: 'flat' | 'tree'
  readonly depth?: number
}

/** One account of the balance report with its exact balance per commodity and its nesting level. */
export interface BalanceRow {
  readonly account: AccountName.AccountName
  /** Tree mode: nesting level from 0. Flat mode: 0. */
  readonly level: number
  readonly amounts: ReadonlyArray<Amount.Amount>
}

/** The balance report data for one book: exact balances per account and the exact total per commodity. */
export interface BalanceReport {
  readonly book: Ledger.Book
  readonly rows: ReadonlyArray<BalanceRow>
  readonly total: ReadonlyArray<Amount.Amount>
}

/**
 * Each account's own balance for the filter: without a date range or entity, read from the
 * ledger's running balances (O(accounts)); otherwise one pass over the transactions.
 */
const ownBalances = (
  ledger: Ledger.Ledger,
  options: BalanceOptions,
): ReadonlyMap<AccountName.AccountName, Amount.MixedAmount> => {
  if (
    options.begin !== undefined ||
    options.end !== undefined ||
    options.entity !== undefined ||
    options.real === true ||
    options.where !== undefined
  )
    return Query.ownBalances(ledger, options)
  const running = Ledger.ownRunningBalances(ledger, options.book)
  const within = options.account
  if (within === undefined) return running
  return new Map([...running].filter(([account]) => AccountName.isWithin(account, within)))
}

/** Builds the balance report of a ledger in flat or tree mode, with exact sums and no rounding. */
export const build = (ledger: Ledger.Ledger, options: BalanceOptions): BalanceReport => {
  const own = ownBalances(ledger, options)
  const rows: BalanceRow[] = []
  const total = new Map<Commodity.CommoditySymbol, Quantity.Quantity>()
  for (const balances of own.values())
    for (const [commodity, quantity] of balances) Amount.accumulate(total, commodity, quantity)
  if (options.mode === 'flat') {
    const clipped = new Map<AccountName.AccountName, Map<Commodity.CommoditySymbol, Quantity.Quantity>>()
    for (const [account, balances] of own) {
      const name = options.depth !== undefined ? AccountName.truncate(account, options.depth) : account
      let target = clipped.get(name)
      if (target === undefined) {
        target = new Map()
        clipped.set(name, target)
      }
      for (const [commodity, quantity] of balances) Amount.accumulate(target, commodity, quantity)
    }
    for (const account of [...clipped.keys()].sort()) {
      const amounts = Amount.entries(clipped.get(account) ?? Amount.emptyMixed)
      if (amounts.length > 0) rows.push({ account, level: 0, amounts })
    }
  } else {
    const subtree = Query.rollUp(own)
    // A parent whose subaccounts cancel out still heads its subtree (shown as 0).
    const shown = new Set<AccountName.AccountName>()
    for (const [account, balances] of subtree) {
      if (Amount.isMixedZero(balances)) continue
      shown.add(account)
      for (const ancestor of AccountName.ancestors(account)) shown.add(ancestor)
    }
    for (const account of [...shown].sort()) {
      const level = AccountName.depth(account) - 1
      if (options.depth !== undefined && level >= options.depth) continue
      rows.push({ account, level, amounts: Amount.entries(subtree.get(account) ?? Amount.emptyMixed) })
    }
  }
  return { book: options.book, rows, total: Amount.entries(total) }
}

const show = (ledger: Ledger.Ledger, amount: Amount.Amount): string =>
  Commodity.format(amount.quantity, Ledger.commodity(ledger, amount.commodity))

/** An aligned text table: one line per commodity, the account on the first; a total at the end. */
export const renderTable = (ledger: Ledger.Ledger, report: BalanceReport, mode: 'flat' | 'tree'): string => {
  const rows: string[][] = []
  for (const row of report.rows) {
    const name =
      mode === 'tree'
        ? `${'  '.repeat(row.level)}${row.level === 0 ? row.account : AccountName.leaf(row.account)}`
        : row.account
    if (row.amounts.length === 0) rows.push(['0', name])
    row.amounts.forEach((amount, index) => rows.push([show(ledger, amount), index === 0 ? name : '']))
  }
  const totalStart = rows.length
  if (report.total.length === 0) rows.push(['0', ''])
  for (const amount of report.total) rows.push([show(ledger, amount), ''])
  return Table.render(
    [
      { header: report.book === 'money' ? 'balance' : 'units', align: 'right' },
      { header: 'account', align: 'left' },
    ],
    rows,
    { separatorBefore: [totalStart] },
  )
}

/** `account,commodity,amount`, one row per account and commodity, exact amounts. */
export const renderCsv = (report: BalanceReport): string =>
  Csv.render(
    ['account', 'commodity', 'amount'],
    report.rows.flatMap((row) =>
      row.amounts.map((amount) => [
        Csv.textCell(row.account),
        Csv.textCell(amount.commodity),
        Csv.numberCell(Quantity.toString(amount.quantity)),
      ]),
    ),
  )

/** The JSON form of a balance report; decimals are strings. */
export const BalanceJson = t.readonly(
  t.type({
    version: t.literal(1),
    book: t.union([t.literal('money'), t.literal('goods')]),
    rows: t.readonlyArray(t.readonly(t.type({ account: t.string, commodity: t.string, amount: t.string }))),
    total: t.readonlyArray(t.readonly(t.type({ commodity: t.string, amount: t.string }))),
  }),
)
/** The JSON form of the balance report; amounts are exact decimal strings. */
export type BalanceJson = t.TypeOf<typeof BalanceJson>

/** The balance report as JSON (version 1), one row per account and commodity, amounts as exact decimal strings. */
export const toJson = (report: BalanceReport): BalanceJson => ({
  version: 1,
  book: report.book,
  rows: report.rows.flatMap((row) =>
    row.amounts.map((amount) => ({
      account: row.account,
      commodity: amount.commodity,
      amount: Quantity.toString(amount.quantity),
    })),
  ),
  total: report.total.map((amount) => ({ commodity: amount.commodity, amount: Quantity.toString(amount.quantity) })),
})
