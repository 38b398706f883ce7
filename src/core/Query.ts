/**
 * Queries over a ledger: balances (own and with subtree), per commodity, over a date range, per
 * entity, for the money book and the physical book separately; the trial balance; the register.
 *
 * Every query is one pass over the transactions (O(N)) or, without a date range, a read of the
 * running balances (O(accounts)).
 */
import * as AccountName from './AccountName.js'
import * as Amount from './Amount.js'
import type { CommoditySymbol } from './Commodity.js'
import type { EntityName } from './Entity.js'
import * as Ledger from './Ledger.js'
import type { LocalDate } from './LocalDate.js'
import type { Posting } from './Posting.js'
import type * as Quantity from './Quantity.js'
import type { Transaction } from './Transaction.js'

/**
 * Which postings a query reads: one book (money or goods), optionally a date range `[begin, end)`, one
 * entity, and one account subtree.
 */
export interface Filter {
  readonly book: Ledger.Book
  /** First date included. */
  readonly begin?: LocalDate
  /** First date excluded (as hledger's `--end`). */
  readonly end?: LocalDate
  /** Only accounts of this entity. */
  readonly entity?: EntityName
  /** Only accounts within this one (itself or below). */
  readonly account?: AccountName.AccountName
  /** Leave out virtual postings, `(a)` and `[a]` (hledger's `--real`). */
  readonly real?: boolean
  /** Only the postings this test accepts (e.g. a query of `journal/Search.ts`). */
  readonly where?: (transaction: Transaction, posting: Posting) => boolean
}

type MutableBalances = Map<AccountName.AccountName, Map<CommoditySymbol, Quantity.Quantity>>

const inRange = (filter: Filter, transaction: Transaction): boolean =>
  (filter.begin === undefined || transaction.date >= filter.begin) &&
  (filter.end === undefined || transaction.date < filter.end)

const postingMatches = (filter: Filter, posting: Posting): boolean =>
  (filter.real !== true || posting.virtual === undefined) &&
  (filter.entity === undefined || posting.entity === filter.entity) &&
  (filter.account === undefined || AccountName.isWithin(posting.account, filter.account))

/** The amount a posting contributes to a book. */
export const amountIn = (posting: Posting, book: Ledger.Book): Amount.Amount | undefined =>
  book === 'money' ? posting.money : posting.goods

/** Each account's own balance (not including subaccounts), for the postings the filter selects. */
export const ownBalances = (
  ledger: Ledger.Ledger,
  filter: Filter,
): ReadonlyMap<AccountName.AccountName, Amount.MixedAmount> => {
  const result: MutableBalances = new Map()
  for (const transaction of Ledger.transactions(ledger)) {
    if (!inRange(filter, transaction)) continue
    for (const posting of transaction.postings) {
      const amount = amountIn(posting, filter.book)
      if (amount === undefined || !postingMatches(filter, posting)) continue
      if (filter.where !== undefined && !filter.where(transaction, posting)) continue
      let balances = result.get(posting.account)
      if (balances === undefined) {
        balances = new Map()
        result.set(posting.account, balances)
      }
      Amount.accumulate(balances, amount.commodity, amount.quantity)
    }
  }
  return result
}

/** Adds every account's own balance into all its ancestors: account → subtree balance. */
export const rollUp = (
  own: ReadonlyMap<AccountName.AccountName, Amount.MixedAmount>,
): ReadonlyMap<AccountName.AccountName, Amount.MixedAmount> => {
  const result: MutableBalances = new Map()
  const add = (account: AccountName.AccountName, balances: Amount.MixedAmount): void => {
    let target = result.get(account)
    if (target === undefined) {
      target = new Map()
      result.set(account, target)
    }
    for (const [commodity, quantity] of balances) Amount.accumulate(target, commodity, quantity)
  }
  for (const [account, balances] of own) {
    add(account, balances)
    for (const ancestor of AccountName.ancestors(account)) add(ancestor, balances)
  }
  return result
}

/**
 * The balance of one account: own or with its subtree, in one book, for the filter's range and entity.
 *
 * @example
 * ```ts
 * const text =
 *   '2024-01-01 Opening\n    assets:cash  100 RUB\n    equity:opening\n\n' +
 *   '2024-02-01 Rent\n    expenses:rent  30 RUB\n    assets:cash\n'
 * const loaded = loadText('books.journal', text, { fileSystem: memoryFileSystem(new Map()) })
 * if (E.isLeft(loaded)) throw new Error(renderFailure(loaded.left))
 * const { ledger } = loaded.right
 * const assets = AccountName.unsafeFromString('assets')
 * // Amount.showMixed(Query.balance(ledger, assets, { book: 'money', inclusive: true })) → '70 RUB'
 * // Amount.showMixed(Query.balance(ledger, assets, { book: 'money', inclusive: false }))
 * //   → '0' (no posting to `assets` itself)
 * // Amount.showMixed(
 * //   Query.balance(ledger, assets, {
 * //     book: 'money',
 * //     inclusive: true,
 * //     end: LocalDate.unsafeFromString('2024-02-01'),
 * //   }),
 * // )
 * //   → '100 RUB'
 * ```
 */
export const balance = (
  ledger: Ledger.Ledger,
  account: AccountName.AccountName,
  options: Filter & { readonly inclusive: boolean },
): Amount.MixedAmount => {
  if (
    options.begin === undefined &&
    options.end === undefined &&
    options.entity === undefined &&
    options.real !== true &&
    options.where === undefined
  ) {
    return Ledger.runningBalance(ledger, account, options.book, options.inclusive)
  }
  const own = ownBalances(ledger, { ...options, account })
  if (!options.inclusive) return own.get(account) ?? Amount.emptyMixed
  return rollUp(own).get(account) ?? Amount.emptyMixed
}

/** One line of a trial balance: an account's own balance in one commodity (zero balances are left out). */
export interface TrialBalanceRow {
  readonly account: AccountName.AccountName
  readonly amount: Amount.Amount
}

/**
 * A trial balance: each account's own non-zero balance per commodity, sorted, and the non-zero totals per commodity
 * (none for the money book, which always balances).
 */
export interface TrialBalance {
  readonly rows: ReadonlyArray<TrialBalanceRow>
  /** Per commodity, non-zero only: empty for the money book, whose totals are always zero. */
  readonly totals: ReadonlyArray<Amount.Amount>
}

/**
 * Every account's own balance per commodity, sorted by account then commodity. For the money
 * book, the totals are asserted to be zero per commodity (each posted transaction balances, so
 * any range of them does too).
 *
 * @example
 * ```ts
 * // `ledger` loaded from the journal of the `balance` example (opening 100 RUB, rent 30 RUB)
 * const trial = Query.trialBalance(ledger, { book: 'money' })
 * // trial.rows.map((row) => `${row.account} ${Amount.showExact(row.amount)}`)
 * //   → ['assets:cash 70 RUB', 'equity:opening -100 RUB', 'expenses:rent 30 RUB']
 * // trial.totals → [] (zero totals are left out, and the money book always balances)
 * ```
 */
export const trialBalance = (ledger: Ledger.Ledger, filter: Filter): TrialBalance => {
  const own = ownBalances(ledger, filter)
  const rows: TrialBalanceRow[] = []
  const totals = new Map<CommoditySymbol, Quantity.Quantity>()
  for (const account of [...own.keys()].sort()) {
    for (const amount of Amount.entries(own.get(account) ?? Amount.emptyMixed)) {
      rows.push({ account, amount })
      Amount.accumulate(totals, amount.commodity, amount.quantity)
    }
  }
  if (
    filter.book === 'money' &&
    filter.entity === undefined &&
    filter.account === undefined &&
    filter.real !== true &&
    filter.where === undefined &&
    Ledger.exchangedTransactions(ledger) === 0 &&
    !Amount.isMixedZero(totals)
  ) {
    throw new Error(`assertion failed: trial balance does not sum to zero (${Amount.showMixed(totals)})`)
  }
  return { rows, totals: Amount.entries(totals) }
}

/**
 * One line of a register: a matched posting, its transaction, the amount it contributes, and the running total after
 * it.
 */
export interface RegisterRow {
  readonly transaction: Transaction
  readonly posting: Posting
  readonly amount: Amount.Amount
  /** Running total of the matched postings, after this one. */
  readonly running: Amount.MixedAmount
}

/**
 * The matched postings in posting order with a running total (as `hledger register`).
 *
 * @example
 * ```ts
 * // `ledger` loaded from the journal of the `balance` example (opening 100 RUB, rent 30 RUB)
 * const rows = Query.register(ledger, { book: 'money', account: AccountName.unsafeFromString('assets:cash') })
 * // rows.map((row) => `${row.transaction.date} ${Amount.showExact(row.amount)} → ${Amount.showMixed(row.running)}`)
 * //   → ['2024-01-01 100 RUB → 100 RUB', '2024-02-01 -30 RUB → 70 RUB']
 * ```
 */
export const register = (
  ledger: Ledger.Ledger,
  filter: Filter & { readonly accountMatches?: (account: AccountName.AccountName) => boolean },
): ReadonlyArray<RegisterRow> => {
  const rows: RegisterRow[] = []
  const running = new Map<CommoditySymbol, Quantity.Quantity>()
  for (const transaction of Ledger.transactions(ledger)) {
    if (!inRange(filter, transaction)) continue
    for (const posting of transaction.postings) {
      const amount = amountIn(posting, filter.book)
      if (amount === undefined || !postingMatches(filter, posting)) continue
      if (filter.where !== undefined && !filter.where(transaction, posting)) continue
      if (filter.accountMatches !== undefined && !filter.accountMatches(posting.account)) continue
      Amount.accumulate(running, amount.commodity, amount.quantity)
      rows.push({ transaction, posting, amount, running: new Map(running) })
    }
  }
  return rows
}
