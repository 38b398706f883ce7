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
import { transactionsEvidence } from './common.js'

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
  evaluate: ({ books, asOf }, { tolerance, toleranceMoney }) => {
    const drafts: FindingDraft[] = []
    // The book entries each counted balance rests on: goods postings to the counted accounts, in one pass.
    const counted = new Set<AccountName.AccountName>([...books.counts.values()].map((count) => count.account))
    const entries = new Map<
      AccountName.AccountName,
      Array<{ readonly transaction: Transaction.Transaction; readonly commodity: string }>
    >()
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
            [
              ...new Set(
                (entries.get(count.account) ?? [])
                  .filter(
                    (entry) =>
                      entry.commodity === count.commodity &&
                      entry.transaction.date <= count.date &&
                      entry.transaction.origin?.document !== count.id,
                  )
                  .map((entry) => entry.transaction),
              ),
            ],
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
