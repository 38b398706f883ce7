/**
 * hledger's listing commands as data: `accounts`, `payees`, `commodities`, `prices` and `stats`,
 * each as hledger 1.25 computes it (see each function), with renderers for text (hledger's
 * layout), CSV, JSON and HTML (every text escaped).
 */
import * as Commodity from '../core/Commodity.js'
import * as Ledger from '../core/Ledger.js'
import * as LocalDate from '../core/LocalDate.js'
import type { Posting } from '../core/Posting.js'
import type * as Quantity from '../core/Quantity.js'
import type { Transaction } from '../core/Transaction.js'
import { declarationOrder } from './HledgerAccounts.js'

/** A posting filter (the query language, and `-b/-e`, `--real`). */
export type Where = (transaction: Transaction, posting: Posting) => boolean

const all: Where = () => true

/** Options of `accounts`: which accounts (declared, used, both), tree or flat, depth, the filters. */
export interface AccountsOptions {
  readonly tree?: boolean
  readonly depth?: number
  readonly declared?: boolean
  readonly used?: boolean
  readonly where?: Where
  /** Whether a declared account's name matches the query (hledger's `matchesAccount`). */
  readonly matchesName?: (account: string) => boolean
  /** Whether a name matches the query's account terms alone (applied after clipping to the depth). */
  readonly matchesAccountTerms?: (account: string) => boolean
}

/** One line of `accounts`: the full name and, for a tree, its indent and leaf name. */
export interface AccountLine {
  readonly account: string
  readonly indent: number
  readonly name: string
}

/**
 * hledger 1.25's `accounts`: the declared accounts matching the query's account terms and the
 * accounts of the postings matching the query (both unless `--declared` or `--used`), in
 * declaration order; `--tree` adds every parent and indents; `--depth N` clips names (and drops
 * duplicates).
 */
export const accounts = (ledger: Ledger.Ledger, options: AccountsOptions): ReadonlyArray<AccountLine> => {
  const where = options.where ?? all
  const matchesName = options.matchesName ?? (() => true)
  const matchesAccountTerms = options.matchesAccountTerms ?? (() => true)
  const wantDeclared = options.declared === true || options.used !== true
  const wantUsed = options.used === true || options.declared !== true
  const names = new Set<string>()
  if (wantDeclared)
    for (const account of ledger.declarations.accounts.keys()) if (matchesName(account)) names.add(account)
  if (wantUsed)
    for (const transaction of Ledger.transactions(ledger))
      for (const posting of transaction.postings) if (where(transaction, posting)) names.add(posting.account)
  if (options.tree === true)
    for (const name of [...names]) {
      const segments = name.split(':')
      for (let level = 1; level < segments.length; level++) names.add(segments.slice(0, level).join(':'))
    }
  const sorted = [...names].sort(declarationOrder(ledger.declarations))
  const seen = new Set<string>()
  const result: AccountLine[] = []
  for (const name of sorted) {
    const clipped = options.depth === undefined ? name : name.split(':').slice(0, options.depth).join(':')
    if (seen.has(clipped) || !matchesAccountTerms(clipped)) continue
    seen.add(clipped)
    const segments = clipped.split(':')
    result.push({ account: clipped, indent: segments.length - 1, name: segments[segments.length - 1] ?? '' })
  }
  return result
}

/** The payee of a description: the part before `|`, trimmed (the whole description without one). */
export const payeeOf = (description: string): string => {
  const bar = description.indexOf('|')
  return bar === -1 ? description : description.slice(0, bar).trim()
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** A transaction filter (hledger's transaction-level query). */
export type Matches = (transaction: Transaction) => boolean

/**
 * hledger 1.25's `payees`: the payees declared (`payee NAME`, those matching the query by their
 * name) and the payees of the transactions matching the query (both unless `declared` or
 * `used`), sorted, each once.
 */
export const payees = (
  ledger: Ledger.Ledger,
  options: {
    readonly matches?: Matches
    readonly declared?: ReadonlyArray<string>
    readonly only?: 'declared' | 'used'
  } = {},
): ReadonlyArray<string> => {
  const found = new Set<string>()
  if (options.only !== 'used') for (const payee of options.declared ?? []) found.add(payee)
  const matches = options.matches ?? (() => true)
  if (options.only !== 'declared')
    for (const transaction of Ledger.transactions(ledger))
      if (matches(transaction)) found.add(payeeOf(transaction.description))
  return [...found].sort(byCodePoint)
}

/** A market price (`P` directive) as the listing commands need it. */
export interface PriceLine {
  readonly date: LocalDate.LocalDate
  readonly commodity: string
  readonly price: Quantity.Quantity
  readonly priceCommodity: string
  /** The fraction digits written, so the price prints as written (`1.10`). */
  readonly decimals: number
}

/**
 * hledger 1.25's `commodities`: the declared commodities, the commodities of the posting amounts
 * written out (not of costs, lot prices or inferred amounts) and of `P` prices (not the commodity
 * a `P` directive prices), sorted. The
 * commodity of amounts written without one is the empty symbol, listed as an empty line.
 */
export const commodities = (ledger: Ledger.Ledger, prices: ReadonlyArray<PriceLine>): ReadonlyArray<string> => {
  const found = new Set<string>(ledger.declarations.commodities.keys())
  for (const transaction of Ledger.transactions(ledger))
    for (const posting of transaction.postings) {
      if (posting.money !== undefined && posting.origin === 'written') found.add(posting.money.commodity)
      if (posting.goods !== undefined) found.add(posting.goods.commodity)
    }
  for (const price of prices) found.add(price.priceCommodity)
  return [...found].sort(byCodePoint)
}

/** `P DATE COMMODITY PRICE`, the price with its commodity's style and the digits it was written with. */
export const showPrice = (ledger: Ledger.Ledger, price: PriceLine): string => {
  const commodity = Ledger.commodity(ledger, price.priceCommodity as Commodity.CommoditySymbol)
  const symbol = Commodity.needsQuotes(price.commodity as Commodity.CommoditySymbol)
    ? `"${price.commodity}"`
    : price.commodity
  const amount = Commodity.format(price.price, {
    symbol: commodity.symbol,
    style: { ...commodity.style, precision: price.decimals },
  })
  return `P ${price.date} ${symbol} ${amount}`
}

/** hledger 1.25's `prices`: the `P` directives in date order (stable), optionally only those of some commodities. */
export const sortedPrices = (
  prices: ReadonlyArray<PriceLine>,
  keep: (price: PriceLine) => boolean = () => true,
): ReadonlyArray<PriceLine> =>
  prices
    .map((price, index) => ({ price, index }))
    .filter(({ price }) => keep(price))
    .sort((a, b) => byCodePoint(a.price.date, b.price.date) || a.index - b.index)
    .map(({ price }) => price)

/** What `stats` reports: the figures of hledger 1.25's `stats`, without its run time. */
export interface Stats {
  readonly mainFile: string
  readonly includedFiles: ReadonlyArray<string>
  readonly first?: LocalDate.LocalDate
  /** The day after the last transaction. */
  readonly endExclusive?: LocalDate.LocalDate
  readonly last?: LocalDate.LocalDate
  readonly transactions: number
  readonly lastDays: { readonly thirty: number; readonly seven: number }
  readonly descriptions: number
  readonly accounts: number
  readonly depth: number
  readonly commodities: ReadonlyArray<string>
  readonly prices: number
  readonly pricedCommodities: ReadonlyArray<string>
}

/**
 * hledger 1.25's `stats`. The span is the query's dates (`-b/-e`, `date:`), each open side taken
 * from the journal (first date to the day after the last); the transactions counted are those
 * in the span (all, and in the 30 and 7 days up to `today`), with their distinct descriptions;
 * the accounts (and their greatest depth) and commodities are those of the postings in the span
 * that match the query and carry an amount (a posting elided with nothing to balance has none);
 * then the market prices and the commodities they price.
 */
export const stats = (
  ledger: Ledger.Ledger,
  input: {
    readonly files: ReadonlyArray<string>
    readonly prices: ReadonlyArray<PriceLine>
    readonly today: LocalDate.LocalDate
    readonly begin?: LocalDate.LocalDate
    readonly end?: LocalDate.LocalDate
    readonly where?: Where
  },
): Stats => {
  const where = input.where ?? all
  let journalFirst: LocalDate.LocalDate | undefined
  let journalLast: LocalDate.LocalDate | undefined
  for (const transaction of Ledger.transactions(ledger)) {
    if (journalFirst === undefined || transaction.date < journalFirst) journalFirst = transaction.date
    if (journalLast === undefined || transaction.date > journalLast) journalLast = transaction.date
  }
  const dayAfterLast = journalLast === undefined ? undefined : LocalDate.addDays(1)(journalLast)
  const first = input.begin ?? journalFirst
  const endExclusive =
    input.end ?? (dayAfterLast !== undefined && dayAfterLast._tag === 'Right' ? dayAfterLast.right : undefined)
  const shown = Ledger.transactions(ledger).filter(
    (transaction) =>
      (first === undefined || transaction.date >= first) &&
      (endExclusive === undefined || transaction.date < endExclusive),
  )
  let last: LocalDate.LocalDate | undefined
  const descriptions = new Set<string>()
  const accounts = new Set<string>()
  const symbols = new Set<string>()
  let thirty = 0
  let seven = 0
  for (const transaction of shown) {
    if (last === undefined || transaction.date > last) last = transaction.date
    descriptions.add(transaction.description)
    const age = LocalDate.daysBetween(transaction.date, input.today)
    if (age >= 0 && age < 30) thirty++
    if (age >= 0 && age < 7) seven++
    for (const posting of transaction.postings) {
      // As hledger: a posting elided with nothing to balance has no amount, and counts no account.
      if ((posting.money === undefined && posting.goods === undefined) || !where(transaction, posting)) continue
      accounts.add(posting.account)
      if (posting.money !== undefined) symbols.add(posting.money.commodity)
      if (posting.goods !== undefined) symbols.add(posting.goods.commodity)
    }
  }
  return {
    mainFile: input.files[0] ?? '',
    includedFiles: input.files.slice(1),
    ...(first !== undefined ? { first } : {}),
    ...(endExclusive !== undefined ? { endExclusive } : {}),
    ...(last !== undefined ? { last } : {}),
    transactions: shown.length,
    lastDays: { thirty, seven },
    descriptions: descriptions.size,
    accounts: accounts.size,
    depth: Math.max(0, ...[...accounts].map((account) => account.split(':').length)),
    commodities: [...symbols].sort(byCodePoint),
    prices: input.prices.length,
    pricedCommodities: [...new Set(input.prices.map((price) => price.commodity))].sort(byCodePoint),
  }
}

/** A rate per day with one decimal, as hledger prints it (a count, not money). */
const perDay = (count: number, days: number): string => {
  if (days <= 0) return '0.0'
  // Tenths, rounded half up in whole numbers (0.15 is 0.2, as hledger prints it).
  const tenths = Math.floor((20 * count + days) / (2 * days))
  return `${Math.floor(tenths / 10)}.${tenths % 10}`
}

/** The `stats` figures as label and value pairs, in hledger's order and words. */
export const statsLines = (value: Stats, today: LocalDate.LocalDate): ReadonlyArray<readonly [string, string]> => {
  const days =
    value.first !== undefined && value.endExclusive !== undefined
      ? LocalDate.daysBetween(value.first, value.endExclusive)
      : 0
  return [
    ['Main file', value.mainFile],
    ['Included files', value.includedFiles.join('\n                           ')],
    [
      'Transactions span',
      value.first === undefined ? '' : `${value.first} to ${value.endExclusive ?? ''} (${days} days)`,
    ],
    [
      'Last transaction',
      value.last === undefined ? 'none' : `${value.last} (${LocalDate.daysBetween(value.last, today)} days ago)`,
    ],
    ['Transactions', `${value.transactions} (${perDay(value.transactions, days)} per day)`],
    ['Transactions last 30 days', `${value.lastDays.thirty} (${perDay(value.lastDays.thirty, 30)} per day)`],
    ['Transactions last 7 days', `${value.lastDays.seven} (${perDay(value.lastDays.seven, 7)} per day)`],
    ['Payees/descriptions', String(value.descriptions)],
    ['Accounts', `${value.accounts} (depth ${value.depth})`],
    ['Commodities', `${value.commodities.length} (${value.commodities.join(', ')})`],
    ['Market prices', `${value.prices} (${value.pricedCommodities.join(', ')})`],
  ]
}

/** `stats` as hledger lays it out: labels padded to 25 columns, `: `, the value. */
export const renderStats = (lines: ReadonlyArray<readonly [string, string]>): string =>
  lines.map(([label, text]) => `${label.padEnd(25)}: ${text}`).join('\n') + '\n'
