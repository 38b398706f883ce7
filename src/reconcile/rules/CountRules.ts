/**
 * R17 physical count vs book (inventory roll-forward), including WIP.
 */

import * as O from 'fp-ts/lib/Option.js'
import { type AccountName, Amount, Ledger, Quantity, Rate, type Transaction } from '../../core/index.js'
import { stageOf } from '../../domain/Books.js'
import { Ratio } from '../../measures/index.js'
import { amountMeasure, documentEvidence, percentMeasure, showMoney, showUnits } from '../Finding.js'
import * as Param from '../Param.js'
import { type FindingDraft, unsafeDefineRule } from '../Rule.js'
import { transactionEvidenceMax, transactionsEvidence } from './common.js'

/** A book entry of a counted account: a transaction with a goods posting to it, and the posting's commodity. */
interface BookEntry {
  readonly transaction: Transaction.Transaction
  readonly commodity: string
}

/**
 * The book entries a count rests on (its commodity, dated on or before it, not the count's own
 * posting), each transaction once, in posting order. With `inOrder` (entries in date and index
 * order) only the latest `transactionEvidenceMax`, found backwards from the count's date: the ones
 * the evidence keeps of the whole list.
 */
const bookEntries = (
  entries: ReadonlyArray<BookEntry>,
  count: { readonly commodity: string; readonly date: string; readonly id: string },
  inOrder: boolean,
): ReadonlyArray<Transaction.Transaction> => {
  const counts = (entry: BookEntry): boolean =>
    entry.commodity === count.commodity &&
    entry.transaction.date <= count.date &&
    entry.transaction.origin?.document !== count.id
  if (!inOrder) return [...new Set(entries.filter(counts).map((entry) => entry.transaction))]
  // the first entry dated after the count
  let low = 0
  let high = entries.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((entries[middle] as BookEntry).transaction.date <= count.date) low = middle + 1
    else high = middle
  }
  const found: Transaction.Transaction[] = []
  for (let at = low - 1; at >= 0 && found.length < transactionEvidenceMax; at--) {
    const entry = entries[at] as BookEntry
    if (counts(entry) && found[found.length - 1] !== entry.transaction) found.push(entry.transaction)
  }
  return found.reverse()
}

/**
 * Rule R17 (`count-vs-book`): warns when a physical count differs from the book by more than `tolerance` percent of the
 * book quantity (default 0.5) and its value by more than `toleranceMoney`, and is critical for uncounted work in
 * progress or finished goods.
 */
export const countVsBook = unsafeDefineRule({
  id: 'count-vs-book',
  title: 'Physical count differs from the book',
  description:
    'For each physical count up to the as-of date: difference = counted − book quantity, valued at the ' +
    "count's unit value. |difference| > `tolerance` of the book quantity and |value| > " +
    '`toleranceMoney` → warn; book units in work in progress or finished goods with nothing counted → ' +
    'critical.',
  motivation:
    'domain.md R17, §4.2 inventory observation (PCAOB AS 2510, ISA 501): balances "that did not ' +
    'correspond to physical inventories"; "missing steel".',
  parameters: { tolerance: Param.percent, toleranceMoney: Param.money },
  defaults: { tolerance: Rate.percentPoints(Quantity.unsafeFromString('0.5')), toleranceMoney: Quantity.zero },
  evaluate: ({ books, asOf, index }, { tolerance, toleranceMoney }) => {
    const drafts: FindingDraft[] = []
    // posting order is date order and index order: each count's latest entries are read backwards
    const inOrder = index !== undefined && index.books === books && index.sorted && index.ordered
    // The book entries each counted balance rests on: goods postings to the counted accounts, in one pass.
    const counted = new Set<AccountName.AccountName>([...books.counts.values()].map((count) => count.account))
    const entries = new Map<AccountName.AccountName, BookEntry[]>()
    if (counted.size > 0) {
      for (const transaction of Ledger.transactions(books.ledger)) {
        for (const posting of transaction.postings) {
          if (posting.goods === undefined || !counted.has(posting.account)) continue
          const list = entries.get(posting.account)
          const entry = { transaction, commodity: posting.goods.commodity }
          if (list === undefined) entries.set(posting.account, [entry])
          else list.push(entry)
        }
      }
    }
    for (const count of [...books.counts.values()].sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    )) {
      if (count.date > asOf || Quantity.isZero(count.difference)) continue
      const stage = stageOf(books, count.account)
      const vanished =
        Quantity.isZero(count.counted) &&
        Quantity.sign(count.bookQuantity) > 0 &&
        (stage === 'wip' || stage === 'finished')
      const share = Ratio.percentOf(Quantity.abs(count.difference), count.bookQuantity)
      const overShare =
        Quantity.sign(count.bookQuantity) <= 0 ||
        O.getOrElse((): -1 | 0 | 1 => 1)(
          Ratio.comparePercent(Quantity.abs(count.difference), count.bookQuantity, tolerance),
        ) > 0
      const overMoney = Quantity.compare(Quantity.abs(count.valueDifference), toleranceMoney) > 0
      if (!vanished && !(overShare && overMoney)) continue
      drafts.push({
        severity: vanished ? 'critical' : 'warn',
        entity: count.entity,
        date: count.date,
        accounts: [count.account],
        documents: [count.id],
        moneyGap: { quantity: count.valueDifference, commodity: books.currency },
        unitGap: Amount.make(count.difference, count.commodity),
        measures: [
          amountMeasure('book', count.bookQuantity, count.commodity),
          amountMeasure('counted', count.counted, count.commodity),
          amountMeasure('difference', count.difference, count.commodity),
          amountMeasure('value', count.valueDifference, books.currency),
          ...(O.isSome(share) ? [percentMeasure('ratio', share.value)] : []),
        ],
        threshold: vanished
          ? { text: 'book units in WIP or finished goods with nothing counted' }
          : {
              text:
                `|difference| > ${Quantity.toString(tolerance)} % of book and > ` +
                `${showMoney(toleranceMoney, books.currency)}`,
              value: { _tag: 'Percent', percent: tolerance },
            },
        evidence: [
          ...documentEvidence(books, count),
          ...transactionsEvidence(
            bookEntries(entries.get(count.account) ?? [], count, inOrder),
            (transaction) => `book entry of ${count.account}: ${transaction.description}`,
          ),
        ],
        message:
          `Count ${count.id} on ${count.date} found ${showUnits(count.counted, count.commodity)} in ` +
          `${count.account} against ${showUnits(count.bookQuantity, count.commodity)} in the book: ` +
          `${showUnits(count.difference, count.commodity)} (` +
          `${showMoney(count.valueDifference, books.currency)}).`,
      })
    }
    return drafts
  },
})
