/**
 * Payroll charged to the wage fund, by staff category (domain.md R6): the postings to the
 * `wages` and `bonus` role accounts. A posting's staff category is its `staff:` (or
 * `category:`) tag, else the first segment below the wages account (`kirov:expenses:wages:ITR`
 * → `ITR`), else `unassigned`. Bonuses paid from the director's fund do not touch these accounts.
 */
import { AccountName, type Entity, Ledger, Posting, Quantity, type Transaction } from '../core/index.js'
import { accountFor, type Books } from '../domain/Books.js'
import { type AccountPlace, type DateRange, inRange, type LedgerIndex, placeResolver, transactionsIn } from './Flows.js'

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
  // With the run's index, the charged postings of the whole ledger are found once, and each
  // range (serving every entity) reads only the transactions that have one.
  if (index !== undefined && index.books === books) {
    const all = index.memo(`payrollByEntity\u0000${range.begin ?? ''}\u0000${range.end ?? ''}`, () => {
      const charged = index.memo('wageCharges', () => wageCharges(books, index))
      return payrollFrom(
        transactionsIn(books, range, index, charged.positions).map((transaction) => ({
          transaction,
          charges: charged.charges.get(transaction) as ReadonlyArray<Charge>,
        })),
      )
    })
    return all.get(entity) ?? emptyPayroll
  }
  const resolve = placeResolver(books)
  return (
    payrollFrom(
      Ledger.transactions(books.ledger).flatMap((transaction) =>
        inRange(range, transaction.date)
          ? [{ transaction, charges: chargesOf(books, entity, resolve, transaction) }]
          : [],
      ),
    ).get(entity) ?? emptyPayroll
  )
}

const emptyPayroll: Payroll = { total: Quantity.zero, categories: [], transactions: [], estimated: false }

/** A posting charged to the wage fund: its entity, staff category, money and whether it is approximate. */
interface Charge {
  readonly entity: Entity.EntityName
  readonly category: string
  readonly money: Quantity.Quantity
  readonly estimated: boolean
}

/** The postings of `transaction` charged to the wage fund (of `only`, or of every entity when undefined). */
const chargesOf = (
  books: Books,
  only: Entity.EntityName | undefined,
  resolve: (account: AccountName.AccountName) => AccountPlace | undefined,
  transaction: Transaction.Transaction,
): ReadonlyArray<Charge> => {
  let charges: Charge[] | undefined
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
    charges ??= []
    charges.push({
      entity: place.entity,
      category: staffCategoryOf(books, place.entity, posting),
      money: posting.money.quantity,
      estimated: posting.estimated,
    })
  }
  return charges ?? noCharges
}

const noCharges: ReadonlyArray<Charge> = []

/** Every transaction with a posting charged to the wage fund (positions ascending), with those postings. */
const wageCharges = (
  books: Books,
  index: LedgerIndex,
): { readonly positions: number[]; readonly charges: Map<Transaction.Transaction, ReadonlyArray<Charge>> } => {
  const positions: number[] = []
  const charges = new Map<Transaction.Transaction, ReadonlyArray<Charge>>()
  for (let position = 0; position < index.transactions.length; position++) {
    const transaction = index.transactions[position] as Transaction.Transaction
    const found = chargesOf(books, undefined, index.place, transaction)
    if (found.length === 0) continue
    positions.push(position)
    charges.set(transaction, found)
  }
  return { positions, charges }
}

interface Accumulator {
  readonly categories: Map<
    string,
    { amount: Quantity.Quantity; transactions: Map<number, Transaction.Transaction>; estimated: boolean }
  >
  readonly transactions: Map<number, Transaction.Transaction>
  total: Quantity.Quantity
  estimated: boolean
}

/** Payroll per entity from the charged postings of the transactions of a range, in posting order. */
const payrollFrom = (
  charged: ReadonlyArray<{ readonly transaction: Transaction.Transaction; readonly charges: ReadonlyArray<Charge> }>,
): ReadonlyMap<Entity.EntityName, Payroll> => {
  const byEntity = new Map<Entity.EntityName, Accumulator>()
  for (const { transaction, charges } of charged) {
    for (const charge of charges) {
      let accumulator = byEntity.get(charge.entity)
      if (accumulator === undefined) {
        accumulator = { categories: new Map(), transactions: new Map(), total: Quantity.zero, estimated: false }
        byEntity.set(charge.entity, accumulator)
      }
      let entry = accumulator.categories.get(charge.category)
      if (entry === undefined) {
        entry = { amount: Quantity.zero, transactions: new Map(), estimated: false }
        accumulator.categories.set(charge.category, entry)
      }
      entry.amount = Quantity.add(entry.amount, charge.money)
      entry.transactions.set(transaction.index, transaction)
      accumulator.total = Quantity.add(accumulator.total, charge.money)
      accumulator.transactions.set(transaction.index, transaction)
      if (charge.estimated) {
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
