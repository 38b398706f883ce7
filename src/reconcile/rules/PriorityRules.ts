/**
 * R16 payment-priority violation: a payment of a lower class while a higher class was due and
 * unpaid.
 *
 * The queue is written in the journal with hledger tags on plain transactions: a posting that
 * credits what the entity owes carries `class: CLASS` and `due: DATE` (one obligation of that
 * class, due on that date); a payment is a transaction that debits a posting of a known class
 * (its own `class:` tag, the transaction's, or the class of the obligations on the account it
 * debits) and credits the entity's current account or cash. Payments settle the obligations on
 * the account they debit, earliest due first.
 */
import { type AccountName, type Entity, Ledger, LocalDate, Quantity, type Transaction } from '../../core/index.js'
import type { RuleSetting } from '../../domain/Statements.js'
import { Flows } from '../../measures/index.js'
import {
  amountMeasure,
  type Evidence,
  numberMeasure,
  reportedEvidence,
  showMoney,
  transactionEvidence,
} from '../Finding.js'
import * as Param from '../Param.js'
import { type FindingDraft, unsafeDefineRule } from '../Rule.js'
import { placesOf, tagOf } from './common.js'

/**
 * The default order, highest first (domain.md §4.1 R16 lists these classes; the order is configuration, not a sourced
 * 1936 rule).
 */
export const defaultPaymentOrder: ReadonlyArray<string> = ['wages', 'budget', 'loans', 'suppliers', 'overheads']

interface Obligation {
  readonly entity: Entity.EntityName
  readonly account: AccountName.AccountName
  readonly paymentClass: string
  readonly due: LocalDate.LocalDate
  open: Quantity.Quantity
  readonly transaction: Transaction.Transaction
}

/**
 * The order in force on `date`: the last `payment-priority.order` setting dated on or before it
 * (undated settings count as earliest); before the first dated setting, the default order; with
 * no setting at all, `resolved` (the parameter as resolved for the run, so `--param` applies).
 */
const orderOn = (
  settings: ReadonlyArray<RuleSetting>,
  date: LocalDate.LocalDate,
  resolved: ReadonlyArray<string>,
): ReadonlyArray<string> => {
  let best: { readonly date: string; readonly words: ReadonlyArray<string> } | undefined
  let any = false
  for (const setting of settings) {
    if (setting.rule !== 'payment-priority' || setting.name !== 'order' || setting.value._tag !== 'Word') continue
    any = true
    const from = setting.date ?? ''
    if (from > date) continue
    if (best === undefined || from >= best.date)
      best = {
        date: from,
        words: setting.value.word
          .split(',')
          .map((word) => word.trim())
          .filter((word) => word.length > 0),
      }
  }
  return best?.words ?? (any ? defaultPaymentOrder : resolved)
}

const yes = (word: string): boolean => ['yes', 'true'].includes(word.toLowerCase())

/**
 * Rule R16 (`payment-priority`): warns for every payment of a lower class made while a higher class (in the order in
 * force on its date) was overdue and unpaid; also for a reported `payment-priority:…` breach.
 */
export const paymentPriority = unsafeDefineRule({
  id: 'payment-priority',
  title: 'Payment out of priority order',
  description:
    'Obligations are credit postings tagged `class: CLASS` and `due: DATE`; payments are transactions ' +
    'debiting a posting of a known class (its `class:` tag, or the class of the obligations on the ' +
    'account it debits) against the entity’s current account or cash, settling that account’s ' +
    'obligations earliest due first. For each payment: the obligations of every class ranked above the ' +
    'payment’s class (in `order`, highest first, as in force on the payment’s date: a dated `param ' +
    'DATE payment-priority.order …` changes it from that date) that were due more than `graceDays` ' +
    'days before the payment and still open → warn, with that queue as evidence. Classes not in the ' +
    'order are not judged. A reported `payment-priority:WHAT yes` (an inspector’s statement of a ' +
    'breach, without amounts) → warn, citing it. The default order (wages, budget, loans, suppliers, ' +
    'overheads) is configuration: the order in force in 1936 is not sourced.',
  motivation:
    'domain.md Q12 (fn 55: TsGIA SPb. F.P-960, Op.7, D.2, 4): at the Kirov Plant overhead costs were ' +
    'paid before invoices and bank loans. The priority order itself changed during the 1930s and is ' +
    'not sourced for 1936: it is a dated parameter.',
  parameters: { order: Param.words, graceDays: Param.count },
  defaults: { order: defaultPaymentOrder, graceDays: 0 },
  evaluate: ({ books, reported, settings, asOf, index }, { order, graceDays }) => {
    const drafts: FindingDraft[] = []
    const resolve = placesOf({ books, index })
    // the open obligations, per entity (pruned as they are settled) and per account
    const openOf = new Map<Entity.EntityName, Obligation[]>()
    const onAccount = new Map<AccountName.AccountName, Obligation[]>()
    const classOfAccount = new Map<AccountName.AccountName, string>()
    for (const transaction of Ledger.transactions(books.ledger)) {
      if (transaction.date > asOf) continue
      // the obligations this transaction creates
      for (const posting of transaction.postings) {
        if (posting.money === undefined || Quantity.sign(posting.money.quantity) >= 0) continue
        const paymentClass = tagOf(posting, transaction, 'class')
        const dueText = tagOf(posting, transaction, 'due')
        const place = resolve(posting.account)
        if (paymentClass === undefined || dueText === undefined || place === undefined) continue
        const due = LocalDate.fromString(dueText.trim())
        if (due._tag === 'Left') continue
        const obligation: Obligation = {
          entity: place.entity,
          account: posting.account,
          paymentClass,
          due: due.right,
          open: Quantity.negate(posting.money.quantity),
          transaction,
        }
        openOf.set(place.entity, [
          ...(openOf.get(place.entity) ?? []).filter((item) => Quantity.sign(item.open) > 0),
          obligation,
        ])
        const own = onAccount.get(posting.account)
        if (own === undefined) onAccount.set(posting.account, [obligation])
        else own.push(obligation)
        classOfAccount.set(posting.account, paymentClass)
      }
      // the payments it makes
      for (const posting of transaction.postings) {
        if (posting.money === undefined || Quantity.sign(posting.money.quantity) <= 0) continue
        const place = resolve(posting.account)
        if (place === undefined) continue
        const paymentClass = tagOf(posting, transaction, 'class') ?? classOfAccount.get(posting.account)
        if (paymentClass === undefined) continue
        const fromMoney = transaction.postings.some(
          (other) =>
            other.money !== undefined &&
            Quantity.sign(other.money.quantity) < 0 &&
            resolve(other.account)?.entity === place.entity &&
            (resolve(other.account)?.role === 'current' || resolve(other.account)?.role === 'cash'),
        )
        if (!fromMoney) continue
        const ranking = orderOn(settings, transaction.date, order)
        const rank = ranking.indexOf(paymentClass)
        if (rank >= 0) {
          const overdue = (openOf.get(place.entity) ?? []).filter(
            (item) =>
              Quantity.sign(item.open) > 0 &&
              ranking.indexOf(item.paymentClass) >= 0 &&
              ranking.indexOf(item.paymentClass) < rank &&
              LocalDate.daysBetween(item.due, transaction.date) > graceDays,
          )
          if (overdue.length > 0) {
            const byClass = ranking
              .filter((name) => overdue.some((item) => item.paymentClass === name))
              .map((name) => ({
                name,
                open: Quantity.sumAll(overdue.filter((item) => item.paymentClass === name).map((item) => item.open)),
              }))
            const evidence: Evidence[] = [
              transactionEvidence(
                transaction,
                `payment of class ${paymentClass} ${showMoney(posting.money.quantity, posting.money.commodity)}`,
              ),
              ...overdue.map((item) =>
                transactionEvidence(
                  item.transaction,
                  `${item.paymentClass} due ${item.due}, ${showMoney(item.open, books.currency)} still open`,
                ),
              ),
            ]
            drafts.push({
              severity: 'warn',
              entity: place.entity,
              date: transaction.date,
              accounts: [posting.account, ...overdue.map((item) => item.account)],
              moneyGap: posting.money,
              measures: [
                amountMeasure('paid', posting.money.quantity, posting.money.commodity),
                ...byClass.map((item) => amountMeasure(`overdue:${item.name}`, item.open, books.currency)),
                numberMeasure('queued', Quantity.unsafeFromInteger(overdue.length)),
              ],
              threshold: {
                text:
                  `a payment of class ${paymentClass} while a class ranked above it (order ${ranking.join(' > ')}` +
                  `) was overdue more than ${graceDays} days`,
              },
              evidence,
              message:
                `${place.entity} paid ${showMoney(posting.money.quantity, posting.money.commodity)} of class ` +
                `${paymentClass} on ${transaction.date} while ` +
                `${byClass.map((item) => `${showMoney(item.open, books.currency)} of ${item.name}`).join(' and ')}` +
                ` ${overdue.length === 1 ? 'was' : 'were'} due and unpaid (order in force: ${ranking.join(' > ')}` +
                `).`,
            })
          }
        }
        // settle this account's obligations, earliest due first
        let left = posting.money.quantity
        const own = (onAccount.get(posting.account) ?? [])
          .filter((item) => Quantity.sign(item.open) > 0)
          .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.transaction.index - b.transaction.index))
        if (onAccount.has(posting.account)) onAccount.set(posting.account, own)
        for (const item of own) {
          if (Quantity.sign(left) <= 0) break
          const settled = Quantity.min(left, item.open)
          item.open = Quantity.subtract(item.open, settled)
          left = Quantity.subtract(left, settled)
        }
      }
    }
    for (const figure of reported) {
      if (
        !figure.metric.startsWith('payment-priority:') ||
        figure.period.start > asOf ||
        figure.value._tag !== 'Word' ||
        !yes(figure.value.word)
      )
        continue
      const what = figure.metric.slice('payment-priority:'.length).replace(/-/gu, ' ')
      drafts.push({
        severity: 'warn',
        entity: figure.entity,
        period: figure.period,
        date: figure.period.endExclusive <= asOf ? Flows.dayBefore(figure.period.endExclusive) : asOf,
        threshold: { text: 'a breach of the payment order stated in the record' },
        evidence: [reportedEvidence(figure, `the record states: ${what}`)],
        message:
          `The record states that ${figure.entity} paid ${what} in ${figure.period.label}: a breach of the ` +
          `payment order, stated without amounts (the books hold no payment queue for it).`,
      })
    }
    return drafts
  },
})
