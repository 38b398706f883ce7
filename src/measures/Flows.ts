/**
 * Balances and flows of the money book by account role, entity and date range.
 *
 * Every account of an entity plays at most one role (`roleOf`: the longest role account that
 * contains it), so `wip` does not include `rejected` (`assets:wip:rejected`) and `wages` does not
 * include `bonus` (`expenses:wages:bonus`): ask for both roles when both are meant.
 *
 * These queries read the core ledger only, so they work the same on books built by domain
 * operations and on aggregate books where a historian posted one plain transaction per figure
 * ("payroll 1936: 117,000,000 RUB" to the `wages` account). Each is one pass over the
 * transactions, O(N).
 */
import { type AccountName, type Amount, type Entity, Ledger, LocalDate, Quantity, type Transaction } from '../core/index.js'
import { type Books, type Role, roleOf } from '../domain/Books.js'

/** A half-open date range `[begin, end)`; a missing bound is open. */
export interface DateRange {
  readonly begin?: LocalDate.LocalDate
  readonly end?: LocalDate.LocalDate
}

/** The range of everything up to and including `on`. */
export const through = (on: LocalDate.LocalDate): DateRange => ({ end: dayAfter(on) })

/** The day after `on` (dates near year 9999 saturate at `on`). */
export const dayAfter = (on: LocalDate.LocalDate): LocalDate.LocalDate => {
  const next = LocalDate.addDays(1)(on)
  return next._tag === 'Right' ? next.right : on
}

/** The day before `on` (saturating at 0001-01-01). */
export const dayBefore = (on: LocalDate.LocalDate): LocalDate.LocalDate => {
  const previous = LocalDate.addDays(-1)(on)
  return previous._tag === 'Right' ? previous.right : on
}

export const inRange = (range: DateRange, date: LocalDate.LocalDate): boolean =>
  (range.begin === undefined || date >= range.begin) && (range.end === undefined || date < range.end)

/** Where an account sits in the chart: its entity and role, when it has them. */
export interface AccountPlace {
  readonly entity: Entity.EntityName
  readonly role: Role | undefined
}

/** A per-call memo of `roleOf` for the accounts of one books value (no state survives the call). */
export const placeResolver = (books: Books): ((account: AccountName.AccountName) => AccountPlace | undefined) => {
  const memo = new Map<AccountName.AccountName, AccountPlace | undefined>()
  return (account) => {
    if (memo.has(account)) return memo.get(account)
    const entity = Ledger.entityOf(books.ledger.declarations, account)
    const place = entity === undefined ? undefined : { entity, role: roleOf(books.chart, entity, account) }
    memo.set(account, place)
    return place
  }
}

/** A sum of postings: money in the books' currency, goods per commodity, and the transactions that contributed. */
export interface Flow {
  /** Debit-positive sum of the money postings in `books.currency`. */
  readonly money: Quantity.Quantity
  /** Debit-positive sum of the goods postings, per commodity. */
  readonly goods: Amount.MixedAmount
  /** The contributing transactions, in posting order. */
  readonly transactions: ReadonlyArray<Transaction.Transaction>
  /** The accounts that contributed, sorted. */
  readonly accounts: ReadonlyArray<AccountName.AccountName>
  /** True when any contributing posting is approximate. */
  readonly estimated: boolean
}

export interface FlowQuery {
  readonly entity: Entity.EntityName
  readonly roles: ReadonlyArray<Role>
  readonly range: DateRange
  /** Only postings that pass this test (e.g. a tag filter). */
  readonly posting?: (posting: Transaction.Transaction['postings'][number], transaction: Transaction.Transaction) => boolean
}

/** The postings to accounts of `entity` playing one of `roles`, within `range`. */
export const flow = (books: Books, query: FlowQuery): Flow => {
  const resolve = placeResolver(books)
  let money = Quantity.zero
  const goods = new Map<Amount.Amount['commodity'], Quantity.Quantity>()
  const transactions: Transaction.Transaction[] = []
  const accounts = new Set<AccountName.AccountName>()
  let estimated = false
  for (const transaction of Ledger.transactions(books.ledger)) {
    if (!inRange(query.range, transaction.date)) continue
    let touched = false
    for (const posting of transaction.postings) {
      const place = resolve(posting.account)
      if (place === undefined || place.entity !== query.entity || place.role === undefined || !query.roles.includes(place.role)) continue
      if (query.posting !== undefined && !query.posting(posting, transaction)) continue
      let counted = false
      if (posting.money !== undefined && posting.money.commodity === books.currency) {
        money = Quantity.add(money, posting.money.quantity)
        counted = true
      }
      if (posting.goods !== undefined) {
        const previous = goods.get(posting.goods.commodity)
        goods.set(posting.goods.commodity, previous === undefined ? posting.goods.quantity : Quantity.add(previous, posting.goods.quantity))
        counted = true
      }
      if (!counted) continue
      touched = true
      accounts.add(posting.account)
      if (posting.estimated) estimated = true
    }
    if (touched) transactions.push(transaction)
  }
  return { money, goods, transactions, accounts: [...accounts].sort(), estimated }
}

/** The balance of `roles` in `entity`'s books at the end of `on` (debit-positive). */
export const balanceOn = (books: Books, entity: Entity.EntityName, roles: ReadonlyArray<Role>, on: LocalDate.LocalDate): Flow =>
  flow(books, { entity, roles, range: through(on) })

/** The entities declared in the books' ledger, sorted. */
export const entities = (books: Books): ReadonlyArray<Entity.EntityName> => [...books.ledger.declarations.entities.keys()].sort()

/** Merges flows (transactions de-duplicated by index, kept in posting order). */
export const mergeFlows = (flows: ReadonlyArray<Flow>): Pick<Flow, 'transactions' | 'accounts' | 'estimated'> => {
  const byIndex = new Map<number, Transaction.Transaction>()
  const accounts = new Set<AccountName.AccountName>()
  let estimated = false
  for (const item of flows) {
    for (const transaction of item.transactions) byIndex.set(transaction.index, transaction)
    for (const account of item.accounts) accounts.add(account)
    if (item.estimated) estimated = true
  }
  return { transactions: [...byIndex.values()].sort((a, b) => a.index - b.index), accounts: [...accounts].sort(), estimated }
}
