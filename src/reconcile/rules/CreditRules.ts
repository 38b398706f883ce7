/**
 * R11 same planned output pledged more than once; R13 bills of exchange between state parties
 * after the credit reform, and discount proceeds to persons or savings banks.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { Entity, Ledger, LocalDate, Quantity } from '../../core/index.js'
import { discount } from '../../domain/Arithmetic.js'
import { type Bill, type Books, type DocumentId, roleOf } from '../../domain/Books.js'
import { valueAt } from '../../domain/Parameters.js'
import { Exposure, Flows } from '../../measures/index.js'
import {
  amountMeasure,
  documentEvidence,
  type Evidence,
  numberMeasure,
  showMoney,
  transactionEvidence,
} from '../Finding.js'
import * as Param from '../Param.js'
import { type FindingDraft, unsafeDefineRule } from '../Rule.js'
import { isPlain } from './common.js'

/**
 * Rule R11 (`same-output-pledged`): critical when the loans against one lot or contract exceed `coverageMax` times its
 * contract value (default 1, ratio with four decimals), warn after `revisionsWithLoans` specification revisions each
 * followed by a loan (default 2).
 */
export const sameOutputPledged = unsafeDefineRule({
  id: 'same-output-pledged',
  title: 'Same planned output pledged more than once',
  description:
    'For every lot and contract: exposure = Σ principal of the loans whose collateral names it (seller ' +
    'and buyer side, drawn by the as-of date; a refinanced loan counts through its successor); ' +
    'coverage = exposure / value of the current contract version (unit price × units). Coverage > ' +
    '`coverageMax` → critical. Specification revisions each followed by a new loan, ≥ ' +
    '`revisionsWithLoans` of them → warn.',
  motivation:
    'domain.md M4, R11 (fn 76–77: seller and buyer each "needed an additional loan"); §3.1 "multiple ' +
    'crediting against one and the same goods".',
  parameters: { coverageMax: Param.decimal, revisionsWithLoans: Param.count },
  defaults: { coverageMax: Quantity.unsafeFromInteger(1), revisionsWithLoans: 2 },
  evaluate: ({ books, asOf, index }, { coverageMax, revisionsWithLoans }) => {
    const drafts: FindingDraft[] = []
    const ids: DocumentId[] = [...books.lots.keys(), ...books.contracts.keys()].sort()
    for (const id of ids) {
      const measured = Exposure.exposure(books, id, asOf, index)
      if (measured === undefined || measured.loans.length === 0) continue
      const lot = books.lots.get(id)
      const entity = lot?.entity ?? measured.contract?.seller
      const evidence: Evidence[] = [
        ...measured.loans.flatMap((item) =>
          documentEvidence(
            books,
            item.loan,
            `loan ${item.loan.id} (${item.side} side, ${item.loan.lender} → ${item.loan.borrower}) ` +
              `${showMoney(item.loan.principal, books.currency)} on ${item.loan.date}`,
          ),
        ),
        ...(measured.contract !== undefined ? documentEvidence(books, measured.contract) : []),
      ]
      const loanIds = measured.loans.map((item) => item.loan.id)
      const measures = [
        amountMeasure('exposure', measured.total, books.currency),
        ...(O.isSome(measured.contractValue)
          ? [amountMeasure('contract-value', measured.contractValue.value, books.currency)]
          : []),
        ...(O.isSome(measured.coverage) ? [numberMeasure('coverage', measured.coverage.value)] : []),
        numberMeasure('loans', Quantity.unsafeFromInteger(measured.loans.length)),
        amountMeasure(
          'exposure:seller',
          Quantity.sumAll(measured.loans.filter((item) => item.side === 'seller').map((item) => item.loan.principal)),
          books.currency,
        ),
        amountMeasure(
          'exposure:buyer',
          Quantity.sumAll(measured.loans.filter((item) => item.side === 'buyer').map((item) => item.loan.principal)),
          books.currency,
        ),
      ]
      const base = {
        ...(entity !== undefined ? { entity } : {}),
        date: measured.loans[measured.loans.length - 1]?.loan.date ?? asOf,
        documents: [...loanIds, ...(measured.contract !== undefined ? [measured.contract.id] : [])],
        lots: measured.kind === 'lot' ? [id] : [],
        evidence,
      }
      if (
        O.isSome(measured.coverage) &&
        O.isSome(measured.contractValue) &&
        Quantity.compare(measured.total, Quantity.multiply(coverageMax, measured.contractValue.value)) > 0
      ) {
        const excess = Quantity.subtract(measured.total, measured.contractValue.value)
        drafts.push({
          ...base,
          severity: 'critical',
          moneyGap: { quantity: excess, commodity: books.currency },
          measures,
          threshold: {
            text: `coverage > ${Quantity.toString(coverageMax)}`,
            value: { _tag: 'Number', value: coverageMax },
          },
          message:
            `${measured.loans.length} loans totalling ${showMoney(measured.total, books.currency)} are secured ` +
            `on ${measured.kind} ${id}, worth ${showMoney(measured.contractValue.value, books.currency)} under ` +
            `the current contract version: coverage ${Quantity.toString(measured.coverage.value)}.`,
        })
      }
      const revisionsFollowed = measured.revisions.filter((revision) => revision.loansAfter.length > 0)
      if (revisionsWithLoans > 0 && revisionsFollowed.length >= revisionsWithLoans) {
        drafts.push({
          ...base,
          severity: 'warn',
          measures: [
            ...measures,
            numberMeasure('revisions-with-loans', Quantity.unsafeFromInteger(revisionsFollowed.length)),
          ],
          threshold: {
            text: `≥ ${revisionsWithLoans} specification revisions each followed by a new loan`,
            value: { _tag: 'Number', value: Quantity.unsafeFromInteger(revisionsWithLoans) },
          },
          message:
            `${revisionsFollowed.length} specification revisions of ${measured.kind} ${id} were each followed ` +
            `by a new loan against it (` +
            revisionsFollowed
              .map((revision) => `v${revision.version} ${revision.date}: ${revision.loansAfter.join(', ')}`)
              .join('; ') +
            `).`,
        })
      }
    }
    return drafts
  },
})

const sectorOf = (books: Books, entity: Entity.EntityName): Entity.Sector | undefined =>
  books.ledger.declarations.entities.get(entity)?.sector

const cutoffOn = (
  books: Books,
  parameter: LocalDate.LocalDate | '',
  date: LocalDate.LocalDate,
): LocalDate.LocalDate | undefined =>
  parameter !== '' ? parameter : valueAt(books.parameters.creditReformCutoff, date)?.value

/** Where discount proceeds went, when not to the holder's own settlement or cash account. */
const proceedsOutside = (books: Books, bill: Bill): ReadonlyArray<string> =>
  bill.discounts.flatMap((event) => {
    const owner = Ledger.entityOf(books.ledger.declarations, event.proceedsAccount)
    const role = owner === undefined ? undefined : roleOf(books.chart, owner, event.proceedsAccount)
    const own = owner === event.holder && (role === 'current' || role === 'cash')
    if (own) return []
    const sector = owner === undefined ? undefined : sectorOf(books, owner)
    return [
      `${event.proceedsAccount}` +
        `${sector === 'person' ? ' (a person)' : role === 'deposits' ? ' (a deposit account)' : ''}`,
    ]
  })

/**
 * Rule R13 (`bill-between-state-parties`): flags bills of exchange dated on or after the credit-reform cut-off
 * (critical between state parties, info otherwise) and discounts whose proceeds differ from the recorded discount
 * arithmetic.
 */
export const billBetweenStateParties = unsafeDefineRule({
  id: 'bill-between-state-parties',
  title: 'Bill of exchange between state parties after the credit reform',
  description:
    "Every bill of exchange dated on or after the credit-reform cut-off (`cutoff`; `auto` = the books' " +
    'dated `creditReformCutoff` parameter): drawer and payee (or drawee) both state-sector → critical, ' +
    "escalated in the message when discount proceeds went anywhere but the holder's own settlement or " +
    'cash account; other bills → info (a bill is itself an anomaly after the reform). A discount whose ' +
    'proceeds differ from F − F·d·t/basis (with the recorded rounding) → critical. Plain postings to ' +
    'bills accounts of a state-sector entity after the cut-off → critical.',
  motivation:
    'domain.md M5, R13, I14, §3.1, §3.10 (fn 78); the cut-off date 1930-01-30 is unverified (GSE gives only "1930").',
  parameters: { cutoff: Param.optionalDate },
  defaults: { cutoff: '' as LocalDate.LocalDate | '' },
  evaluate: ({ books, asOf }, { cutoff }) => {
    const drafts: FindingDraft[] = []
    for (const bill of [...books.bills.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
      if (bill.date > asOf) continue
      const limit = cutoffOn(books, cutoff, bill.date)
      if (limit === undefined || bill.date < limit) continue
      const stateDrawer = Entity.isStateSector(sectorOf(books, bill.drawer))
      const counterparty = Entity.isStateSector(sectorOf(books, bill.payee))
        ? bill.payee
        : Entity.isStateSector(sectorOf(books, bill.drawee)) && bill.drawee !== bill.drawer
          ? bill.drawee
          : undefined
      const outside = proceedsOutside(books, bill)
      const evidence = documentEvidence(books, bill)
      const discounted = bill.discounts.filter((event) => event.date <= asOf)
      const measures = [
        amountMeasure('face', bill.face, books.currency),
        ...discounted.map((event, index) => amountMeasure(`proceeds:${index + 1}`, event.proceeds, books.currency)),
      ]
      // Proceeds that left the holder's own settlement or cash account (a person's savings, a
      // deposit) are the point of the mechanism: a state plant's bill so discounted is critical
      // whoever the payee is.
      const diverted = discounted.length > 0 && proceedsOutside(books, { ...bill, discounts: discounted }).length > 0
      const severity = stateDrawer && (counterparty !== undefined || diverted) ? 'critical' : 'info'
      drafts.push({
        severity,
        entity: bill.drawer,
        date: bill.date,
        documents: [bill.id, ...(bill.origin !== undefined ? [bill.origin] : [])],
        moneyGap: { quantity: bill.face, commodity: books.currency },
        measures,
        threshold: {
          text: `bill dated on or after the credit-reform cut-off ${limit}`,
          value: { _tag: 'Number', value: Quantity.zero },
        },
        evidence,
        message:
          `Bill ${bill.id} of ${showMoney(bill.face, books.currency)} drawn by ${bill.drawer} to ` +
          `${bill.payee} on ${bill.date}, after the credit-reform cut-off of ${limit}` +
          `${counterparty !== undefined && stateDrawer ? ', between two state-sector parties' : ''}` +
          `${outside.length > 0 ? `; discounted with proceeds paid to ${outside.join(', ')}` : ''}.`,
      })
      for (const event of discounted) {
        const days = Math.max(0, LocalDate.daysBetween(event.date, bill.maturity))
        const computed = discount(bill.face, event.rate, days, event.basis, event.rounding)
        if (E.isLeft(computed)) continue
        const expected = computed.right
        if (Quantity.equals(expected.proceeds, event.proceeds)) continue
        drafts.push({
          severity: 'critical',
          entity: bill.drawer,
          date: event.date,
          documents: [bill.id],
          moneyGap: { quantity: Quantity.subtract(event.proceeds, expected.proceeds), commodity: books.currency },
          measures: [
            amountMeasure('proceeds', event.proceeds, books.currency),
            amountMeasure('expected', expected.proceeds, books.currency),
          ],
          threshold: { text: 'proceeds = face − face·rate·days/basis' },
          evidence,
          message:
            `Bill ${bill.id} was discounted on ${event.date} for ${showMoney(event.proceeds, books.currency)}, ` +
            `but face ${showMoney(bill.face, books.currency)} at ${Quantity.toString(event.rate)} for ${days} ` +
            `days on a ${event.basis}-day basis gives ${showMoney(expected.proceeds, books.currency)}.`,
        })
      }
    }
    const resolve = Flows.placeResolver(books)
    for (const transaction of Ledger.transactions(books.ledger)) {
      if (transaction.date > asOf || !isPlain(transaction)) continue
      for (const posting of transaction.postings) {
        const place = resolve(posting.account)
        if (
          place === undefined ||
          (place.role !== 'billsPayable' && place.role !== 'billsReceivable') ||
          posting.money === undefined
        )
          continue
        const limit = cutoffOn(books, cutoff, transaction.date)
        if (limit === undefined || transaction.date < limit || !Entity.isStateSector(sectorOf(books, place.entity)))
          continue
        const face = Quantity.abs(posting.money.quantity)
        drafts.push({
          severity: 'critical',
          entity: place.entity,
          date: transaction.date,
          accounts: [posting.account],
          moneyGap: { quantity: face, commodity: posting.money.commodity },
          measures: [amountMeasure('face', face, posting.money.commodity)],
          threshold: { text: `bill posted on or after the credit-reform cut-off ${limit}` },
          evidence: [transactionEvidence(transaction)],
          message:
            `${showMoney(face, posting.money.commodity)} was posted to the bills account ${posting.account} of ` +
            `state enterprise ${place.entity} on ${transaction.date}, after the credit-reform cut-off of ` +
            `${limit}.`,
        })
      }
    }
    return drafts
  },
})
