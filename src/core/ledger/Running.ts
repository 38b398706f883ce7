/**
 * The running balances of a running-only ledger as plain data, and the exact merge of such data
 * into another running-only ledger: for a journal cut in two at a transaction boundary, posting
 * the first part and merging the second part's running balances gives the store posting the whole
 * journal gives (the same balances, with the same accounts and commodities in the same order), as
 * long as the second part's postings did not depend on the first part's balances (no balance
 * assignment; assertions are the caller's, `src/load/Parallel.ts`).
 *
 * Quantities travel as exact decimal strings at their own scale (`Quantity.toScaledString`), never
 * as numbers, so the data can cross a thread boundary (structured clone) without losing a digit.
 */

import type * as AccountName from '../AccountName.js'
import * as Amount from '../Amount.js'
import type * as Commodity from '../Commodity.js'
import * as Quantity from '../Quantity.js'
import { current, touch } from './Commit.js'
import { type Balances, internal, type Ledger, view } from './Model.js'

/** One balance map: commodity and exact quantity, in the map's order. */
export type BalanceEntries = ReadonlyArray<readonly [string, string]>

/** One account's four balance maps (own money, own goods, subtree money, subtree goods). */
export interface AccountEntries {
  readonly name: string
  readonly own: readonly [BalanceEntries, BalanceEntries]
  readonly subtree: readonly [BalanceEntries, BalanceEntries]
}

/** A running-only store as data (structured-clone safe: strings and integers only). */
export interface RunningSummary {
  readonly count: number
  readonly postings: number
  /** Every account the store knows, in the store's order (first touched first). */
  readonly accounts: ReadonlyArray<AccountEntries>
  readonly usedKinds: ReadonlyArray<readonly [string, Commodity.CommodityKind]>
  readonly totals: BalanceEntries
  readonly exchanged: BalanceEntries
  readonly exchangedTransactions: number
}

const entriesOf = (balances: ReadonlyMap<string, Quantity.Quantity>): BalanceEntries =>
  [...balances].map(([commodity, quantity]) => [commodity, Quantity.toScaledString(quantity)] as const)

/** The running balances of the newest view of a ledger, as data. O(accounts × commodities). */
export const summarize = (ledger: Ledger): RunningSummary => {
  const store = current(ledger)
  return {
    count: store.count,
    postings: store.postings,
    accounts: [...store.accounts].map(([name, state]) => ({
      name,
      own: [entriesOf(state.own.money), entriesOf(state.own.goods)],
      subtree: [entriesOf(state.subtree.money), entriesOf(state.subtree.goods)],
    })),
    usedKinds: [...store.usedKinds],
    totals: entriesOf(store.totals),
    exchanged: entriesOf(store.exchanged),
    exchangedTransactions: store.counters.exchangedTransactions,
  }
}

/**
 * The first commodity `summary` used as another kind than `ledger` did (posting the two parts in
 * sequence would have refused it), if any.
 */
export const kindConflict = (ledger: Ledger, summary: RunningSummary): string | undefined => {
  const used = current(ledger).usedKinds
  for (const [symbol, kind] of summary.usedKinds) {
    const known = used.get(symbol as Commodity.CommoditySymbol)
    if (known !== undefined && known !== kind) return symbol
  }
  return undefined
}

const addEntries = (target: Balances, entries: BalanceEntries): void => {
  for (const [commodity, quantity] of entries)
    Amount.accumulate(target, commodity as Commodity.CommoditySymbol, Quantity.unsafeFromString(quantity))
}

/**
 * Adds the running balances of `summary` (a later part of the same journal, posted to an empty
 * running-only ledger with the same declarations) to the newest view of the running-only `ledger`,
 * in place, and returns the newest view. Accounts and commodities the ledger did not know are
 * appended in the summary's order, which is the order posting the later part after the earlier one
 * would have met them. Throws (an invariant) on a ledger that keeps transactions or an older view,
 * and on a kind conflict (check `kindConflict` first).
 */
export const addRunning = (ledger: Ledger, summary: RunningSummary): Ledger => {
  const { declarations, size, store } = internal(ledger)
  if (store.keep) throw new Error('addRunning: the ledger keeps transactions; merge into a running-only ledger')
  if (size !== store.count) throw new Error('addRunning: only the newest view of a running-only ledger can be merged')
  const conflict = kindConflict(ledger, summary)
  if (conflict !== undefined) throw new Error(`addRunning: commodity ${conflict} is used as two kinds`)
  for (const account of summary.accounts) {
    const state = touch(store, account.name as AccountName.AccountName)
    addEntries(state.own.money, account.own[0])
    addEntries(state.own.goods, account.own[1])
    addEntries(state.subtree.money, account.subtree[0])
    addEntries(state.subtree.goods, account.subtree[1])
  }
  for (const [symbol, kind] of summary.usedKinds)
    if (!store.usedKinds.has(symbol as Commodity.CommoditySymbol))
      store.usedKinds.set(symbol as Commodity.CommoditySymbol, kind)
  addEntries(store.totals, summary.totals)
  addEntries(store.exchanged, summary.exchanged)
  store.counters.exchangedTransactions += summary.exchangedTransactions
  store.count += summary.count
  store.postings += summary.postings
  return view({ declarations, size: store.count, store })
}
