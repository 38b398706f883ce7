/**
 * Consolidated views: the books of a group of entities as one, with the legs between members of
 * the group eliminated.
 *
 * Every inter-entity leg a domain operation posts carries the tag `counterparty: <entity>`, and
 * each operation posts such legs in mirrored pairs (the seller's receivable and the buyer's
 * payable, the bank's loan and the borrower's liability, both sides of a payment), so the legs a
 * transaction posts between two group members sum to zero. Eliminating them therefore keeps the
 * consolidated money book balanced. Elimination is per leg, by the counterparty named when the
 * leg was posted: a bill endorsed outside the group and back keeps the legs that left the group.
 */
import {
  AccountName,
  Amount,
  type Commodity,
  type Entity,
  Ledger,
  type LocalDate,
  Posting,
  type Quantity,
} from '../core/index.js'
import { counterpartyTag } from './Apply.js'
import type { Books } from './Books.js'

/** Which postings a consolidation reads: one book (money or goods) and optionally a date range `[begin, end)`. */
export interface ConsolidationOptions {
  readonly book: Ledger.Book
  /** First date included. */
  readonly begin?: LocalDate.LocalDate
  /** First date excluded. */
  readonly end?: LocalDate.LocalDate
}

/**
 * A group's consolidated balances by account name below the entity prefix, after eliminating legs
 * between group members, and what was eliminated.
 */
export interface Consolidated {
  readonly group: ReadonlyArray<Entity.EntityName>
  /** Balances by account name below the entity prefix (`assets:wip`), summed over the group, after elimination. */
  readonly balances: ReadonlyMap<AccountName.AccountName, Amount.MixedAmount>
  /** What was eliminated, by the same account names. */
  readonly eliminated: ReadonlyMap<AccountName.AccountName, Amount.MixedAmount>
}

const accumulate = (
  target: Map<AccountName.AccountName, Map<Commodity.CommoditySymbol, Quantity.Quantity>>,
  account: AccountName.AccountName,
  amount: Amount.Amount,
): void => {
  let balances = target.get(account)
  if (balances === undefined) {
    balances = new Map()
    target.set(account, balances)
  }
  Amount.accumulate(balances, amount.commodity, amount.quantity)
}

/** The counterparty entity an inter-entity leg names, if any. */
export const counterpartyOf = (posting: Posting.Posting): Entity.EntityName | undefined =>
  Posting.tagValue(posting.tags, counterpartyTag) as Entity.EntityName | undefined

/**
 * The group's own balances (each account's own postings), with legs between group members eliminated. One pass over the
 * ledger.
 */
export const consolidate = (
  books: Books,
  group: ReadonlyArray<Entity.EntityName>,
  options: ConsolidationOptions,
): Consolidated => {
  const members = new Set(group)
  const balances = new Map<AccountName.AccountName, Map<Commodity.CommoditySymbol, Quantity.Quantity>>()
  const eliminated = new Map<AccountName.AccountName, Map<Commodity.CommoditySymbol, Quantity.Quantity>>()
  const declarations = books.ledger.declarations
  for (const transaction of Ledger.transactions(books.ledger)) {
    if (options.begin !== undefined && transaction.date < options.begin) continue
    if (options.end !== undefined && transaction.date >= options.end) continue
    for (const posting of transaction.postings) {
      if (posting.entity === undefined || !members.has(posting.entity)) continue
      const amount = options.book === 'money' ? posting.money : posting.goods
      if (amount === undefined) continue
      const counterparty = counterpartyOf(posting)
      const local = Ledger.withinEntity(declarations, posting.account)
      accumulate(counterparty !== undefined && members.has(counterparty) ? eliminated : balances, local, amount)
    }
  }
  return { group, balances, eliminated }
}

/** Sum of a consolidated view's balances below `account` (inclusive), e.g. `assets`. */
export const consolidatedBalance = (view: Consolidated, account: AccountName.AccountName): Amount.MixedAmount => {
  let total: Amount.MixedAmount = Amount.emptyMixed
  for (const [name, balance] of view.balances)
    if (AccountName.isWithin(name, account)) total = Amount.addMixed(total, balance)
  return total
}
