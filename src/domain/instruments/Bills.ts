/** Bills of exchange: drawn, accepted, endorsed, discounted, redeemed, protested. */
import * as E from 'fp-ts/lib/Either.js'
import { type AccountName, type Entity, Ledger, LocalDate, Quantity } from '../../core/index.js'
import { discount } from '../Arithmetic.js'
import type { Bill, DocumentId, Money } from '../Books.js'
import type { DomainError } from '../DomainError.js'
import type * as Op from '../Operation.js'
import { requireAt } from '../Parameters.js'
import {
  billNote,
  type Check,
  type Draft,
  debit,
  entity,
  first,
  fresh,
  type Handlers,
  isError,
  live,
  money,
  parties,
  rate,
  term,
} from './Draft.js'

const billTransfer = (
  d: Draft,
  from: Entity.EntityName,
  to: Entity.EntityName,
  face: Money,
  settles: 'debt' | 'expense',
  fromAccount: AccountName.AccountName,
): void => {
  d.dr(
    settles === 'debt' ? d.account(from, 'payables') : d.account(from, 'overhead'),
    face,
    settles === 'debt' ? { counterparty: to } : {},
  )
  d.cr(fromAccount, face, { counterparty: to })
  d.dr(d.account(to, 'billsReceivable'), face, { counterparty: from })
  d.cr(
    settles === 'debt' ? d.account(to, 'receivables') : d.account(to, 'otherIncome'),
    face,
    settles === 'debt' ? { counterparty: from } : {},
  )
}

const drawBill = (d: Draft, op: Op.DrawBill): Check => {
  const drawee = op.drawee ?? op.drawer
  const error = first(
    () => parties(d, op.drawer, op.payee),
    () => entity(d, drawee),
    () => fresh(d, op.id),
    () => money('face', op.face),
    () =>
      op.maturity <= op.date
        ? { _tag: 'MaturityNotAfterIssue', id: op.id, date: op.date, maturity: op.maturity }
        : undefined,
  )
  if (error !== undefined) return error
  d.primary = op.id
  billNote(d, op.id, op.drawer, op.payee)
  d.put<Bill>({
    kind: 'Bill',
    id: op.id,
    date: op.date,
    events: [],
    drawer: op.drawer,
    drawee,
    payee: op.payee,
    face: op.face,
    maturity: op.maturity,
    holder: op.payee,
    endorsements: [],
    discounts: [],
    status: 'Circulating',
  })
  billTransfer(d, op.drawer, op.payee, op.face, op.settles, d.account(op.drawer, 'billsPayable'))
  return undefined
}

const acceptBill = (d: Draft, op: Op.AcceptBill): Check => {
  const bill = live(d, op.bill, 'Bill')
  if (isError(bill)) return bill
  if (bill.acceptedBy !== undefined) return { _tag: 'BillAlreadyAccepted', bill: op.bill, by: bill.acceptedBy.entity }
  if (bill.drawee !== op.by)
    return { _tag: 'PartyMismatch', id: op.bill, role: 'drawee', expected: bill.drawee, actual: op.by }
  d.primary = op.bill
  d.put({ ...bill, acceptedBy: { entity: op.by, date: op.date } })
  return undefined
}

const holderOf = (d: Draft, id: DocumentId, claimed: Entity.EntityName): Bill | DomainError => {
  const bill = live(d, id, 'Bill')
  if (isError(bill)) return bill
  if (bill.holder !== claimed)
    return { _tag: 'PartyMismatch', id, role: 'holder', expected: bill.holder, actual: claimed }
  return bill
}

const endorseBill = (d: Draft, op: Op.EndorseBill): Check => {
  const bill = holderOf(d, op.bill, op.from)
  if (isError(bill)) return bill
  const error = parties(d, op.from, op.to)
  if (error !== undefined) return error
  d.primary = op.bill
  billNote(d, op.bill, op.from, op.to)
  d.put({ ...bill, holder: op.to, endorsements: [...bill.endorsements, { date: op.date, from: op.from, to: op.to }] })
  billTransfer(d, op.from, op.to, bill.face, op.settles, d.account(op.from, 'billsReceivable'))
  return undefined
}

const discountBill = (d: Draft, op: Op.DiscountBill): Check => {
  const bill = op.holder === undefined ? live(d, op.bill, 'Bill') : holderOf(d, op.bill, op.holder)
  if (isError(bill)) return bill
  const holder = op.holder ?? bill.holder
  const basis = op.basis ?? requireAt(d.books.parameters.discountBasis, op.date, 'discountBasis')
  const proceedsAccount = op.proceedsAccount ?? d.account(holder, 'current')
  const days = LocalDate.daysBetween(op.date, bill.maturity)
  const previous = bill.discounts[0]
  const error = first(
    () => parties(d, holder, op.bank),
    () =>
      previous !== undefined
        ? { _tag: 'BillAlreadyDiscounted', bill: op.bill, date: previous.date, bank: previous.bank }
        : undefined,
    () => rate(op.rate),
    () => term('basis', basis),
    () =>
      days <= 0
        ? { _tag: 'DiscountNotBeforeMaturity', bill: op.bill, maturity: bill.maturity, date: op.date }
        : undefined,
    () =>
      Ledger.entityOf(d.books.ledger.declarations, proceedsAccount) !== holder
        ? { _tag: 'AccountNotOfEntity', account: proceedsAccount, entity: holder }
        : undefined,
  )
  if (error !== undefined) return error
  const rounding = d.rounding
  const discounted = discount(bill.face, op.rate, days, basis, rounding)
  // `term` has checked the basis and `days` is a day count; the error is kept typed all the same.
  if (E.isLeft(discounted))
    return {
      _tag: 'InvalidTerm',
      field: discounted.left._tag === 'InvalidDayCount' ? discounted.left.argument : 'basis',
      value: discounted.left._tag === 'InvalidDayCount' ? discounted.left.value : basis,
    }
  const result = discounted.right
  if (Quantity.compare(result.discount, bill.face) >= 0)
    return {
      _tag: 'DiscountNotBelowFace',
      bill: op.bill,
      face: bill.face,
      discount: result.discount,
      rate: op.rate,
      days,
    }
  d.primary = op.bill
  d.put({
    ...bill,
    holder: op.bank,
    endorsements: [...bill.endorsements, { date: op.date, from: holder, to: op.bank }],
    discounts: [
      ...bill.discounts,
      {
        date: op.date,
        bank: op.bank,
        holder,
        rate: op.rate,
        days,
        basis,
        rounding,
        discount: result.discount,
        proceeds: result.proceeds,
        proceedsAccount,
      },
    ],
  })
  d.dr(proceedsAccount, result.proceeds, { counterparty: op.bank })
  d.dr(d.account(holder, 'interest'), result.discount)
  d.cr(d.account(holder, 'billsReceivable'), bill.face, { counterparty: op.bank })
  d.dr(d.account(op.bank, 'billsReceivable'), bill.face, { counterparty: holder })
  d.cr(d.account(op.bank, 'deposits'), result.proceeds, { counterparty: holder })
  d.cr(d.account(op.bank, 'interestIncome'), result.discount)
  return undefined
}

const matured = (d: Draft, id: DocumentId): Bill | DomainError => {
  const bill = live(d, id, 'Bill')
  if (isError(bill)) return bill
  if (d.date < bill.maturity) return { _tag: 'BillNotMature', bill: id, maturity: bill.maturity, date: d.date }
  return bill
}

const redeemBill = (d: Draft, op: Op.RedeemBill): Check => {
  const bill = matured(d, op.bill)
  if (isError(bill)) return bill
  const error = debit(d, bill.drawer, 'bill')
  if (error !== undefined) return error
  d.primary = op.bill
  d.put({ ...bill, status: 'Redeemed', settledOn: op.date })
  d.dr(d.account(bill.drawer, 'billsPayable'), bill.face, { counterparty: bill.holder })
  d.cr(d.account(bill.drawer, 'current'), bill.face, { counterparty: bill.holder })
  d.dr(d.account(bill.holder, 'current'), bill.face, { counterparty: bill.drawer })
  d.cr(d.account(bill.holder, 'billsReceivable'), bill.face, { counterparty: bill.drawer })
  return undefined
}

const protestBill = (d: Draft, op: Op.ProtestBill): Check => {
  const bill = matured(d, op.bill)
  if (isError(bill)) return bill
  d.primary = op.bill
  d.put({ ...bill, status: 'Protested', settledOn: op.date })
  return undefined
}

/** The operations of this instrument, by tag. */
export const handlers = {
  DrawBill: drawBill,
  AcceptBill: acceptBill,
  EndorseBill: endorseBill,
  DiscountBill: discountBill,
  RedeemBill: redeemBill,
  ProtestBill: protestBill,
} as const satisfies Handlers
