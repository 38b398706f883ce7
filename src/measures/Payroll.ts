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
export const staffCategoryOf = (
  books: Books,
  entity: Entity.EntityName,
  posting: Transaction.Transaction['postings'][number],
): string => {
  const tagged =
    Posting.tagValue(posting.tags, 'staff-category') ??
    Posting.tagValue(posting.tags, 'staff') ??
    Posting.tagValue(posting.tags, 'category')
  if (tagged !== undefined && tagged.length > 0) return tagged
  const wages = accountFor(books.chart, entity, 'wages')
  const bonus = accountFor(books.chart, entity, 'bonus')
  if (
    AccountName.isWithin(posting.account, bonus) ||
    !AccountName.isWithin(posting.account, wages) ||
    posting.account === wages
  )
    return unassignedCategory
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
  // With the run's index, one pass over the range serves every entity (a region of many
  // entities would otherwise scan the range once per entity).
  if (index !== undefined && index.books === books) {
    const all = index.memo(`payrollByEntity\u0000${range.begin ?? ''}\u0000${range.end ?? ''}`, () =>
      payrollOf(books, undefined, range, index),
    )
    return all.get(entity) ?? emptyPayroll
  }
  return payrollOf(books, entity, range, index).get(entity) ?? emptyPayroll
}

const emptyPayroll: Payroll = { total: Quantity.zero, categories: [], transactions: [], estimated: false }

interface Accumulator {
  readonly categories: Map<
    string,
    { amount: Quantity.Quantity; transactions: Map<number, Transaction.Transaction>; estimated: boolean }
  >
  readonly transactions: Map<number, Transaction.Transaction>
  total: Quantity.Quantity
  estimated: boolean
}

/** Payroll in `range` for one entity, or for every entity when `only` is undefined. */
const payrollOf = (
  books: Books,
  only: Entity.EntityName | undefined,
  range: DateRange,
  index?: LedgerIndex,
): ReadonlyMap<Entity.EntityName, Payroll> => {
  const resolve = index !== undefined && index.books === books ? index.place : placeResolver(books)
  const byEntity = new Map<Entity.EntityName, Accumulator>()
  for (const transaction of index !== undefined && index.books === books
    ? transactionsIn(books, range, index)
    : Ledger.transactions(books.ledger)) {
    if (!inRange(range, transaction.date)) continue
    const accrual = transaction.origin?.operation === 'AccrueWages'
    for (const posting of transaction.postings) {
      if (posting.money === undefined || posting.money.commodity !== books.currency) continue
      const place = resolve(posting.account)
      if (place === undefined || (only !== undefined && place.entity !== only)) continue
      const charged =
        place.role === 'wages' ||
        place.role === 'bonus' ||
        (accrual && Quantity.sign(posting.money.quantity) > 0 && place.role !== 'wagesPayable')
      if (!charged) continue
      let accumulator = byEntity.get(place.entity)
      if (accumulator === undefined) {
        accumulator = { categories: new Map(), transactions: new Map(), total: Quantity.zero, estimated: false }
        byEntity.set(place.entity, accumulator)
      }
      const category = staffCategoryOf(books, place.entity, posting)
      let entry = accumulator.categories.get(category)
      if (entry === undefined) {
        entry = { amount: Quantity.zero, transactions: new Map(), estimated: false }
        accumulator.categories.set(category, entry)
      }
      entry.amount = Quantity.add(entry.amount, posting.money.quantity)
      entry.transactions.set(transaction.index, transaction)
      accumulator.total = Quantity.add(accumulator.total, posting.money.quantity)
      accumulator.transactions.set(transaction.index, transaction)
      if (posting.estimated) {
        entry.estimated = true
        accumulator.estimated = true
      }
    }
  }
  const result = new Map<Entity.EntityName, Payroll>()
  for (const [entity, accumulator] of byEntity) {
    result.set(entity, {
      total: accumulator.total,
      categories: [...accumulator.categories.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([category, entry]) => ({
          category,
          amount: entry.amount,
          transactions: [...entry.transactions.values()],
          estimated: entry.estimated,
        })),
      transactions: [...accumulator.transactions.values()],
      estimated: accumulator.estimated,
    })
  }
  return result
}
