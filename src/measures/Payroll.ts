/**
 * Payroll charged to the wage fund, by staff category (domain.md R6): the postings to the
 * `wages` and `bonus` role accounts. A posting's staff category is its `staff:` (or
 * `category:`) tag, else the first segment below the wages account (`kirov:expenses:wages:ITR`
 * → `ITR`), else `unassigned`. Bonuses paid from the director's fund do not touch these accounts.
 */
import { AccountName, type Entity, Ledger, Posting, Quantity, type Transaction } from '../core/index.js'
import { accountFor, type Books } from '../domain/Books.js'
import { type DateRange, inRange, type LedgerIndex, placeResolver, transactionsIn } from './Flows.js'

/** The staff category given to a wage posting with no category tag and no sub-account below the wages account. */
export const unassignedCategory = 'unassigned'

/** The exact payroll money charged to the wage fund for one staff category, with its transactions. */
export interface PayrollCategory {
  readonly category: string
  readonly amount: Quantity.Quantity
  readonly transactions: ReadonlyArray<Transaction.Transaction>
  readonly estimated: boolean
}

/** The exact payroll money charged to the wage fund in a range, in total and per staff category. */
export interface Payroll {
  readonly total: Quantity.Quantity
  readonly categories: ReadonlyArray<PayrollCategory>
  readonly transactions: ReadonlyArray<Transaction.Transaction>
  readonly estimated: boolean
}

/** The staff category of a wage posting. */
export const staffCategoryOf = (books: Books, entity: Entity.EntityName, posting: Transaction.Transaction['postings'][number]): string => {
  const tagged = Posting.tagValue(posting.tags, 'staff-category') ?? Posting.tagValue(posting.tags, 'staff') ?? Posting.tagValue(posting.tags, 'category')
  if (tagged !== undefined && tagged.length > 0) return tagged
  const wages = accountFor(books.chart, entity, 'wages')
  const bonus = accountFor(books.chart, entity, 'bonus')
  if (AccountName.isWithin(posting.account, bonus) || !AccountName.isWithin(posting.account, wages) || posting.account === wages) return unassignedCategory
  const below = posting.account.slice(wages.length + 1)
  const colon = below.indexOf(':')
  return colon < 0 ? below : below.slice(0, colon)
}

/**
 * Payroll of `entity` in `range`, by staff category (sorted): postings to the `wages` and `bonus`
 * role accounts, plus wages charged to work in progress or overheads by `AccrueWages` operations
 * (their debit legs carry a `staff-category:` tag).
 */
export const payroll = (books: Books, entity: Entity.EntityName, range: DateRange, index?: LedgerIndex): Payroll => {
  const resolve = index !== undefined && index.books === books ? index.place : placeResolver(books)
  const categories = new Map<string, { amount: Quantity.Quantity; transactions: Map<number, Transaction.Transaction>; estimated: boolean }>()
  const transactions = new Map<number, Transaction.Transaction>()
  let total = Quantity.zero
  let estimated = false
  for (const transaction of index !== undefined && index.books === books ? transactionsIn(books, range, index) : Ledger.transactions(books.ledger)) {
    if (!inRange(range, transaction.date)) continue
    const accrual = transaction.origin?.operation === 'AccrueWages'
    for (const posting of transaction.postings) {
      if (posting.money === undefined || posting.money.commodity !== books.currency) continue
      const place = resolve(posting.account)
      if (place === undefined || place.entity !== entity) continue
      const charged = place.role === 'wages' || place.role === 'bonus' || (accrual && Quantity.sign(posting.money.quantity) > 0 && place.role !== 'wagesPayable')
      if (!charged) continue
      const category = staffCategoryOf(books, entity, posting)
      let entry = categories.get(category)
      if (entry === undefined) {
        entry = { amount: Quantity.zero, transactions: new Map(), estimated: false }
        categories.set(category, entry)
      }
      entry.amount = Quantity.add(entry.amount, posting.money.quantity)
      entry.transactions.set(transaction.index, transaction)
      total = Quantity.add(total, posting.money.quantity)
      transactions.set(transaction.index, transaction)
      if (posting.estimated) {
        entry.estimated = true
        estimated = true
      }
    }
  }
  return {
    total,
    categories: [...categories.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([category, entry]) => ({ category, amount: entry.amount, transactions: [...entry.transactions.values()], estimated: entry.estimated })),
    transactions: [...transactions.values()],
    estimated,
  }
}
